import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { JobRun } from '../../src/jobs/job-run.model';
import { JOBS } from '../../src/jobs/jobs';
import { todayIn } from '../../src/lib/dates';
import { AuditLog } from '../../src/modules/audit/audit-log.model';
import { messageIdOf, queueEmails } from '../../src/modules/notifications/outbox.service';
import { OutboxEmail } from '../../src/modules/notifications/outbox-email.model';
import { checkInvariants } from '../../src/ops/invariants';
import { useTestDatabase } from '../support/database';
import { PASSWORD, makeDeviceKey, makePerson } from '../support/factories';
import type { ApiProcess } from './support/api-process';
import { call, startApi, waitFor } from './support/api-process';

/**
 * Two API processes on one database, as behind a load balancer: jobs, throttles, revocations and
 * the email outbox behave as if there were one.
 */
useTestDatabase();
const CACHE_SECONDS = 2;
const accepted: string[] = [];
let sink: SMTPServer;
let a: ApiProcess;
let b: ApiProcess;
const keys: string[] = [];

beforeAll(async () => {
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        accepted.push(/^Message-ID:\s*(\S+)/im.exec(raw.replace(/\r?\n\s+/g, ' '))?.[1] ?? '?');
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  // Queued before either instance starts, so both pumps race for every one of them.
  for (let i = 0; i < 30; i++) keys.push(`two-${i}-${randomBytes(3).toString('hex')}`);
  await queueEmails(keys.map((key) => ({ key, to: 'team@example.com', subject: 'S', text: 'T' })));
  const env = {
    JOBS_ENABLED: 'true',
    SMTP_URL: `smtp://127.0.0.1:${(sink.server.address() as AddressInfo).port}`,
    AUTH_USER_CACHE_SECONDS: String(CACHE_SECONDS),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
    ICLOCK_MAX_REQUESTS_PER_MINUTE: '3',
    // Unknown serials count against the client address's own budget (security round 2), shared too.
    ICLOCK_REFUSED_MAX_PER_MINUTE: '3',
  };
  [a, b] = await Promise.all([startApi(env), startApi(env)]);
}, 240_000);

afterAll(async () => {
  await Promise.all([a?.kill(), b?.kill()]);
  await new Promise<void>((resolve) => sink.close(() => resolve()));
});

describe('two API instances on one database', () => {
  it('when both tick then each job runs once for the date', async () => {
    const today = todayIn('UTC');
    const jobs = Object.keys(JOBS);
    await waitFor('every job to be done today', async () => {
      const done = await JobRun.countDocuments({ runKey: today, status: 'done' });
      return done === jobs.length;
    });
    // Both instances keep ticking every second; give them a few more ticks to (not) run anything.
    const after = Date.now();
    await waitFor('a few more ticks', () => Date.now() - after > 3000, { everyMs: 200 });
    const runs = await AuditLog.find({ action: 'job.run', 'metadata.date': today }).lean();
    expect(runs.map((r) => r.entityId).sort()).toEqual([...jobs].sort());
  });

  it('when emails are queued then both pumps together send each exactly once', async () => {
    await waitFor('all emails to be sent', async () => {
      const sent = await OutboxEmail.countDocuments({ key: mongoose.trusted({ $in: keys }), status: 'sent' });
      return sent === keys.length;
    });
    expect([...accepted].sort()).toEqual(keys.map(messageIdOf).sort());
    const counts = await OutboxEmail.find({ key: mongoose.trusted({ $in: keys }) }, { sendCount: 1 }).lean();
    expect(counts.every((e) => e.sendCount === 1)).toBe(true);
  });

  it('when sign-ins fail on both instances then the account throttle counts them together', async () => {
    const person = await makePerson('employee');
    const attempt = (api: ApiProcess, password: string) =>
      call(api, 'POST', '/api/v1/auth/login', { body: { email: person.email, password } });
    expect((await attempt(a, 'wrong-password-1')).status).toBe(401);
    expect((await attempt(b, 'wrong-password-2')).status).toBe(401);
    expect((await attempt(a, 'wrong-password-3')).status).toBe(401);
    expect((await attempt(b, PASSWORD)).status).toBe(429);
  });

  it('when a terminal calls both instances then the per-device rate limit is shared', async () => {
    const path = `/iclock/cdata?SN=UNKNOWN-${randomBytes(3).toString('hex')}`;
    const statuses = [];
    for (const api of [a, b, a, b]) statuses.push((await call(api, 'GET', path)).status);
    expect(statuses).toEqual([403, 403, 403, 429]);
  });

  it('when an admin disables a login on one instance then the other refuses it within AUTH_USER_CACHE_SECONDS', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    expect((await call(b, 'GET', '/api/v1/auth/me', { auth: person.auth })).status).toBe(200);
    const disabled = await call(a, 'PATCH', `/api/v1/users/${person.userId}`, {
      auth: admin.auth,
      body: { active: false },
    });
    expect(disabled.status).toBe(200);
    const at = Date.now();
    expect((await call(a, 'GET', '/api/v1/auth/me', { auth: person.auth })).status).toBe(401);
    await waitFor('the other instance to refuse the login', async () => {
      return (await call(b, 'GET', '/api/v1/auth/me', { auth: person.auth })).status === 401;
    });
    // Bounded by the cache lifetime, with a margin for a loaded machine (not a performance check).
    expect(Date.now() - at).toBeLessThan(CACHE_SECONDS * 1000 + 3000);
    expect((await checkInvariants()).violations).toEqual([]);
  });

  it('when an admin deactivates someone on one instance then the other refuses their punches from its next batch', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    const key = await makeDeviceKey();
    const code = person.employee!.employeeCode;
    const ingest = (hoursAgo: number) =>
      call(b, 'POST', '/api/v1/attendance/ingest', {
        headers: { 'X-Device-Key': key },
        body: {
          events: [
            { employeeCode: code, timestamp: new Date(Date.now() - hoursAgo * 3_600_000).toISOString() },
          ],
        },
      });
    // The first batch fills b's roster cache with the person as active.
    expect((await ingest(3)).body).toMatchObject({ accepted: 1 });
    const deactivated = await call(a, 'DELETE', `/api/v1/employees/${person.employee!.id}`, {
      auth: admin.auth,
    });
    expect(deactivated.status).toBe(204);
    // No waiting: the roster version moved on with the write, and b reads it before each batch.
    expect((await ingest(2)).body).toMatchObject({
      accepted: 0,
      rejected: [{ index: 0, reason: 'employee is not active' }],
    });
  });
});

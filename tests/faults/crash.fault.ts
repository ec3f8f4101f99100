import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import mongoose from 'mongoose';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { JobRun } from '../../src/jobs/job-run.model';
import { AuditLog } from '../../src/modules/audit/audit-log.model';
import { IntegrationEvent } from '../../src/modules/integrations/integration-event.model';
import { todayIn } from '../../src/lib/dates';
import { Punch } from '../../src/modules/attendance/punch.model';
import { runAccrual } from '../../src/modules/leave';
import { LedgerEntry } from '../../src/modules/leave/leave-ledger.model';
import { LeaveRequest } from '../../src/modules/leave/leave-request.model';
import { messageIdOf, queueEmails } from '../../src/modules/notifications/outbox.service';
import { OutboxEmail } from '../../src/modules/notifications/outbox-email.model';
import { checkInvariants } from '../../src/ops/invariants';
import { testApp } from '../support/app';
import { testDatabaseUri, useTestDatabase } from '../support/database';
import { makeEmployee, makePerson } from '../support/factories';
import { makeLeaveType } from '../support/leave-factories';
import type { ApiProcess } from './support/api-process';
import { call, startApi, waitFor } from './support/api-process';

/**
 * Kill -9 in the middle of work, restart, and nothing is lost or doubled: the invariants hold and
 * the interrupted work completes once (by the client's retry, or by a lease taken over).
 */
useTestDatabase();
let api: ApiProcess | undefined;
afterEach(async () => {
  await api?.kill();
  api = undefined;
});

async function expectInvariantsHold() {
  const report = await checkInvariants();
  expect(report.violations).toEqual([]);
}

describe('an API process killed mid-work', () => {
  it('when it dies mid ingest batch then the device replays the batch and every punch is stored exactly once', async () => {
    const admin = await makePerson('admin');
    const codes: string[] = [];
    for (let i = 0; i < 40; i++) codes.push((await makeEmployee({ employeeCode: `K${i}` })).employeeCode);
    api = await startApi();
    const device = await call(api, 'POST', '/api/v1/devices', { auth: admin.auth, body: { name: 'Gate' } });
    expect(device.status).toBe(201);
    const key = { 'X-Device-Key': (device.body as { apiKey: string }).apiKey };
    const start = Date.now() - 2 * 86_400_000;
    const events = Array.from({ length: 1000 }, (_, i) => ({
      eventId: `ev-${i}`,
      employeeCode: codes[i % codes.length]!,
      timestamp: new Date(start + i * 60_000).toISOString(),
    }));

    const first = call(api, 'POST', '/api/v1/attendance/ingest', { headers: key, body: { events } }).catch(
      (err: unknown) => err,
    );
    await waitFor('the batch to be half written', async () => (await Punch.countDocuments()) > 0);
    await api.kill();
    await first;

    api = await startApi();
    const replay = await call(api, 'POST', '/api/v1/attendance/ingest', { headers: key, body: { events } });
    expect(replay.status).toBe(202);
    const result = replay.body as { accepted: number; duplicates: number; rejected: unknown[] };
    expect(result.accepted + result.duplicates + result.rejected.length).toBe(1000);
    expect(await Punch.countDocuments()).toBe(1000 - result.rejected.length);
    expect(await Punch.distinct('eventKey')).toHaveLength(1000 - result.rejected.length);
    await expectInvariantsHold();
  });

  it('when it dies mid approvals then the approver retries, each request is decided once and its ledger is complete', async () => {
    const manager = await makePerson('manager');
    const type = await makeLeaveType({ noticeDays: 0 });
    const ids: string[] = [];
    const app = testApp();
    for (let i = 0; i < 25; i++) {
      const employee = await makePerson('employee', { employee: { managerId: manager.employee!.id } });
      const submitted = await request(app)
        .post('/api/v1/leave-requests')
        .set(employee.auth)
        .send({ leaveTypeId: type.id, startDate: '2027-03-01', endDate: '2027-03-02' })
        .expect(201);
      ids.push((submitted.body as { id: string }).id);
    }
    api = await startApi();
    const approvals = ids.map((id) =>
      call(api!, 'POST', `/api/v1/leave-requests/${id}/approve`, { auth: manager.auth, body: {} }).catch(
        (err: unknown) => err,
      ),
    );
    await waitFor(
      'the first approval',
      async () => (await LeaveRequest.countDocuments({ status: 'approved' })) > 0,
    );
    await api.kill();
    await Promise.all(approvals);
    const approvedAtKill = (await LeaveRequest.find({ status: 'approved' }, { _id: 1 }).lean()).map((r) =>
      r._id.toHexString(),
    );

    // Without any retry, the restarted process finishes what the killed one left after its writes:
    // every approval stored before the kill gets its audit entry and its leave.approved event.
    api = await startApi({ JOBS_ENABLED: 'true', UNFINISHED_WORK_SWEEP_SECONDS: '1' });
    await waitFor('the sweeper to finish the interrupted approvals', async () => {
      const events = await IntegrationEvent.countDocuments({
        key: mongoose.trusted({ $in: approvedAtKill.map((id) => `leave.approved:${id}`) }),
      });
      return events === approvedAtKill.length;
    });
    for (const id of ids) {
      const retry = await call(api, 'POST', `/api/v1/leave-requests/${id}/approve`, {
        auth: manager.auth,
        body: {},
      });
      expect([200, 409]).toContain(retry.status);
    }
    expect(await LeaveRequest.countDocuments({ status: 'approved' })).toBe(ids.length);
    // Each approval exactly once in the audit trail and in the events feed, however it was finished.
    expect(await IntegrationEvent.countDocuments({ type: 'leave.approved' })).toBe(ids.length);
    for (const id of ids)
      expect(await AuditLog.countDocuments({ action: 'leave_request.approve', entityId: id })).toBe(1);
    await expectInvariantsHold();
  });

  it('when it dies mid accrual run then another start takes the run over after its lease and completes it once', async () => {
    await makeLeaveType({ accrual: 'monthly', annualEntitlement: 24 });
    await makeLeaveType({ accrual: 'yearly', annualEntitlement: 20 });
    for (let i = 0; i < 120; i++) await makeEmployee({ hireDate: '2025-03-01' });
    const today = todayIn('UTC');
    // An earlier test in this file ran the jobs (its sweeper needs them): today's run starts afresh.
    await JobRun.deleteMany({ job: 'accrual' });
    const accrualsBefore = await LedgerEntry.countDocuments({ kind: 'accrual' });
    api = await startApi({ JOBS_ENABLED: 'true' });
    await waitFor('the accrual run to be under way', async () => {
      const run = await JobRun.findOne({ job: 'accrual', runKey: today }).lean();
      return (
        run?.status === 'running' && (await LedgerEntry.countDocuments({ kind: 'accrual' })) > accrualsBefore
      );
    });
    await api.kill();
    const interrupted = await JobRun.findOne({ job: 'accrual', runKey: today }).lean();
    expect(interrupted?.status).toBe('running');

    api = await startApi({ JOBS_ENABLED: 'true' });
    const done = await waitFor('the accrual run to be taken over and done', async () => {
      const run = await JobRun.findOne({ job: 'accrual', runKey: today }).lean();
      return run?.status === 'done' ? run : undefined;
    });
    expect(done.attempts).toBe(2);
    // Complete: running accrual again for the day writes nothing more.
    expect((await runAccrual(today)).entriesWritten).toBe(0);
    await expectInvariantsHold();
  });

  it('when it dies mid mail send then the mail is sent after the lease expires, and accepted exactly once', async () => {
    const accepted: string[] = [];
    let holdFirst = true;
    let held = false;
    const sink = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          // The first message is received but never acknowledged: the sender dies before the 250.
          if (holdFirst) {
            holdFirst = false;
            held = true;
            return;
          }
          accepted.push(/^Message-ID:\s*(\S+)/im.exec(raw.replace(/\r?\n\s+/g, ' '))?.[1] ?? '?');
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const smtp = `smtp://127.0.0.1:${(sink.server.address() as AddressInfo).port}`;
    try {
      // Only this email in the outbox: earlier tests' notifications would reach the sink first.
      await OutboxEmail.deleteMany({});
      const key = `fault-${randomBytes(3).toString('hex')}`;
      await queueEmails([{ key, to: 'a@example.com', subject: 'S', text: 'T' }]);
      api = await startApi({ JOBS_ENABLED: 'true', SMTP_URL: smtp });
      await waitFor('the mail to reach the server', () => held);
      await api.kill();
      expect(await OutboxEmail.findOne({ key }).lean()).toMatchObject({ status: 'pending', attempts: 1 });

      api = await startApi({ JOBS_ENABLED: 'true', SMTP_URL: smtp });
      const sent = await waitFor('the mail to be sent', async () => {
        const email = await OutboxEmail.findOne({ key }).lean();
        return email?.status === 'sent' ? email : undefined;
      });
      expect(sent).toMatchObject({ attempts: 2, sendCount: 1 });
      expect(accepted).toEqual([messageIdOf(key)]);
      await expectInvariantsHold();
    } finally {
      await new Promise<void>((resolve) => sink.close(() => resolve()));
    }
  });

  it('when the checker runs as a command on the database the crashes left then it reports every invariant holding, and writes nothing', async () => {
    const collections = async () =>
      (await mongoose.connection.db!.listCollections().toArray()).map((c) => c.name).sort();
    const before = await collections();
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/ops/check-invariants.ts'], {
      cwd: path.resolve(__dirname, '../..'),
      env: { PATH: process.env.PATH ?? '', MONGODB_URI: `${testDatabaseUri()}/${mongoose.connection.name}` },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { ok: boolean; checked: Record<string, number> };
    expect(report.ok).toBe(true);
    expect(report.checked.punches).toBe(1000);
    expect(await collections()).toEqual(before);
  });
});

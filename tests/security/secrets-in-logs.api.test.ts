import { Writable } from 'node:stream';
import request from 'supertest';
import winston from 'winston';
import { buildApp } from '../../src/app';
import { setConfigForTests } from '../../src/config';
import type { RouteDefinition } from '../../src/http/routes';
import { redactUrl } from '../../src/http/redact';
import { settleAfterResponseWork } from '../../src/lib/after-response';
import { logger } from '../../src/lib/logger';
import { AuditLog } from '../../src/modules/audit/audit-log.model';
import { processOutbox } from '../../src/modules/notifications';
import { OutboxEmail } from '../../src/modules/notifications/outbox-email.model';
import { useTestDatabase } from '../support/database';
import { PASSWORD, makeEmployee, makePerson } from '../support/factories';

/**
 * Class: secrets in logs and open operational endpoints (OWASP API8 and API9; ASVS 7.1.1, 7.1.2 and
 * 14.3.3). Every log line written while a run creates and uses secrets (passwords, access and refresh
 * tokens, reset and invitation tokens, calendar feed tokens, device keys, the metrics token) is
 * captured at debug level, and none of those secrets may appear in it, nor in the audit trail.
 */
useTestDatabase();
const METRICS_TOKEN = 'metrics-scraper-secret-0123456789-abcdefgh';
setConfigForTests({ METRICS_TOKEN });
const boom: RouteDefinition = {
  method: 'get',
  path: '/test/boom/:anything',
  access: 'public',
  handlers: [
    () => {
      throw new Error('an unexpected failure');
    },
  ],
  doc: { summary: 'test route', responses: {} },
};
const { app } = buildApp({ extraRoutes: [boom] });

const lines: string[] = [];
const capture = new winston.transports.Stream({
  stream: new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  }),
});
const saved = { silent: logger.silent, level: logger.level };
// The console stays quiet: only the capture hears the lines.
const others = logger.transports.map((transport) => ({ transport, silent: transport.silent }));
beforeAll(() => {
  for (const { transport } of others) transport.silent = true;
  logger.silent = false;
  logger.level = 'debug';
  logger.add(capture);
});
afterAll(() => {
  logger.remove(capture);
  Object.assign(logger, saved);
  for (const { transport, silent } of others) transport.silent = silent;
});

const secrets = new Map<string, string>();
function keep(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.length < 12) throw new Error(`no ${name} to keep`);
  secrets.set(name, value);
  return value;
}
const pasted = async (to: string) => {
  await settleAfterResponseWork();
  const mail = await OutboxEmail.findOne({ to }).sort({ createdAt: -1 }).lean();
  return /paste: ([A-Za-z0-9_-]{40,})/.exec(mail?.text ?? '')?.[1];
};

describe('secrets in logs', () => {
  it('redacts tokens in paths and secret-named query parameters, keeping ids', () => {
    const token = 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5';
    expect(redactUrl(`/api/v1/calendar/feeds/${token}.ics?x=1`)).toBe(
      '/api/v1/calendar/feeds/[REDACTED].ics?x=1',
    );
    expect(redactUrl('/api/v1/employees/0123456789abcdef01234567?limit=5')).toBe(
      '/api/v1/employees/0123456789abcdef01234567?limit=5',
    );
    expect(redactUrl('/x?token=short&apiKey=k&page=2&access_token=a')).toBe(
      '/x?token=[REDACTED]&apiKey=[REDACTED]&page=2&access_token=[REDACTED]',
    );
  });

  it('when a run creates and uses secrets then no captured log line or audit entry contains one', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('manager');
    keep('factory password', PASSWORD);

    const session = await request(app)
      .post('/api/v1/auth/login')
      .send({ email: person.email, password: PASSWORD });
    keep('access token', session.body.accessToken);
    keep('refresh token', session.body.refreshToken);
    await request(app)
      .post('/api/v1/auth/login')
      .send({ email: person.email, password: 'Wrong-but-secret-guess-77' });
    keep('wrong password', 'Wrong-but-secret-guess-77');
    const auth = { Authorization: `Bearer ${session.body.accessToken}` };
    const rotated = await request(app)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: session.body.refreshToken });
    keep('rotated refresh token', rotated.body.refreshToken);

    const feed = await request(app)
      .post('/api/v1/calendar/feed')
      .set({ Authorization: `Bearer ${rotated.body.accessToken}` })
      .expect(200);
    const feedToken = keep('feed token', /feeds\/([^/]+)\.ics$/.exec(feed.body.url)?.[1]);
    await request(app).get(`/api/v1/calendar/feeds/${feedToken}.ics`).expect(200);
    await request(app).get(`/api/v1/calendar/feeds/${feedToken}.ics?token=${feedToken}`).expect(400);
    await request(app).get(`/api/v1/calendar/feeds/${feedToken}x.ics`).expect(404);
    await request(app).get(`/test/boom/${feedToken}`).expect(500);

    const device = await request(app)
      .post('/api/v1/devices')
      .set(admin.auth)
      .send({ name: 'Door', serialNumber: 'LOGSCAN01' })
      .expect(201);
    const deviceKey = keep('device key', device.body.apiKey);
    await request(app)
      .post('/api/v1/attendance/ingest')
      .set('X-Device-Key', deviceKey)
      .send({ events: [{ employeeCode: 'nobody', timestamp: '2026-11-23T09:00:00Z', direction: 'in' }] });
    await request(app)
      .post('/api/v1/attendance/ingest')
      .set('X-Device-Key', `${deviceKey}x`)
      .send({ events: [] });

    await request(app)
      .get('/metrics')
      .set('Authorization', `Bearer ${keep('metrics token', METRICS_TOKEN)}`)
      .expect(200);
    await request(app).get('/metrics').expect(401);

    await request(app).post('/api/v1/auth/forgot-password').send({ email: person.email }).expect(202);
    const resetToken = keep('reset token', await pasted(person.email));
    await request(app)
      .post('/api/v1/auth/reset-password')
      .send({ token: resetToken, newPassword: keep('reset password', 'Lantern-orchard-pebble-41') })
      .expect(204);
    const again = await request(app)
      .post('/api/v1/auth/login')
      .send({ email: person.email, password: 'Lantern-orchard-pebble-41' })
      .expect(200);
    await request(app)
      .post('/api/v1/auth/change-password')
      .set({ Authorization: `Bearer ${again.body.accessToken}` })
      .send({
        currentPassword: 'Lantern-orchard-pebble-41',
        newPassword: keep('changed password', 'Quartz-meadow-violin-58'),
      })
      .expect(204);

    const employee = await makeEmployee();
    await request(app)
      .post('/api/v1/users/invitations')
      .set(admin.auth)
      .send({ email: employee.email, role: 'employee', employeeId: employee.id })
      .expect(201);
    const invitationToken = keep('invitation token', await pasted(employee.email));
    await request(app)
      .post('/api/v1/auth/accept-invitation')
      .send({ token: invitationToken, password: keep('invited password', 'Harbour-tulip-granite-93') })
      .expect(204);
    await request(app)
      .post('/api/v1/auth/logout')
      .send({ refreshToken: rotated.body.refreshToken })
      .expect(204);
    await request(app).get('/api/v1/auth/me').set(auth).expect(401);
    await processOutbox(); // no SMTP in tests: the mailer logs each email it cannot send

    await settleAfterResponseWork();
    const logged = lines.join('');
    expect(lines.length).toBeGreaterThan(20);
    expect(logged).toContain('/api/v1/calendar/feeds/[REDACTED].ics');
    const audit = JSON.stringify(await AuditLog.find().lean());
    const leaks = [...secrets]
      .filter(([, value]) => logged.includes(value) || audit.includes(value))
      .map(([name]) => name);
    expect(leaks).toEqual([]);
    expect(secrets.size).toBe(13);
  });
});

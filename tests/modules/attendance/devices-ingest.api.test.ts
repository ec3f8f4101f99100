import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { Device } from '../../../src/modules/attendance/device.model';
import { Punch } from '../../../src/modules/attendance/punch.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makePerson } from '../../support/factories';

useTestDatabase();
const app = testApp();
beforeEach(() => setClockForTests('2026-11-23T12:00:00Z'));
afterAll(() => setClockForTests(undefined));

async function registerDevice(
  admin: Person,
  body: object = { name: 'Front door', timezone: 'Europe/Berlin' },
) {
  const res = await request(app).post('/api/v1/devices').set(admin.auth).send(body).expect(201);
  return res.body as { id: string; apiKey: string };
}

const ingest = (key: string, events: unknown[]) =>
  request(app).post('/api/v1/attendance/ingest').set('X-Device-Key', key).send({ events });

describe('devices', () => {
  it('when an admin registers a device then the key is shown once and stored only hashed', async () => {
    const admin = await makePerson('admin');
    const device = await registerDevice(admin);
    expect(device.apiKey).toMatch(/^dk_[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
    const list = await request(app).get('/api/v1/devices').set(admin.auth).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(device.apiKey.split('.')[1]);
    const stored = await Device.findById(device.id).select('+secretHash').lean();
    expect(JSON.stringify(stored)).not.toContain(device.apiKey.split('.')[1]);
    expect(JSON.stringify(await AuditLog.find({ entityId: device.id }).lean())).not.toContain(
      device.apiKey.split('.')[1],
    );
  });

  it('when a device is revoked then its key stops working at once', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    const device = await registerDevice(admin);
    const event = {
      employeeCode: person.employee!.employeeCode,
      timestamp: '2026-11-23T09:00:00Z',
      direction: 'in',
    };
    await ingest(device.apiKey, [event]).expect(202);
    await request(app).delete(`/api/v1/devices/${device.id}`).set(admin.auth).expect(204);
    await ingest(device.apiKey, [event]).expect(401);
  });

  it('when the key is missing, malformed or forged then 401; devices cannot be managed by non-admins', async () => {
    const admin = await makePerson('admin');
    const manager = await makePerson('manager');
    const device = await registerDevice(admin);
    await request(app)
      .post('/api/v1/attendance/ingest')
      .send({ events: [{}] })
      .expect(401);
    await ingest('not-a-key', [{}]).expect(401);
    await ingest(`${device.apiKey.split('.')[0]}.${'A'.repeat(43)}`, [{}]).expect(401);
    await request(app).post('/api/v1/devices').set(manager.auth).send({ name: 'x' }).expect(403);
    await request(app).get('/api/v1/devices').set(manager.auth).expect(403);
  });
});

describe('POST /attendance/ingest', () => {
  it('when some events are bad then they are rejected one by one with a reason while the rest are stored', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee', { employee: { timezone: 'Europe/Berlin' } });
    const leaver = await makePerson('employee');
    await request(app).delete(`/api/v1/employees/${leaver.employee!.id}`).set(admin.auth).expect(204);
    const device = await registerDevice(admin);
    const code = person.employee!.employeeCode;
    const res = await ingest(device.apiKey, [
      { eventId: 'e1', employeeCode: code, timestamp: '2026-11-23T08:58:00+01:00', direction: 'in' },
      { eventId: 'e2', employeeCode: 'NOBODY', timestamp: '2026-11-23T09:00:00Z' },
      { eventId: 'e3', employeeCode: code, timestamp: 'yesterday-ish' },
      { eventId: 'e4', employeeCode: code, timestamp: '2026-11-23T12:30:00Z' },
      { eventId: 'e5', employeeCode: code, timestamp: '2025-01-01T09:00:00Z' },
      'not an object',
      { eventId: 'e6', employeeCode: code, timestamp: '2026-11-23T10:00:00Z', direction: 'sideways' },
      { eventId: 'e7', employeeCode: leaver.employee!.employeeCode, timestamp: '2026-11-23T09:00:00Z' },
      { eventId: 'e8', employeeCode: code, timestamp: '2026-11-23 12:30:00', direction: 'out' },
    ]).expect(202);
    expect(res.body).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [
        { index: 1, reason: 'unknown employeeCode' },
        { index: 2, reason: 'timestamp is not an ISO 8601 date-time' },
        { index: 3, reason: 'timestamp is more than 5 minutes in the future' },
        { index: 4, reason: 'timestamp is older than 31 days' },
        { index: 5, reason: 'event must be an object' },
        { index: 6, reason: 'direction must be in or out' },
        { index: 7, reason: 'employee is not active' },
      ],
    });
    // The offset-less time is the device's local time (Berlin): 12:30 local is 11:30Z.
    const punches = await Punch.find({ employeeId: person.employee!.id }).sort({ at: 1 }).lean();
    expect(punches.map((p) => p.at.toISOString())).toEqual([
      '2026-11-23T07:58:00.000Z',
      '2026-11-23T11:30:00.000Z',
    ]);
    const day = await request(app)
      .get(`/api/v1/attendance?employeeId=${person.employee!.id}&from=2026-11-23&to=2026-11-23`)
      .set(admin.auth)
      .expect(200);
    expect(day.body.data[0]).toMatchObject({
      status: 'present',
      workedMinutes: 212,
      late: false,
      earlyLeave: true,
    });
    const audit = await AuditLog.find({ action: 'attendance.ingest', entityId: device.id }).lean();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: { kind: 'device', id: device.id },
      metadata: { received: 9, accepted: 2, rejected: 7 },
    });
  });

  it('when a batch is replayed, or the same event comes with another id, then nothing new is stored', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    const device = await registerDevice(admin);
    const code = person.employee!.employeeCode;
    const batch = [
      { eventId: 'r1', employeeCode: code, timestamp: '2026-11-23T09:00:00Z', direction: 'in' },
      { eventId: 'r2', employeeCode: code, timestamp: '2026-11-23T11:00:00Z', direction: 'out' },
    ];
    expect((await ingest(device.apiKey, batch).expect(202)).body).toMatchObject({
      accepted: 2,
      duplicates: 0,
    });
    expect((await ingest(device.apiKey, batch).expect(202)).body).toMatchObject({
      accepted: 0,
      duplicates: 2,
    });
    const sameInstant = [{ eventId: 'other-id', employeeCode: code, timestamp: '2026-11-23T09:00:00Z' }];
    expect((await ingest(device.apiKey, sameInstant).expect(202)).body).toMatchObject({
      accepted: 0,
      duplicates: 1,
    });
    expect(await Punch.countDocuments({ employeeId: person.employee!.id })).toBe(2);
  });

  it('when the same batch arrives several times at once then each event is stored exactly once', async () => {
    const admin = await makePerson('admin');
    const people = await Promise.all([1, 2, 3].map(() => makePerson('employee')));
    const device = await registerDevice(admin);
    const batch = people.flatMap((p, i) => [
      {
        eventId: `c${i}-in`,
        employeeCode: p.employee!.employeeCode,
        timestamp: '2026-11-23T08:00:00Z',
        direction: 'in',
      },
      {
        eventId: `c${i}-out`,
        employeeCode: p.employee!.employeeCode,
        timestamp: '2026-11-23T11:00:00Z',
        direction: 'out',
      },
    ]);
    const results = await Promise.all([1, 2, 3, 4].map(() => ingest(device.apiKey, batch)));
    expect(results.every((r) => r.status === 202)).toBe(true);
    const accepted = results.reduce((sum, r) => sum + (r.body as { accepted: number }).accepted, 0);
    const duplicates = results.reduce((sum, r) => sum + (r.body as { duplicates: number }).duplicates, 0);
    expect(accepted).toBe(6);
    expect(duplicates).toBe(18);
    expect(await Punch.countDocuments({ deviceId: device.id })).toBe(6);
  });

  it('when the batch is not a list, is empty or has over 1000 events then 400 names events', async () => {
    const admin = await makePerson('admin');
    const device = await registerDevice(admin);
    for (const events of [[], 'x', Array.from({ length: 1001 }, () => ({}))]) {
      const res = await request(app)
        .post('/api/v1/attendance/ingest')
        .set('X-Device-Key', device.apiKey)
        .send({ events })
        .expect(400);
      expect(res.body.errors[0].field).toBe('events');
    }
  });
});

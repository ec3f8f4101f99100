import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { emitDomainEvent } from '../../../src/lib/domain-events';
import { runJob } from '../../../src/jobs/jobs';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { Notification } from '../../../src/modules/notifications/notification.model';
import { Punch } from '../../../src/modules/attendance/punch.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makeOrganisation, makePerson } from '../../support/factories';

useTestDatabase();
const app = testApp();
beforeEach(() => setClockForTests('2026-11-26T12:00:00Z'));
afterAll(() => setClockForTests(undefined));

async function punchAt(person: Person, direction: 'in' | 'out', instant: string) {
  setClockForTests(instant);
  await request(app).post(`/api/v1/attendance/check-${direction}`).set(person.auth).send({}).expect(201);
  setClockForTests('2026-11-26T12:00:00Z');
}

const exceptionsOf = (viewer: Person, query = '') =>
  request(app).get(`/api/v1/attendance/exceptions${query}`).set(viewer.auth).expect(200);

async function dayOf(viewer: Person, of: Person, date: string) {
  const res = await request(app)
    .get(`/api/v1/attendance?employeeId=${of.employee!.id}&from=${date}&to=${date}`)
    .set(viewer.auth)
    .expect(200);
  return res.body.data[0] as Record<string, unknown>;
}

describe('exceptions queue', () => {
  it('when a check-out is forgotten then the close-day job raises one missing_check_out, seen by the team manager, resolved once with a correction', async () => {
    const org = await makeOrganisation();
    await punchAt(org.direct, 'in', '2026-11-23T09:00:00Z');
    await runJob('close-day', '2026-11-26');
    await runJob('close-day', '2026-11-26'); // again: nothing new
    const team = await exceptionsOf(org.manager, '?status=open&from=2026-11-23&to=2026-11-23');
    expect(team.body.data).toEqual([
      expect.objectContaining({
        employeeId: org.direct.employee!.id,
        date: '2026-11-23',
        kind: 'missing_check_out',
        status: 'open',
      }),
    ]);
    expect((await exceptionsOf(org.otherManager)).body.total).toBe(0);
    expect((await exceptionsOf(org.direct)).body.total).toBe(1); // employees see their own
    const id = team.body.data[0].id as string;

    // The employee cannot resolve; another team's manager does not see it.
    await request(app)
      .post(`/api/v1/attendance/exceptions/${id}/resolve`)
      .set(org.direct.auth)
      .send({ reason: 'x' })
      .expect(403);
    await request(app)
      .post(`/api/v1/attendance/exceptions/${id}/resolve`)
      .set(org.otherManager.auth)
      .send({ reason: 'x' })
      .expect(404);

    const resolved = await request(app)
      .post(`/api/v1/attendance/exceptions/${id}/resolve`)
      .set(org.manager.auth)
      .send({ reason: 'Left at 17:00, confirmed', checkOut: '17:00' })
      .expect(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolvedBy: org.manager.userId });
    expect(await dayOf(org.manager, org.direct, '2026-11-23')).toMatchObject({
      workedMinutes: 480,
      missingCheckOut: false,
    });
    expect(await AuditLog.countDocuments({ action: 'attendance.exception_corrected' })).toBe(1);
    await request(app)
      .post(`/api/v1/attendance/exceptions/${id}/resolve`)
      .set(org.admin.auth)
      .send({ reason: 'again', checkOut: '18:00' })
      .expect(409);
    expect(await Punch.countDocuments({ employeeId: org.direct.employee!.id })).toBe(2);
  });

  it('when a correction in a resolution is unusable then 422 names the field and nothing is resolved', async () => {
    const org = await makeOrganisation();
    await punchAt(org.direct, 'in', '2026-11-23T09:00:00Z');
    await runJob('close-day', '2026-11-26');
    const [exception] = (await exceptionsOf(org.manager)).body.data;
    const res = await request(app)
      .post(`/api/v1/attendance/exceptions/${exception.id}/resolve`)
      .set(org.manager.auth)
      .send({ reason: 'x', checkIn: '2026-02-30T09:00:00Z' })
      .expect(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'checkIn' })]);
    expect((await exceptionsOf(org.manager, '?status=open')).body.total).toBe(1);
  });

  it('when a terminal pushes from an address it is not allowed at then an unknown_source exception appears once', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee', { employee: { timezone: 'Asia/Tokyo' } });
    const event = {
      deviceId: '665f1c2e9b1e8a0012345678',
      employeeId: person.employee!.id,
      ip: '203.0.113.9',
      at: '2026-11-25T20:00:00Z',
    };
    await emitDomainEvent('device.source_refused', event);
    await emitDomainEvent('device.source_refused', event);
    const res = await exceptionsOf(admin, '?kind=unknown_source');
    expect(res.body.data).toEqual([
      expect.objectContaining({
        kind: 'unknown_source',
        employeeId: person.employee!.id,
        date: '2026-11-26', // 05:00 the next morning in Tokyo
        deviceId: event.deviceId,
      }),
    ]);
    expect(res.body.data[0].detail).toContain('203.0.113.9');
  });

  it('when a device event arrives long after its timestamp then a clock_skew exception is raised and the punch still counts', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    const device = await request(app)
      .post('/api/v1/devices')
      .set(admin.auth)
      .send({ name: 'Gate', timezone: 'UTC' })
      .expect(201);
    await request(app)
      .post('/api/v1/attendance/ingest')
      .set('X-Device-Key', device.body.apiKey as string)
      .send({
        events: [
          { employeeCode: person.employee!.employeeCode, timestamp: '2026-11-26T09:00:00Z', direction: 'in' },
          {
            employeeCode: person.employee!.employeeCode,
            timestamp: '2026-11-26T11:55:00Z',
            direction: 'out',
          },
        ],
      })
      .expect(202);
    const skew = (await exceptionsOf(admin, '?kind=clock_skew')).body.data;
    expect(skew).toEqual([expect.objectContaining({ employeeId: person.employee!.id, date: '2026-11-26' })]);
    expect(await dayOf(admin, person, '2026-11-26')).toMatchObject({ workedMinutes: 175 });
  });
});

describe('employee corrections', () => {
  it('when an employee asks for a correction then the manager is told, approves it once, the day is recomputed and the employee is told', async () => {
    const org = await makeOrganisation();
    const created = await request(app)
      .post('/api/v1/attendance/corrections')
      .set(org.direct.auth)
      .send({ date: '2026-11-24', checkIn: '09:00', checkOut: '17:30', reason: 'Forgot my badge' })
      .expect(201);
    expect(created.body).toMatchObject({
      status: 'pending',
      employeeId: org.direct.employee!.id,
      checkIn: '2026-11-24T09:00:00.000Z',
      checkOut: '2026-11-24T17:30:00.000Z',
    });
    expect(await Notification.countDocuments({ userId: org.manager.userId })).toBe(1);
    const own = await request(app).get('/api/v1/attendance/corrections').set(org.direct.auth).expect(200);
    expect(own.body.total).toBe(1);
    const pending = await request(app)
      .get('/api/v1/attendance/corrections?status=pending')
      .set(org.manager.auth)
      .expect(200);
    expect(pending.body.data.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    const id = created.body.id as string;

    await request(app).post(`/api/v1/attendance/corrections/${id}/approve`).set(org.direct.auth).expect(403);
    await request(app)
      .post(`/api/v1/attendance/corrections/${id}/approve`)
      .set(org.otherManager.auth)
      .expect(404);
    const approved = await request(app)
      .post(`/api/v1/attendance/corrections/${id}/approve`)
      .set(org.manager.auth)
      .send({ comment: 'Matches the door log' })
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: org.manager.userId });
    expect(await dayOf(org.direct, org.direct, '2026-11-24')).toMatchObject({
      status: 'present',
      workedMinutes: 510,
    });
    await request(app).post(`/api/v1/attendance/corrections/${id}/reject`).set(org.admin.auth).expect(409);
    await request(app).post(`/api/v1/attendance/corrections/${id}/approve`).set(org.admin.auth).expect(409);
    expect(await Punch.countDocuments({ employeeId: org.direct.employee!.id })).toBe(2);
    expect(
      await Notification.countDocuments({
        userId: org.direct.userId,
        type: 'attendance.correction_approved',
      }),
    ).toBe(1);
    expect(await AuditLog.countDocuments({ action: 'attendance.correction_applied' })).toBe(1);
  });

  it('when two deciders race then exactly one decision stands', async () => {
    const org = await makeOrganisation();
    const created = await request(app)
      .post('/api/v1/attendance/corrections')
      .set(org.direct.auth)
      .send({ date: '2026-11-24', checkIn: '09:00', reason: 'Forgot to check in' })
      .expect(201);
    const url = (verb: string) => `/api/v1/attendance/corrections/${created.body.id}/${verb}`;
    const results = await Promise.all([
      request(app).post(url('approve')).set(org.manager.auth),
      request(app).post(url('reject')).set(org.admin.auth),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('when a correction is rejected then nothing is written; future dates and empty requests are 422 naming the field', async () => {
    const org = await makeOrganisation();
    const created = await request(app)
      .post('/api/v1/attendance/corrections')
      .set(org.direct.auth)
      .send({ date: '2026-11-24', checkIn: '09:00', reason: 'x' })
      .expect(201);
    await request(app)
      .post(`/api/v1/attendance/corrections/${created.body.id}/reject`)
      .set(org.manager.auth)
      .expect(200);
    expect(await Punch.countDocuments({ employeeId: org.direct.employee!.id })).toBe(0);
    const future = await request(app)
      .post('/api/v1/attendance/corrections')
      .set(org.direct.auth)
      .send({ date: '2026-12-24', checkIn: '09:00', reason: 'x' })
      .expect(422);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'date' })]);
    const empty = await request(app)
      .post('/api/v1/attendance/corrections')
      .set(org.direct.auth)
      .send({ date: '2026-11-24', reason: 'x' })
      .expect(422);
    expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'checkIn' })]);
    const tooLong = await request(app)
      .post('/api/v1/attendance/corrections')
      .set(org.direct.auth)
      .send({ date: '2026-11-24', checkIn: '06:00', checkOut: '23:00', reason: 'x' })
      .expect(422);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'checkOut' })]);
  });
});

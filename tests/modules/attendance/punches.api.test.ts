import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makeOrganisation, makePerson } from '../../support/factories';

useTestDatabase();
const app = testApp();
afterAll(() => setClockForTests(undefined));

/** Punches at the given instants (each becomes "now" for the request). */
async function punchAt(person: Person, direction: 'in' | 'out', instant: string) {
  setClockForTests(instant);
  return request(app).post(`/api/v1/attendance/check-${direction}`).set(person.auth).send({});
}

async function dayOf(viewer: Person, of: Person, date: string) {
  const res = await request(app)
    .get(`/api/v1/attendance?employeeId=${of.employee!.id}&from=${date}&to=${date}`)
    .set(viewer.auth)
    .expect(200);
  return res.body.data[0] as Record<string, unknown> | undefined;
}

describe('check-in and check-out', () => {
  it('when an employee checks in and out then the day shows first in, last out, worked minutes and no flags', async () => {
    const person = await makePerson('employee', { employee: { timezone: 'Europe/Berlin' } });
    const checkIn = await punchAt(person, 'in', '2026-11-23T07:55:00Z'); // 08:55 Berlin
    expect(checkIn.status).toBe(201);
    expect(checkIn.body).toMatchObject({
      direction: 'in',
      source: 'web',
      businessDate: '2026-11-23',
      employeeId: person.employee!.id,
    });
    await punchAt(person, 'out', '2026-11-23T16:05:00Z').then((r) => expect(r.status).toBe(201)); // 17:05
    expect(await dayOf(person, person, '2026-11-23')).toMatchObject({
      status: 'present',
      firstIn: '2026-11-23T07:55:00.000Z',
      lastOut: '2026-11-23T16:05:00.000Z',
      workedMinutes: 490,
      late: false,
      earlyLeave: false,
      overtimeMinutes: 10,
      missingCheckOut: false,
    });
    expect(await AuditLog.countDocuments({ action: 'attendance.check_in' })).toBeGreaterThanOrEqual(1);
  });

  it('when checking in twice or out without a check-in then 409', async () => {
    const person = await makePerson('employee');
    expect((await punchAt(person, 'out', '2026-11-24T08:00:00Z')).status).toBe(409);
    expect((await punchAt(person, 'in', '2026-11-24T09:00:00Z')).status).toBe(201);
    const again = await punchAt(person, 'in', '2026-11-24T09:05:00Z');
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/Already checked in/);
  });

  it('when someone checks in late beyond the grace and leaves early then both are flagged', async () => {
    const person = await makePerson('employee'); // UTC, 09:00-17:00, 10 minutes grace
    await punchAt(person, 'in', '2026-11-25T09:10:00Z');
    await punchAt(person, 'out', '2026-11-25T17:00:00Z');
    expect(await dayOf(person, person, '2026-11-25')).toMatchObject({ late: false, lateMinutes: 0 });
    await punchAt(person, 'in', '2026-11-26T09:11:00Z');
    await punchAt(person, 'out', '2026-11-26T16:30:00Z');
    expect(await dayOf(person, person, '2026-11-26')).toMatchObject({
      late: true,
      lateMinutes: 11,
      earlyLeave: true,
      overtimeMinutes: 0,
    });
  });

  it('when someone forgets to check out then the day says missing check-out and counts no worked time', async () => {
    const person = await makePerson('employee');
    await punchAt(person, 'in', '2026-11-27T09:00:00Z');
    expect(await dayOf(person, person, '2026-11-27')).toMatchObject({
      status: 'present',
      missingCheckOut: true,
      workedMinutes: 0,
      lastOut: null,
    });
    // The next morning a new check-in is possible: a stale open check-in does not block it.
    expect((await punchAt(person, 'in', '2026-11-28T09:00:00Z')).status).toBe(201);
  });
});

describe('time zones and shifts', () => {
  it('when two people punch at 23:30 local in different zones then each punch belongs to their own local day', async () => {
    const tokyo = await makePerson('employee', { employee: { timezone: 'Asia/Tokyo' } });
    const newYork = await makePerson('employee', { employee: { timezone: 'America/New_York' } });
    // 14:30Z is 23:30 in Tokyo (Nov 30); 04:30Z on Dec 1 is 23:30 in New York (Nov 30).
    const a = await punchAt(tokyo, 'in', '2026-11-30T14:30:00Z');
    const b = await punchAt(newYork, 'in', '2026-12-01T04:30:00Z');
    expect(a.body.businessDate).toBe('2026-11-30');
    expect(b.body.businessDate).toBe('2026-11-30');
  });

  it('when a night shift runs 22:00 to 06:00 then the whole shift belongs to the day it started', async () => {
    const person = await makePerson('employee', {
      employee: {
        timezone: 'Europe/London',
        schedule: { start: '22:00', end: '06:00', graceMinutes: 5, breakMinutes: 30 },
      },
    });
    const checkIn = await punchAt(person, 'in', '2026-12-01T22:02:00Z');
    const checkOut = await punchAt(person, 'out', '2026-12-02T06:30:00Z');
    expect(checkIn.body.businessDate).toBe('2026-12-01');
    expect(checkOut.body.businessDate).toBe('2026-12-01');
    expect(await dayOf(person, person, '2026-12-01')).toMatchObject({
      status: 'present',
      workedMinutes: 478, // 8h28m less the 30-minute break
      late: false,
      overtimeMinutes: 28,
      missingCheckOut: false,
    });
    expect(await dayOf(person, person, '2026-12-02')).toBeUndefined();
  });
});

describe('manual corrections', () => {
  it("when a manager records a report's day with a reason then it is stored, recomputed and audited with before and after", async () => {
    const org = await makeOrganisation();
    const res = await request(app)
      .post('/api/v1/attendance/manual')
      .set(org.manager.auth)
      .send({
        employeeId: org.indirect.employee!.id,
        date: '2026-11-20',
        checkIn: '08:50',
        checkOut: '17:40',
        reason: 'Reader was down',
      })
      .expect(201);
    expect(res.body.day).toMatchObject({
      date: '2026-11-20',
      status: 'present',
      workedMinutes: 530,
      overtimeMinutes: 50,
    });
    expect(res.body.punches).toEqual([
      expect.objectContaining({
        direction: 'in',
        source: 'manual',
        reason: 'Reader was down',
        recordedBy: org.manager.userId,
      }),
      expect.objectContaining({ direction: 'out', source: 'manual' }),
    ]);
    const entry = await AuditLog.findOne({ action: 'attendance.manual_entry' }).lean();
    expect(entry?.changes).toMatchObject({ status: { to: 'present' }, workedMinutes: { to: 530 } });
    expect(entry?.metadata).toMatchObject({ reason: 'Reader was down' });
    // Recording the same facts again is refused, not double-counted.
    await request(app)
      .post('/api/v1/attendance/manual')
      .set(org.manager.auth)
      .send({
        employeeId: org.indirect.employee!.id,
        date: '2026-11-20',
        checkIn: '08:50',
        checkOut: '17:40',
        reason: 'again',
      })
      .expect(409);
  });

  it('when the reason is missing, instants are reversed, or the caller is out of scope or the employee then it is refused', async () => {
    const org = await makeOrganisation();
    const body = {
      employeeId: org.direct.employee!.id,
      date: '2026-11-19',
      checkIn: '09:00',
      checkOut: '17:00',
    };
    const noReason = await request(app)
      .post('/api/v1/attendance/manual')
      .set(org.manager.auth)
      .send(body)
      .expect(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    await request(app)
      .post('/api/v1/attendance/manual')
      .set(org.otherManager.auth)
      .send({ ...body, reason: 'x' })
      .expect(404);
    await request(app)
      .post('/api/v1/attendance/manual')
      .set(org.direct.auth)
      .send({ ...body, reason: 'x' })
      .expect(403);
    await request(app)
      .post('/api/v1/attendance/manual')
      .set(org.manager.auth)
      .send({ ...body, employeeId: org.manager.employee!.id, reason: 'my own' })
      .expect(403);
    const reversed = await request(app)
      .post('/api/v1/attendance/manual')
      .set(org.admin.auth)
      .send({ ...body, reason: 'x', checkIn: '2026-11-19T17:00:00Z', checkOut: '2026-11-19T09:00:00Z' })
      .expect(422);
    expect(reversed.body.errors).toEqual([{ field: 'checkOut', message: 'must be after checkIn' }]);
    // An instant without an offset is the employee's local time (here UTC).
    const local = await request(app)
      .post('/api/v1/attendance/manual')
      .set(org.admin.auth)
      .send({
        ...body,
        date: '2026-11-17',
        reason: 'x',
        checkIn: '2026-11-17T09:00:00',
        checkOut: '2026-11-17T12:00:00',
      })
      .expect(201);
    expect(local.body.day).toMatchObject({ firstIn: '2026-11-17T09:00:00.000Z', workedMinutes: 180 });
    // A local check-out not after the check-in is the next morning (a night shift), but a session
    // never lasts longer than MAX_SESSION_HOURS (16): 09:00 to 09:00 is refused, naming checkOut.
    const tooLong = await request(app)
      .post('/api/v1/attendance/manual')
      .set(org.admin.auth)
      .send({ ...body, reason: 'night', checkOut: '09:00' })
      .expect(422);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'checkOut' })]);
    const night = await request(app)
      .post('/api/v1/attendance/manual')
      .set(org.admin.auth)
      .send({ ...body, date: '2026-11-16', reason: 'night', checkIn: '22:00', checkOut: '06:00' })
      .expect(201);
    expect(night.body.day).toMatchObject({ date: '2026-11-16', workedMinutes: 8 * 60 });
  });

  it('when records are listed then scope applies: employees see themselves, managers their team', async () => {
    const org = await makeOrganisation();
    await request(app)
      .post('/api/v1/attendance/manual')
      .set(org.admin.auth)
      .send({
        employeeId: org.outsider.employee!.id,
        date: '2026-11-18',
        checkIn: '09:00',
        checkOut: '17:00',
        reason: 'seed',
      })
      .expect(201);
    await request(app)
      .post('/api/v1/attendance/manual')
      .set(org.admin.auth)
      .send({
        employeeId: org.direct.employee!.id,
        date: '2026-11-18',
        checkIn: '09:00',
        checkOut: '17:00',
        reason: 'seed',
      })
      .expect(201);
    const team = await request(app)
      .get('/api/v1/attendance?from=2026-11-18&to=2026-11-18')
      .set(org.manager.auth)
      .expect(200);
    expect(team.body.data.map((d: { employeeId: string }) => d.employeeId)).toEqual([
      org.direct.employee!.id,
    ]);
    const hidden = await request(app)
      .get(`/api/v1/attendance?employeeId=${org.outsider.employee!.id}&from=2026-11-18&to=2026-11-18`)
      .set(org.direct.auth)
      .expect(200);
    expect(hidden.body.total).toBe(0);
  });
});

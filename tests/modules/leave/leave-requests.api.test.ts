import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { LedgerEntry } from '../../../src/modules/leave/leave-ledger.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makePerson } from '../../support/factories';
import { makeHoliday, makeLeaveType } from '../../support/leave-factories';

useTestDatabase();
const app = testApp();
// Monday 23 November 2026, 10:00 UTC.
beforeEach(() => setClockForTests('2026-11-23T10:00:00Z'));
afterAll(() => setClockForTests(undefined));

function submit(person: Person, body: object) {
  return request(app).post('/api/v1/leave-requests').set(person.auth).send(body);
}

async function employee(overrides: Parameters<typeof makePerson>[1] = {}) {
  return makePerson('employee', { employee: { hireDate: '2020-01-06', ...(overrides.employee ?? {}) } });
}

describe('day counting', () => {
  it('when a request spans a weekend then only working days count', async () => {
    const [person, type] = await Promise.all([employee(), makeLeaveType()]);
    const res = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-11-27',
      endDate: '2026-11-30',
    }).expect(201);
    expect(res.body).toMatchObject({
      days: 2,
      status: 'pending',
      employeeId: person.employee!.id,
      leaveTypeCode: type.code,
    });
  });

  it('when a company holiday falls inside then it is skipped; regional holidays apply only to their calendar', async () => {
    const type = await makeLeaveType();
    await makeHoliday('2026-12-25', 'Christmas Day');
    await makeHoliday('2026-12-08', 'Immaculate Conception', 'DE-BY');
    const plain = await employee();
    const bavarian = await employee({ employee: { holidayCalendar: 'DE-BY' } });
    const christmasWeek = { leaveTypeId: type.id, startDate: '2026-12-21', endDate: '2026-12-25' };
    expect((await submit(plain, christmasWeek).expect(201)).body.days).toBe(4);
    const week = { leaveTypeId: type.id, startDate: '2026-12-07', endDate: '2026-12-11' };
    expect((await submit(bavarian, week).expect(201)).body.days).toBe(4);
    expect((await submit(plain, week).expect(201)).body.days).toBe(5);
  });

  it('when half days are asked at the start and end then each counts 0.5', async () => {
    const [person, type] = await Promise.all([employee(), makeLeaveType()]);
    const res = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-12-01',
      endDate: '2026-12-03',
      halfDayStart: true,
      halfDayEnd: true,
    }).expect(201);
    expect(res.body.days).toBe(2);
    const single = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-12-04',
      endDate: '2026-12-04',
      halfDayStart: true,
    }).expect(201);
    expect(single.body.days).toBe(0.5);
    const both = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-12-07',
      endDate: '2026-12-07',
      halfDayStart: true,
      halfDayEnd: true,
    }).expect(422);
    expect(both.body.errors[0].field).toBe('halfDayEnd');
  });

  it('when the employee works a four-day week then their day off does not count', async () => {
    const type = await makeLeaveType();
    const person = await employee({ employee: { workWeek: [1, 2, 3, 4] } });
    const res = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-11-30',
      endDate: '2026-12-06',
    }).expect(201);
    expect(res.body.days).toBe(4);
  });

  it('when the type counts calendar days then weekends and holidays count', async () => {
    const type = await makeLeaveType({ unit: 'calendar_day', annualEntitlement: 30 });
    await makeHoliday('2026-11-27', 'Founders Day');
    const person = await employee();
    const res = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-11-27',
      endDate: '2026-11-30',
    }).expect(201);
    expect(res.body.days).toBe(4);
  });

  it('when a request crosses 31 December then it counts into both leave years and holds days in each', async () => {
    const type = await makeLeaveType();
    await makeHoliday('2027-01-01', "New Year's Day");
    const person = await employee();
    const res = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-12-28',
      endDate: '2027-01-05',
    }).expect(201);
    expect(res.body.days).toBe(6);
    expect(res.body.daysByYear).toEqual([
      { year: 2026, days: 4 },
      { year: 2027, days: 2 },
    ]);
    const b2026 = await request(app).get('/api/v1/leave-balances?year=2026').set(person.auth).expect(200);
    const b2027 = await request(app).get('/api/v1/leave-balances?year=2027').set(person.auth).expect(200);
    expect(b2026.body.find((b: { code: string }) => b.code === type.code)).toMatchObject({
      pending: 4,
      available: 16,
    });
    expect(b2027.body.find((b: { code: string }) => b.code === type.code)).toMatchObject({
      pending: 2,
      available: 18,
    });
  });
});

describe('time zones', () => {
  it("when notice is counted then the employee's own today is used", async () => {
    // 20:00 UTC on Monday 23 November: already Tuesday 24th in Tokyo, still Monday in Los Angeles.
    setClockForTests('2026-11-23T20:00:00Z');
    const type = await makeLeaveType({ noticeDays: 1 });
    const tokyo = await employee({ employee: { timezone: 'Asia/Tokyo' } });
    const losAngeles = await employee({ employee: { timezone: 'America/Los_Angeles' } });
    const tomorrowUtc = { leaveTypeId: type.id, startDate: '2026-11-24', endDate: '2026-11-24' };
    const refused = await submit(tokyo, tomorrowUtc).expect(422);
    expect(refused.body.detail).toMatch(/1 day\(s\) notice; this starts in 0/);
    await submit(losAngeles, tomorrowUtc).expect(201);
  });

  it('when an employee cancels an approved leave then "before it starts" is judged in their time zone', async () => {
    setClockForTests('2026-11-23T20:00:00Z');
    const type = await makeLeaveType({ requiresApproval: false });
    const tokyo = await employee({ employee: { timezone: 'Asia/Tokyo' } });
    const losAngeles = await employee({ employee: { timezone: 'America/Los_Angeles' } });
    const day = { leaveTypeId: type.id, startDate: '2026-11-24', endDate: '2026-11-24' };
    const a = await submit(tokyo, day).expect(201);
    const b = await submit(losAngeles, day).expect(201);
    await request(app).post(`/api/v1/leave-requests/${a.body.id}/cancel`).set(tokyo.auth).expect(422);
    await request(app).post(`/api/v1/leave-requests/${b.body.id}/cancel`).set(losAngeles.auth).expect(200);
  });
});

describe('rules', () => {
  it('when a request overlaps a pending or approved one then 409; a cancelled one does not block', async () => {
    const [person, type] = await Promise.all([employee(), makeLeaveType()]);
    const first = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-12-07',
      endDate: '2026-12-09',
    }).expect(201);
    const clash = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-12-09',
      endDate: '2026-12-10',
    }).expect(409);
    expect(clash.body.detail).toMatch(/Overlaps the pending request/);
    await request(app).post(`/api/v1/leave-requests/${first.body.id}/cancel`).set(person.auth).expect(200);
    await submit(person, { leaveTypeId: type.id, startDate: '2026-12-09', endDate: '2026-12-10' }).expect(
      201,
    );
  });

  it('when the balance is insufficient then 422 and nothing is stored; a type allowing negative accepts it', async () => {
    const person = await employee();
    const small = await makeLeaveType({ annualEntitlement: 2 });
    const res = await submit(person, {
      leaveTypeId: small.id,
      startDate: '2026-12-07',
      endDate: '2026-12-09',
    }).expect(422);
    expect(res.body.detail).toBe(
      `Insufficient ${small.code} balance for 2026: 3 day(s) requested, 2 available`,
    );
    expect(await LedgerEntry.countDocuments({ kind: 'hold', employeeId: person.employee!.id })).toBe(0);
    const unpaid = await makeLeaveType({
      annualEntitlement: 0,
      accrual: 'none',
      allowNegative: true,
      paid: false,
    });
    await submit(person, { leaveTypeId: unpaid.id, startDate: '2026-12-07', endDate: '2026-12-09' }).expect(
      201,
    );
  });

  it('when pending requests hold days then a further request sees less available', async () => {
    const person = await employee();
    const type = await makeLeaveType({ annualEntitlement: 5 });
    await submit(person, { leaveTypeId: type.id, startDate: '2026-12-07', endDate: '2026-12-09' }).expect(
      201,
    );
    await submit(person, { leaveTypeId: type.id, startDate: '2026-12-14', endDate: '2026-12-16' }).expect(
      422,
    );
  });

  it('when dates are malformed then 400 names them; reversed dates or a weekend-only request are 422', async () => {
    const [person, type] = await Promise.all([employee(), makeLeaveType()]);
    const bad = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-02-30',
      endDate: 'tomorrow',
      extra: 1,
    }).expect(400);
    expect((bad.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual([
      'endDate',
      'extra',
      'startDate',
    ]);
    const reversed = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-12-10',
      endDate: '2026-12-09',
    }).expect(422);
    expect(reversed.body.errors).toEqual([{ field: 'endDate', message: 'must not be before startDate' }]);
    const weekend = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-11-28',
      endDate: '2026-11-29',
    }).expect(422);
    expect(weekend.body.detail).toBe('The request covers no working days');
  });

  it('when a type caps consecutive days or forbids half days then longer or half requests are 422', async () => {
    const person = await employee();
    const capped = await makeLeaveType({ maxConsecutiveDays: 3 });
    await submit(person, { leaveTypeId: capped.id, startDate: '2026-12-07', endDate: '2026-12-10' }).expect(
      422,
    );
    const whole = await makeLeaveType({ allowHalfDay: false });
    await submit(person, {
      leaveTypeId: whole.id,
      startDate: '2026-12-14',
      endDate: '2026-12-14',
      halfDayStart: true,
    }).expect(422);
  });

  it('when the type needs no approval then the request is approved at once and counts as used', async () => {
    const [person, type] = await Promise.all([employee(), makeLeaveType({ requiresApproval: false })]);
    const res = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-12-07',
      endDate: '2026-12-08',
    }).expect(201);
    expect(res.body.status).toBe('approved');
    const balances = await request(app).get('/api/v1/leave-balances').set(person.auth).expect(200);
    expect(balances.body.find((b: { code: string }) => b.code === type.code)).toMatchObject({
      used: 2,
      pending: 0,
      available: 18,
    });
  });

  it('when an admin submits for someone then it is theirs; a non-admin naming someone else gets 403', async () => {
    const [admin, person, other, type] = await Promise.all([
      makePerson('admin'),
      employee(),
      employee(),
      makeLeaveType({ noticeDays: 30 }),
    ]);
    const res = await submit(admin, {
      employeeId: person.employee!.id,
      leaveTypeId: type.id,
      startDate: '2026-11-24',
      endDate: '2026-11-24',
    }).expect(201);
    expect(res.body).toMatchObject({ employeeId: person.employee!.id, requestedBy: admin.userId });
    await submit(other, {
      employeeId: person.employee!.id,
      leaveTypeId: type.id,
      startDate: '2027-01-11',
      endDate: '2027-01-11',
    }).expect(403);
  });

  it('when a request is read then the owner, their manager and admins see it; others get 404', async () => {
    const manager = await makePerson('manager');
    const person = await employee({ employee: { managerId: manager.employee!.id } });
    const stranger = await employee();
    const type = await makeLeaveType();
    const created = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-12-07',
      endDate: '2026-12-07',
    }).expect(201);
    await request(app).get(`/api/v1/leave-requests/${created.body.id}`).set(person.auth).expect(200);
    await request(app).get(`/api/v1/leave-requests/${created.body.id}`).set(manager.auth).expect(200);
    await request(app).get(`/api/v1/leave-requests/${created.body.id}`).set(stranger.auth).expect(404);
    const list = await request(app)
      .get('/api/v1/leave-requests?status=pending')
      .set(manager.auth)
      .expect(200);
    expect(list.body).toMatchObject({ total: 1, page: 1 });
    const none = await request(app)
      .get(`/api/v1/leave-requests?employeeId=${person.employee!.id}`)
      .set(stranger.auth)
      .expect(200);
    expect(none.body.total).toBe(0);
  });
});

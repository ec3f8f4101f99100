import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import type { DomainEvents } from '../../../src/lib/domain-events';
import { onDomainEvent } from '../../../src/lib/domain-events';
import { LedgerEntry } from '../../../src/modules/leave/leave-ledger.model';
import { recountForHoliday } from '../../../src/modules/leave/leave-recount.service';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { LeaveRequestBody } from '../../support/driver';
import { apiDriver } from '../../support/driver';
import type { Person } from '../../support/factories';
import { makeOrganisation, makePerson } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';

useTestDatabase();
const app = testApp();
const driver = apiDriver(app);
// Monday 23 November 2026; 7-11 December is a Monday-Friday week.
beforeEach(() => setClockForTests('2026-11-23T10:00:00Z'));
afterAll(() => setClockForTests(undefined));

const leaveChanges: Array<DomainEvents['leave.changed']> = [];
onDomainEvent('leave.changed', (e) => {
  leaveChanges.push(e);
  return Promise.resolve();
});

const submit = (person: Person, body: LeaveRequestBody) => driver.submitLeave(person, body);
const getRequest = (viewer: Person, id: string) => driver.leaveRequest(viewer, id);
const balance = (viewer: Person, of: Person, code: string) =>
  driver.balance(viewer, of.employee!.id, code, 2026);

async function notifications(person: Person) {
  const res = await request(app).get('/api/v1/notifications').set(person.auth).expect(200);
  return (res.body.data as Array<{ type: string; body: string; data: Record<string, unknown> }>).filter(
    (n) => n.type === 'leave.recounted',
  );
}

const addHoliday = (admin: Person, date: string, calendar: string) =>
  request(app)
    .post('/api/v1/holidays')
    .set(admin.auth)
    .send({ date, name: 'Extra day', calendar })
    .expect(201);

describe('retroactive recount', () => {
  it('when a holiday is added inside approved leave then it costs a day less, by a correcting entry, and both people are told', async () => {
    const org = await makeOrganisation();
    const type = await makeLeaveType();
    const leave = await submit(org.direct, {
      leaveTypeId: type.id,
      startDate: '2026-12-07',
      endDate: '2026-12-11',
    });
    await request(app).post(`/api/v1/leave-requests/${leave.id}/approve`).set(org.manager.auth).expect(200);
    leaveChanges.length = 0;

    await addHoliday(org.admin, '2026-12-09', 'default');

    const after = await getRequest(org.direct, leave.id);
    expect(after.days).toBe(4);
    expect(after.dayCountHistory).toEqual([
      { days: 5, reason: 'submitted', at: expect.any(String) },
      { days: 4, reason: 'Holiday added, moved or removed on 2026-12-09', at: expect.any(String) },
    ]);
    expect(await balance(org.direct, org.direct, type.code)).toMatchObject({ used: 4, available: 16 });
    const entries = await LedgerEntry.find({ requestId: leave.id }).sort({ at: 1 }).lean();
    expect(entries.map((e) => [e.kind, e.days])).toEqual([
      ['hold', -5],
      ['hold_release', 5],
      ['usage', -5],
      ['usage_release', 1],
    ]);
    expect(leaveChanges).toContainEqual({
      employeeId: org.direct.employee!.id,
      startDate: '2026-12-07',
      endDate: '2026-12-11',
    });
    const [own] = await notifications(org.direct);
    expect(own?.body).toContain('4 days instead of 5');
    expect(await notifications(org.manager)).toHaveLength(1);

    // Running the recount again changes nothing and tells nobody twice.
    await recountForHoliday('2026-12-09');
    expect(await LedgerEntry.countDocuments({ requestId: leave.id })).toBe(4);
    expect(await notifications(org.direct)).toHaveLength(1);
  });

  it('when a holiday is moved out of pending leave and another removed then each recount holds the difference', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee', {
      employee: { hireDate: '2020-01-06', holidayCalendar: 'r-move' },
    });
    const type = await makeLeaveType();
    const holiday = await addHoliday(admin, '2026-12-15', 'r-move');
    const gone = await addHoliday(admin, '2026-12-17', 'r-move');
    const leave = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-12-14',
      endDate: '2026-12-18',
    });
    expect((await getRequest(person, leave.id)).days).toBe(3);

    await request(app)
      .patch(`/api/v1/holidays/${holiday.body.id}`)
      .set(admin.auth)
      .send({ date: '2026-12-21' })
      .expect(200);
    expect((await getRequest(person, leave.id)).days).toBe(4);
    await request(app).delete(`/api/v1/holidays/${gone.body.id}`).set(admin.auth).expect(204);

    const after = await getRequest(person, leave.id);
    expect(after.days).toBe(5);
    expect(after.dayCountHistory.map((h: { days: number }) => h.days)).toEqual([3, 4, 5]);
    expect(await balance(person, person, type.code)).toMatchObject({ pending: 5, used: 0, available: 15 });

    // Cancelling releases what the request costs now.
    await request(app).post(`/api/v1/leave-requests/${leave.id}/cancel`).set(person.auth).expect(200);
    expect(await balance(person, person, type.code)).toMatchObject({ pending: 0, available: 20 });
  });

  it("when an employee's work week changes then their leave from today on is recounted, earlier leave is not", async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee', { employee: { hireDate: '2020-01-06' } });
    const type = await makeLeaveType({ requiresApproval: false });
    const past = await submit(admin, {
      employeeId: person.employee!.id,
      leaveTypeId: type.id,
      startDate: '2026-11-09',
      endDate: '2026-11-13',
    });
    const future = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2027-01-11',
      endDate: '2027-01-15',
    });

    await request(app)
      .patch(`/api/v1/employees/${person.employee!.id}`)
      .set(admin.auth)
      .send({ workWeek: [1, 2, 3, 4] })
      .expect(200);

    expect((await getRequest(admin, past.id)).days).toBe(5);
    const after = await getRequest(admin, future.id);
    expect(after.days).toBe(4);
    expect(after.dayCountHistory[1]?.reason).toBe("Employee's workWeek changed");
    expect(await balance(admin, person, type.code)).toMatchObject({ used: 5, available: 15 });
  });

  it('when a change does not alter the count then there is no history, entry or notification', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee', { employee: { hireDate: '2020-01-06' } });
    const type = await makeLeaveType();
    const leave = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2027-01-11',
      endDate: '2027-01-15',
    });
    await request(app)
      .patch(`/api/v1/employees/${person.employee!.id}`)
      .set(admin.auth)
      .send({ timezone: 'Asia/Tokyo' })
      .expect(200);
    expect((await getRequest(person, leave.id)).dayCountHistory).toHaveLength(1);
    expect(await LedgerEntry.countDocuments({ requestId: leave.id })).toBe(1);
    expect(await notifications(person)).toHaveLength(0);
  });

  it('when an employee import moves someone to a regional calendar then their leave is recounted', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee', { employee: { hireDate: '2020-01-06' } });
    const type = await makeLeaveType();
    await addHoliday(admin, '2027-02-09', 'r-import');
    const leave = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2027-02-08',
      endDate: '2027-02-12',
    });
    const e = person.employee!;
    await request(app)
      .post('/api/v1/imports/employees')
      .set(admin.auth)
      .set('Content-Type', 'text/csv')
      .send(
        `employeeCode,firstName,lastName,email,hireDate,holidayCalendar\n${e.employeeCode},${e.firstName},${e.lastName},${e.email},${e.hireDate},r-import\n`,
      )
      .expect(200);
    const after = await getRequest(person, leave.id);
    expect(after.days).toBe(4);
    expect(after.dayCountHistory[1]?.reason).toBe("Employee's holidayCalendar changed");
  });
});

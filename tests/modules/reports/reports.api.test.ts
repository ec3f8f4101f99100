import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { runJob } from '../../../src/jobs/jobs';
import { AttendanceDay } from '../../../src/modules/attendance/attendance-day.model';
import { LedgerEntry } from '../../../src/modules/leave/leave-ledger.model';
import { LeaveRequest } from '../../../src/modules/leave/leave-request.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makeDepartment, makePerson } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';

/**
 * The fixture, November 2026 (UTC, 09:00-17:00, 10 minutes grace), for manager M's team A and B:
 *   A: Mon 2 worked 09:00-17:00; Tue 3, Wed 4 absent; Thu 5 09:20-19:30 (late, 610 min: over the
 *      10 h daily maximum, 130 overtime); Fri 6 absent; Mon 9 07:00-12:00; Tue 10 - Thu 12 absent.
 *      Spells {3,4}, {6}, {10,11,12}: S = 3, D = 6, Bradford 3 x 3 x 6 = 54.
 *   B: Mon 2 - Fri 6 and Mon 9 absent (the weekend does not break the spell); Tue 10 13:00-23:00
 *      (late, 120 overtime); Wed 11 07:00-15:00 (only 8 h rest after 23:00: a violation); Thu 12 absent.
 *      Spells {2..6, 9}, {12}: S = 2, D = 7, Bradford 2 x 2 x 7 = 28.
 *   M (in his own scope) has no punches: absent on all 9 working days, one spell, Bradford 9.
 *   C (another manager's team) worked Mon 2: admins see C, M does not.
 */
useTestDatabase();
const app = testApp();
let admin: Person;
let manager: Person;
let a: Person;
let b: Person;
let c: Person;
let departmentId: string;
let annualCode: string;

async function worked(person: Person, date: string, checkIn: string, checkOut: string) {
  await request(app)
    .post('/api/v1/attendance/manual')
    .set(admin.auth)
    .send({ employeeId: person.employee!.id, date, checkIn, checkOut, reason: 'fixture' })
    .expect(201);
}

beforeAll(async () => {
  setClockForTests('2026-11-30T10:00:00Z');
  admin = await makePerson('admin');
  departmentId = (await makeDepartment('Operations')).id;
  manager = await makePerson('manager', { employee: { departmentId } });
  a = await makePerson('employee', {
    employee: { managerId: manager.employee!.id, departmentId, lastName: 'Anders' },
  });
  b = await makePerson('employee', {
    employee: { managerId: manager.employee!.id, departmentId, lastName: 'Brown' },
  });
  const other = await makePerson('manager');
  c = await makePerson('employee', { employee: { managerId: other.employee!.id } });

  await worked(a, '2026-11-02', '09:00', '17:00');
  await worked(a, '2026-11-05', '09:20', '19:30');
  await worked(a, '2026-11-09', '07:00', '12:00');
  await worked(b, '2026-11-10', '13:00', '23:00');
  await worked(b, '2026-11-11', '07:00', '15:00');
  await worked(c, '2026-11-02', '09:00', '17:00');
  for (const date of ['2026-11-04', '2026-11-07', '2026-11-10', '2026-11-13'])
    await runJob('close-day', date);

  // Leave in 2026: A 3 days approved in December, B 1 day approved today and 1 day pending in December.
  const type = await makeLeaveType({ annualEntitlement: 20, accrual: 'yearly' });
  annualCode = type.code;
  const submit = async (person: Person, startDate: string, endDate: string) =>
    (
      await request(app)
        .post('/api/v1/leave-requests')
        .set(person.auth)
        .send({ leaveTypeId: type.id, startDate, endDate })
        .expect(201)
    ).body as { id: string };
  const approve = (id: string) =>
    request(app).post(`/api/v1/leave-requests/${id}/approve`).set(manager.auth).expect(200);
  await approve((await submit(a, '2026-12-07', '2026-12-09')).id);
  await approve((await submit(b, '2026-11-30', '2026-11-30')).id);
  await submit(b, '2026-12-14', '2026-12-14');
  // A is in the office today.
  await request(app).post('/api/v1/attendance/check-in').set(a.auth).send({}).expect(201);
});
afterAll(() => setClockForTests(undefined));

const get = (who: Person, path: string) => request(app).get(path).set(who.auth);
const NOV = 'from=2026-11-01&to=2026-11-12';

describe('reports', () => {
  it('when grouped by employee then the attendance summary matches the hand count', async () => {
    const res = await get(manager, `/api/v1/reports/attendance-summary?${NOV}&groupBy=employee`).expect(200);
    const byId = Object.fromEntries((res.body as Array<{ key: string }>).map((r) => [r.key, r]));
    expect(Object.keys(byId).sort()).toEqual([a.employee!.id, b.employee!.id, manager.employee!.id].sort());
    expect(byId[manager.employee!.id]).toMatchObject({ days: 12, present: 0, absent: 9, workedMinutes: 0 });
    expect(byId[a.employee!.id]).toMatchObject({
      days: 12,
      present: 3,
      absent: 6,
      onLeave: 0,
      late: 1,
      workedMinutes: 1390,
      overtimeMinutes: 130,
    });
    expect(byId[b.employee!.id]).toMatchObject({
      days: 12,
      present: 2,
      absent: 7,
      onLeave: 0,
      late: 1,
      workedMinutes: 1080,
      overtimeMinutes: 120,
    });
  });

  it('when grouped by department or day then the totals add up the same', async () => {
    const dept = await get(
      admin,
      `/api/v1/reports/attendance-summary?${NOV}&groupBy=department&departmentId=${departmentId}`,
    ).expect(200);
    expect(dept.body).toEqual([
      expect.objectContaining({
        key: departmentId,
        label: 'Operations',
        present: 5,
        absent: 22,
        workedMinutes: 2470,
      }),
    ]);
    const days = await get(manager, `/api/v1/reports/attendance-summary?${NOV}&groupBy=day`).expect(200);
    const nov5 = (days.body as Array<{ key: string; present: number; absent: number }>).find(
      (d) => d.key === '2026-11-05',
    );
    expect(nov5).toMatchObject({ present: 1, absent: 2 }); // A in; B and M absent
  });

  it('when asked for absenteeism then spells, days and the Bradford factor are right', async () => {
    const res = await get(manager, `/api/v1/reports/absenteeism?${NOV}`).expect(200);
    expect(res.body).toEqual([
      expect.objectContaining({ employeeId: a.employee!.id, spells: 3, absenceDays: 6, bradfordFactor: 54 }),
      expect.objectContaining({ employeeId: b.employee!.id, spells: 2, absenceDays: 7, bradfordFactor: 28 }),
      expect.objectContaining({
        employeeId: manager.employee!.id,
        spells: 1,
        absenceDays: 9,
        bradfordFactor: 9,
      }),
    ]);
  });

  it('when asked for overtime and compliance then the long day and the short rest are flagged', async () => {
    const over = await get(manager, `/api/v1/reports/overtime?${NOV}`).expect(200);
    expect(over.body).toEqual([
      expect.objectContaining({ employeeId: a.employee!.id, days: 1, overtimeMinutes: 130 }),
      expect.objectContaining({ employeeId: b.employee!.id, days: 1, overtimeMinutes: 120 }),
    ]);
    const compliance = await get(manager, `/api/v1/reports/compliance?${NOV}`).expect(200);
    expect(compliance.body).toEqual([
      expect.objectContaining({
        employeeId: a.employee!.id,
        rule: 'daily_max',
        date: '2026-11-05',
        valueMinutes: 610,
        limitMinutes: 600,
      }),
      expect.objectContaining({
        employeeId: b.employee!.id,
        rule: 'min_rest',
        date: '2026-11-11',
        valueMinutes: 480,
        limitMinutes: 660,
      }),
    ]);
  });

  it('when asked for leave utilization then taken, pending and remaining come from the ledger, by type and by month', async () => {
    const byType = await get(manager, '/api/v1/reports/leave-utilization?year=2026&groupBy=type').expect(200);
    expect(byType.body).toEqual([
      expect.objectContaining({ label: 'Annual leave', taken: 4, pending: 1, entitled: 40, remaining: 35 }),
    ]);
    const byMonth = await get(manager, '/api/v1/reports/leave-utilization?year=2026&groupBy=month').expect(
      200,
    );
    expect(byMonth.body).toEqual([
      expect.objectContaining({ key: '2026-11', taken: 1, pending: 0 }),
      expect.objectContaining({ key: '2026-12', taken: 3, pending: 1 }),
    ]);
    const byDept = await get(admin, '/api/v1/reports/leave-utilization?year=2026&groupBy=department').expect(
      200,
    );
    expect(byDept.body).toEqual([expect.objectContaining({ key: departmentId, taken: 4, pending: 1 })]);
    expect(annualCode).toBeDefined();
  });

  it('when format=csv then a header row and the same numbers parse back', async () => {
    const res = await get(
      manager,
      `/api/v1/reports/attendance-summary?${NOV}&groupBy=employee&format=csv`,
    ).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('attendance-summary.csv');
    const rows = parse<Record<string, string>>(res.text, { columns: true });
    const rowA = rows.find((r) => r.key === a.employee!.id);
    expect(rowA).toMatchObject({
      present: '3',
      absent: '6',
      late: '1',
      workedMinutes: '1390',
      overtimeMinutes: '130',
    });
    expect(rowA!.label).toContain('Anders'); // labels with spaces and parentheses survive quoting
    const bradford = parse<Record<string, string>>(
      (await get(manager, `/api/v1/reports/absenteeism?${NOV}&format=csv`).expect(200)).text,
      { columns: true },
    );
    expect(bradford.map((r) => r.bradfordFactor)).toEqual(['54', '28', '9']);
  });

  it('when a CSV report has no rows then it still has its header row, in the documented column order', async () => {
    const res = await get(
      manager,
      '/api/v1/reports/compliance?from=2025-01-01&to=2025-01-31&format=csv',
    ).expect(200);
    expect(res.text.trim()).toBe('employeeId,employeeName,employeeCode,rule,date,valueMinutes,limitMinutes');
  });

  it('when a query parameter is not in the shape or unknown then 400 names it', async () => {
    const badGroup = await get(admin, '/api/v1/reports/attendance-summary?groupBy=week').expect(400);
    expect(badGroup.body.errors.map((e: { field: string }) => e.field)).toEqual(['groupBy']);
    const unknown = await get(admin, '/api/v1/reports/overtime?departmentId=0123456789abcdef01234567').expect(
      400,
    );
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['departmentId']);
    await get(admin, '/api/v1/reports/leave-utilization?year=1999').expect(400);
  });

  it('when an employee asks then 403; a manager never sees people outside the team; admins see everyone', async () => {
    await get(a, `/api/v1/reports/attendance-summary?${NOV}`).expect(403);
    await get(a, '/api/v1/analytics/today').expect(403);
    const adminView = await get(admin, `/api/v1/reports/attendance-summary?${NOV}&groupBy=employee`).expect(
      200,
    );
    expect((adminView.body as Array<{ key: string }>).map((r) => r.key)).toContain(c.employee!.id);
    const bad = await get(admin, '/api/v1/reports/attendance-summary?from=2026-11-12&to=2026-11-01').expect(
      422,
    );
    expect(bad.body.errors[0].field).toBe('to');
    // Without a range the last 30 days are reported; without a year, this year.
    expect(Array.isArray((await get(admin, '/api/v1/reports/overtime').expect(200)).body)).toBe(true);
    expect((await get(admin, '/api/v1/reports/leave-utilization').expect(200)).body).toEqual([
      expect.objectContaining({ label: 'Annual leave', taken: 4 }),
    ]);
  });

  it("when asked for today then the team's present, on leave and not-yet-in counts and upcoming leave come back", async () => {
    const res = await get(manager, '/api/v1/analytics/today').expect(200);
    expect(res.body).toMatchObject({
      date: '2026-11-30',
      employees: 3,
      present: 1,
      onLeave: 1,
      notYetIn: 1,
      absent: 0,
    });
    expect(
      (res.body.upcomingLeave as Array<{ employeeId: string; startDate: string }>).map((l) => [
        l.employeeId,
        l.startDate,
      ]),
    ).toEqual([[a.employee!.id, '2026-12-07']]);
  });

  it('when a report filters then an index serves its first match fields', async () => {
    const keys = async (model: {
      collection: { indexes: () => Promise<Array<{ key: Record<string, unknown> }>> };
    }) => (await model.collection.indexes()).map((i) => Object.keys(i.key).join(','));
    expect(await keys(AttendanceDay)).toEqual(expect.arrayContaining(['date,status', 'employeeId,date']));
    expect(await keys(LedgerEntry)).toEqual(
      expect.arrayContaining(['year,leaveTypeId,kind', 'employeeId,year,leaveTypeId']),
    );
    expect(await keys(LeaveRequest)).toEqual(expect.arrayContaining(['status,startDate,endDate']));
  });
});

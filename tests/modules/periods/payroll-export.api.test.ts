import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { runJob } from '../../../src/jobs/jobs';
import { setClockForTests } from '../../../src/lib/clock';
import { addDays } from '../../../src/lib/dates';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makePerson } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';

/**
 * November 2026 (UTC, 09:00-17:00), closed on 2 December, for manager M's team A and B:
 *   A: worked Mon 2 09:00-17:00 and Thu 5 09:20-19:30 (late, 130 overtime); paid leave Mon 9 - Tue 10;
 *      an unpaid half day on Thu 12.
 *   B: worked Tue 3 13:00-23:00 (late, 120 overtime); unpaid leave Mon 16 - Tue 17; a paid half day Wed 18.
 *   Everyone else (M, the admin, C) has no punches: absent on every working day.
 * The export must equal the attendance summary, overtime, absenteeism and leave utilization reports.
 */
useTestDatabase();
const app = testApp();
let admin: Person;
let a: Person;
let b: Person;
let paidTypeId: string;
let unpaidTypeId: string;
let periodId: string;

interface ExportRow {
  employeeId: string;
  employeeCode: string;
  from: string;
  to: string;
  workedMinutes: number;
  overtimeMinutes: number;
  paidLeaveDays: number;
  unpaidLeaveDays: number;
  absentDays: number;
  lateCount: number;
}

const get = (path: string) => request(app).get(path).set(admin.auth);
const NOVEMBER = 'from=2026-11-01&to=2026-11-30';

async function worked(person: Person, date: string, checkIn: string, checkOut: string) {
  await request(app)
    .post('/api/v1/attendance/manual')
    .set(admin.auth)
    .send({ employeeId: person.employee!.id, date, checkIn, checkOut, reason: 'fixture' })
    .expect(201);
}

async function leave(person: Person, leaveTypeId: string, startDate: string, endDate: string, half = false) {
  const res = await request(app)
    .post('/api/v1/leave-requests')
    .set(admin.auth)
    .send({ employeeId: person.employee!.id, leaveTypeId, startDate, endDate, halfDayStart: half })
    .expect(201);
  await request(app)
    .post(`/api/v1/leave-requests/${res.body.id}/approve`)
    .set(admin.auth)
    .send({})
    .expect(200);
}

beforeAll(async () => {
  setClockForTests('2026-12-02T10:00:00Z');
  admin = await makePerson('admin');
  const manager = await makePerson('manager');
  a = await makePerson('employee', { employee: { managerId: manager.employee!.id, lastName: 'Anders' } });
  b = await makePerson('employee', { employee: { managerId: manager.employee!.id, lastName: 'Brown' } });
  await makePerson('employee');
  paidTypeId = (await makeLeaveType({ noticeDays: 0, paid: true })).id;
  unpaidTypeId = (await makeLeaveType({ noticeDays: 0, paid: false, name: 'Unpaid leave' })).id;

  await worked(a, '2026-11-02', '09:00', '17:00');
  await worked(a, '2026-11-05', '09:20', '19:30');
  await worked(b, '2026-11-03', '13:00', '23:00');
  await leave(a, paidTypeId, '2026-11-09', '2026-11-10');
  await leave(a, unpaidTypeId, '2026-11-12', '2026-11-12', true);
  await leave(b, unpaidTypeId, '2026-11-16', '2026-11-17');
  await leave(b, paidTypeId, '2026-11-18', '2026-11-18', true);
  // The close-day job records every working day of November (three days per run).
  for (let date = '2026-11-04'; date <= '2026-12-01'; date = addDays(date, 3))
    await runJob('close-day', date);
  periodId = (
    await request(app)
      .post('/api/v1/payroll-periods')
      .set(admin.auth)
      .send({ from: '2026-11-01', to: '2026-11-30' })
      .expect(201)
  ).body.id;
});
afterAll(() => setClockForTests(undefined));

async function exportRows(): Promise<ExportRow[]> {
  const res = await get(`/api/v1/payroll-periods/${periodId}/export?format=json`).expect(200);
  return res.body as ExportRow[];
}
const byEmployee = <T extends object>(rows: T[], key: keyof T) =>
  new Map(rows.map((r) => [String(r[key]), r]));

describe('GET /payroll-periods/:id/export', () => {
  it('when the period is exported then each employee has the hand-counted figures', async () => {
    const rows = byEmployee(await exportRows(), 'employeeId');
    expect(rows.get(a.employee!.id)).toMatchObject({
      from: '2026-11-01',
      to: '2026-11-30',
      workedMinutes: 1090,
      overtimeMinutes: 130,
      paidLeaveDays: 2,
      unpaidLeaveDays: 0.5,
      absentDays: 16,
      lateCount: 1,
    });
    expect(rows.get(b.employee!.id)).toMatchObject({
      workedMinutes: 600,
      overtimeMinutes: 120,
      paidLeaveDays: 0.5,
      unpaidLeaveDays: 2,
      absentDays: 17,
      lateCount: 1,
    });
    expect(rows.size).toBe(5);
  });

  it('when compared with the reports for the same range then every figure is equal', async () => {
    const rows = await exportRows();
    const summary = byEmployee(
      (await get(`/api/v1/reports/attendance-summary?${NOVEMBER}&groupBy=employee`).expect(200))
        .body as Array<{
        key: string;
        workedMinutes: number;
        overtimeMinutes: number;
        absent: number;
        late: number;
        onLeave: number;
      }>,
      'key',
    );
    const overtime = byEmployee(
      (await get(`/api/v1/reports/overtime?${NOVEMBER}`).expect(200)).body as Array<{
        employeeId: string;
        overtimeMinutes: number;
      }>,
      'employeeId',
    );
    const absenteeism = byEmployee(
      (await get(`/api/v1/reports/absenteeism?${NOVEMBER}`).expect(200)).body as Array<{
        employeeId: string;
        absenceDays: number;
      }>,
      'employeeId',
    );
    expect(rows.map((r) => r.employeeId).sort()).toEqual([...summary.keys()].sort());
    for (const row of rows) {
      const s = summary.get(row.employeeId)!;
      expect([row.workedMinutes, row.overtimeMinutes, row.absentDays, row.lateCount]).toEqual([
        s.workedMinutes,
        s.overtimeMinutes,
        s.absent,
        s.late,
      ]);
      expect(row.paidLeaveDays + row.unpaidLeaveDays).toBe(s.onLeave);
      expect(row.overtimeMinutes).toBe(overtime.get(row.employeeId)?.overtimeMinutes ?? 0);
      expect(row.absentDays).toBe(absenteeism.get(row.employeeId)?.absenceDays ?? 0);
    }
    // All of 2026's leave is in November, so the year's utilization per type is the period's leave.
    const utilization = byEmployee(
      (await get('/api/v1/reports/leave-utilization?year=2026&groupBy=type').expect(200)).body as Array<{
        key: string;
        taken: number;
      }>,
      'key',
    );
    const total = (field: 'paidLeaveDays' | 'unpaidLeaveDays') => rows.reduce((sum, r) => sum + r[field], 0);
    expect(total('paidLeaveDays')).toBe(utilization.get(paidTypeId)?.taken);
    expect(total('unpaidLeaveDays')).toBe(utilization.get(unpaidTypeId)?.taken);
  });

  it('when CSV is asked for then it has a header row and the same rows as the JSON', async () => {
    const res = await get(`/api/v1/payroll-periods/${periodId}/export?format=csv`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain(`payroll-${periodId}.csv`);
    const parsed = parse<Record<string, string>>(res.text, { columns: true });
    const json = await exportRows();
    expect(res.text.split('\n')[0]).toBe(
      'employeeId,employeeName,employeeCode,from,to,workedMinutes,overtimeMinutes,paidLeaveDays,unpaidLeaveDays,absentDays,lateCount',
    );
    expect(parsed).toEqual(
      json.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)]))),
    );
  });

  it('when the period does not exist then 404; only admins export', async () => {
    await get('/api/v1/payroll-periods/665f1c2e9b1e8a0012345678/export').expect(404);
    await request(app).get(`/api/v1/payroll-periods/${periodId}/export`).set(a.auth).expect(403);
  });
});

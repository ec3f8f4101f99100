import { Types } from 'mongoose';
import type { Collection } from 'mongoose';
import { DateTime } from 'luxon';
import { AttendanceDay } from '../src/modules/attendance/attendance-day.model';
import { Punch } from '../src/modules/attendance/punch.model';
import { Department } from '../src/modules/employees/department.model';
import { Employee } from '../src/modules/employees/employee.model';
import { LeaveRequest } from '../src/modules/leave/leave-request.model';
import { LedgerEntry } from '../src/modules/leave/leave-ledger.model';
import { LeaveType } from '../src/modules/leave/leave-type.model';

/**
 * A realistic company for benchmarks, written in bulk: departments of about 25 people, each with a
 * manager (managers report to a head of department, heads to the CEO), 9-to-5 days with jitter over
 * `days` calendar days (two punches and one daily record per working day, a few absences), two leave
 * requests per person (approved, with ledger entries) and yearly accrual entries. Raw insertMany in
 * batches: no validation or hooks, which is what makes 2,000 people a matter of seconds.
 */
export interface SeedOptions {
  employees: number;
  /** Prefix of employee codes and emails, so several companies can share one database. */
  prefix?: string;
  /** Calendar days of attendance history ending yesterday (default: a year). */
  days?: number;
  /**
   * Of those, the most recent days that also get their punches (default: all). Fewer make a quicker
   * run: the stand-in has no secondary indexes, so every punch lookup scans the collection.
   */
  punchDays?: number;
  /** The last day of history + 1 (default: today, UTC). */
  today?: string;
  batchSize?: number;
}

export interface SeededCompany {
  employeeIds: Types.ObjectId[];
  departmentIds: Types.ObjectId[];
  leaveTypeId: Types.ObjectId;
  counts: Record<string, number>;
  seconds: number;
}

const FIRST = ['Ada', 'Linus', 'Grace', 'Alan', 'Barbara', 'Ken', 'Margaret', 'Dennis', 'Frances', 'Edsger'];
const LAST = [
  'Lovelace',
  'Torvalds',
  'Hopper',
  'Turing',
  'Liskov',
  'Thompson',
  'Hamilton',
  'Ritchie',
  'Allen',
];
const TEAM_SIZE = 25;

/** A tiny deterministic generator, so two runs seed the same company. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function insertInBatches(collection: Collection, docs: object[], batchSize: number): Promise<void> {
  for (let i = 0; i < docs.length; i += batchSize) {
    await collection.insertMany(docs.slice(i, i + batchSize), { ordered: false });
  }
}

/** Working days (Mon-Fri) before `today`, each with the instant its 09:00 Berlin shift starts. */
function workingDays(today: string, days: number): Array<{ date: string; nine: number }> {
  const end = DateTime.fromISO(today, { zone: 'Europe/Berlin' });
  const dates: Array<{ date: string; nine: number }> = [];
  for (let back = days; back >= 1; back--) {
    const day = end.minus({ days: back });
    if (day.weekday <= 5) dates.push({ date: day.toISODate() ?? '', nine: day.set({ hour: 9 }).toMillis() });
  }
  return dates;
}

export async function seedCompany(options: SeedOptions): Promise<SeededCompany> {
  const started = process.hrtime.bigint();
  const rnd = random(20261123 + options.employees);
  const prefix = options.prefix ?? 'B';
  const batchSize = options.batchSize ?? 5000;
  const today = options.today ?? DateTime.utc().toISODate() ?? '';
  const now = new Date();
  const year = Number(today.slice(0, 4));

  const departmentCount = Math.max(1, Math.ceil(options.employees / (TEAM_SIZE * 4)));
  const departments = Array.from({ length: departmentCount }, (_, i) => ({
    _id: new Types.ObjectId(),
    name: `${prefix} department ${i + 1}`,
    nameKey: `${prefix.toLowerCase()} department ${i + 1}`,
    createdAt: now,
    updatedAt: now,
  }));

  const leaveType = {
    _id: new Types.ObjectId(),
    code: `${prefix}-ANNUAL`,
    name: 'Annual leave',
    paid: true,
    unit: 'working_day',
    annualEntitlement: 25,
    accrual: 'yearly',
    carryOverMax: 5,
    allowNegative: false,
    requiresApproval: true,
    allowHalfDay: true,
    active: true,
    createdAt: now,
    updatedAt: now,
  };

  // Employee 0 is the CEO; every 25th person manages the next 24; managers report to the CEO.
  const employees = Array.from({ length: options.employees }, (_, i) => ({
    _id: new Types.ObjectId(),
    employeeCode: `${prefix}-${String(i + 1).padStart(6, '0')}`,
    firstName: FIRST[i % FIRST.length] ?? 'Ada',
    lastName: `${LAST[i % LAST.length] ?? 'Lovelace'} ${i + 1}`,
    email: `${prefix.toLowerCase()}-${i + 1}@example.com`,
    hireDate: `${year - 3}-01-01`,
    timezone: 'Europe/Berlin',
    status: 'active',
    departmentId: departments[Math.floor(i / (TEAM_SIZE * 4)) % departmentCount]?._id,
    managerId: undefined as Types.ObjectId | undefined,
    createdAt: now,
    updatedAt: now,
  }));
  employees.forEach((e, i) => {
    if (i === 0) return;
    const manager = i % TEAM_SIZE === 0 ? employees[0] : employees[i - (i % TEAM_SIZE)];
    e.managerId = manager?._id;
  });

  const dates = workingDays(today, options.days ?? 365);
  const firstPunchDay = DateTime.fromISO(today)
    .minus({ days: options.punchDays ?? options.days ?? 365 })
    .toISODate();
  const days: object[] = [];
  const punches: object[] = [];
  const MINUTE = 60_000;
  const NOTHING_WORKED = {
    workedMinutes: 0,
    late: false,
    lateMinutes: 0,
    earlyLeave: false,
    overtimeMinutes: 0,
    missingCheckOut: false,
    punchCount: 0,
  };
  for (const e of employees) {
    const id = e._id.toHexString();
    for (const { date, nine } of dates) {
      const month = date.slice(0, 7);
      if (rnd() < 0.02) {
        days.push({
          employeeId: e._id,
          date,
          status: 'absent',
          ...NOTHING_WORKED,
          month,
          createdAt: now,
          updatedAt: now,
        });
        continue;
      }
      // Arrive between 08:45 and 09:25, stay 8 to 10 hours: some days late, some long.
      const offset = Math.floor(rnd() * 40) - 15;
      const start = nine + offset * MINUTE;
      const end = start + (480 + Math.floor(rnd() * 120)) * MINUTE;
      const worked = (end - start) / MINUTE - 30;
      const lateMinutes = Math.max(0, offset);
      const stamp = (at: number, direction: string) => ({
        employeeId: e._id,
        at: new Date(at),
        direction,
        // Placed, as the stale-days worker leaves every stored punch: history is not re-placed.
        pairing: direction,
        source: 'device',
        businessDate: date,
        recordedBy: 'bench',
        timeKey: `bench:${id}:${at}`,
        createdAt: now,
      });
      if (firstPunchDay && date >= firstPunchDay) punches.push(stamp(start, 'in'), stamp(end, 'out'));
      days.push({
        employeeId: e._id,
        date,
        status: 'present',
        firstIn: new Date(start),
        lastOut: new Date(end),
        workedMinutes: worked,
        late: lateMinutes > 5,
        lateMinutes,
        earlyLeave: false,
        overtimeMinutes: Math.max(0, worked - 480),
        missingCheckOut: false,
        punchCount: 2,
        month,
        createdAt: now,
        updatedAt: now,
      });
    }
  }

  const requests: object[] = [];
  const ledger: object[] = [];
  for (const e of employees) {
    ledger.push({
      key: `accrual:${e._id.toHexString()}:${leaveType._id.toHexString()}:${year}`,
      employeeId: e._id,
      leaveTypeId: leaveType._id,
      year,
      kind: 'accrual',
      days: leaveType.annualEntitlement,
      at: now,
    });
    for (const month of [3, 8]) {
      const start = DateTime.fromObject({ year, month, day: 2 + Math.floor(rnd() * 20) }, { zone: 'utc' });
      const monday = start.minus({ days: start.weekday - 1 });
      const request = {
        _id: new Types.ObjectId(),
        employeeId: e._id,
        leaveTypeId: leaveType._id,
        startDate: monday.toISODate(),
        endDate: monday.plus({ days: 4 }).toISODate(),
        halfDayStart: false,
        halfDayEnd: false,
        days: 5,
        daysByYear: [{ year, days: 5 }],
        status: 'approved',
        requestedBy: 'bench',
        decidedBy: 'bench',
        decidedAt: now,
        createdAt: now,
        updatedAt: now,
      };
      requests.push(request);
      ledger.push({
        key: `usage:${request._id.toHexString()}:${year}`,
        employeeId: e._id,
        leaveTypeId: leaveType._id,
        year,
        kind: 'usage',
        days: -5,
        requestId: request._id,
        at: now,
      });
    }
  }

  const write = (collection: Collection, docs: object[]) => insertInBatches(collection, docs, batchSize);
  await write(Department.collection, departments);
  await write(LeaveType.collection, [leaveType]);
  await write(Employee.collection, employees);
  await Promise.all([
    write(AttendanceDay.collection, days),
    write(Punch.collection, punches),
    write(LeaveRequest.collection, requests),
    write(LedgerEntry.collection, ledger),
  ]);
  return {
    employeeIds: employees.map((e) => e._id),
    departmentIds: departments.map((d) => d._id),
    leaveTypeId: leaveType._id,
    counts: {
      departments: departments.length,
      employees: employees.length,
      attendanceDays: days.length,
      punches: punches.length,
      leaveRequests: requests.length,
      ledgerEntries: ledger.length,
    },
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

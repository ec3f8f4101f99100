import mongoose, { Types } from 'mongoose';
import { getConfig } from '../../config';
import { isoWeekday } from '../../lib/dates';
import type { Page, PageRequest } from '../../lib/pagination';
import { skipFor } from '../../lib/pagination';
import type { EmployeeDto, ScopeActor } from '../employees';
import { findEmployeeProfile, isInScope, resolveEmployeeScope, scopeFilter } from '../employees';
import {
  approvedLeaveBetween,
  approvedLeaveOn,
  calendarsFor,
  holidayDatesBetween,
  holidaysBetween,
} from '../leave';
import { closedDatesAmong } from '../periods';
import type { AttendanceDayRecord, DayStatus } from './attendance-day.model';
import { AttendanceDay } from './attendance-day.model';
import { shiftWindow, summarizeDay } from './day-rules';
import type { PunchRecord } from './punch.model';
import { Punch } from './punch.model';

export interface AttendanceDayDto {
  employeeId: string;
  date: string;
  status: DayStatus;
  firstIn: string | null;
  lastOut: string | null;
  workedMinutes: number;
  late: boolean;
  lateMinutes: number;
  earlyLeave: boolean;
  overtimeMinutes: number;
  missingCheckOut: boolean;
  punchCount: number;
}

type StoredDay = AttendanceDayRecord & { _id: Types.ObjectId };

export function toDayDto(d: StoredDay): AttendanceDayDto {
  return {
    employeeId: d.employeeId.toHexString(),
    date: d.date,
    status: d.status,
    firstIn: d.firstIn?.toISOString() ?? null,
    lastOut: d.lastOut?.toISOString() ?? null,
    workedMinutes: d.workedMinutes,
    late: d.late,
    lateMinutes: d.lateMinutes,
    earlyLeave: d.earlyLeave,
    overtimeMinutes: d.overtimeMinutes,
    missingCheckOut: d.missingCheckOut,
    punchCount: d.punchCount,
  };
}

export async function findDay(employeeId: string, date: string): Promise<AttendanceDayDto | undefined> {
  const found = await AttendanceDay.findOne({
    employeeId: new Types.ObjectId(employeeId),
    date,
  }).lean<StoredDay>();
  return found ? toDayDto(found) : undefined;
}

type LeaveOnDay = { halfDay: boolean } | undefined;

/** The update that makes a day's record match its punches, holiday and leave: the rules, no I/O. */
function dayUpdate(
  employee: EmployeeDto,
  date: string,
  all: Array<Pick<PunchRecord, 'at' | 'direction' | 'pairing' | 'ignored'>>,
  holiday: boolean,
  leave: LeaveOnDay,
) {
  const punches = all.filter((p) => !p.ignored); // double taps are kept but never counted
  const workDay = employee.workWeek.includes(isoWeekday(date)) && !holiday;
  const window = shiftWindow(date, employee.timezone, employee.schedule);
  const expected =
    !workDay || (leave && !leave.halfDay)
      ? 0
      : leave?.halfDay
        ? window.expectedMinutes / 2
        : window.expectedMinutes;
  const maxSessionMs = getConfig().MAX_SESSION_HOURS * 3600_000;
  const summary = summarizeDay(punches, window, employee.schedule, expected, maxSessionMs);
  const judgedOnSchedule = !leave?.halfDay; // with half a day off, which half is not known
  const status: DayStatus =
    punches.length > 0
      ? leave?.halfDay
        ? 'half_day_leave'
        : 'present'
      : leave
        ? leave.halfDay
          ? 'half_day_leave'
          : 'on_leave'
        : holiday
          ? 'holiday'
          : !workDay
            ? 'weekend'
            : 'absent';
  return {
    $set: {
      status,
      workedMinutes: summary.workedMinutes,
      late: judgedOnSchedule && summary.late,
      lateMinutes: judgedOnSchedule ? summary.lateMinutes : 0,
      earlyLeave: judgedOnSchedule && summary.earlyLeave,
      overtimeMinutes: summary.overtimeMinutes,
      missingCheckOut: summary.missingCheckOut,
      punchCount: punches.length,
      month: date.slice(0, 7),
      ...(summary.firstIn ? { firstIn: summary.firstIn } : {}),
      ...(summary.lastOut ? { lastOut: summary.lastOut } : {}),
    },
    $unset: { ...(summary.firstIn ? {} : { firstIn: 1 }), ...(summary.lastOut ? {} : { lastOut: 1 }) },
  };
}

/**
 * Rebuilds an employee's record for one working day from its punches, approved leave, holidays
 * and work week, and stores it (one record per employee and day: the unique index makes the upsert safe).
 */
export async function recomputeDay(employee: EmployeeDto, date: string): Promise<AttendanceDayDto> {
  const [punches, holidays, leave] = await Promise.all([
    Punch.find(
      { employeeId: new Types.ObjectId(employee.id), businessDate: date },
      { at: 1, direction: 1, pairing: 1, ignored: 1 },
    ).lean<PunchRecord[]>(),
    holidayDatesBetween(calendarsFor(employee.holidayCalendar), date, date),
    approvedLeaveOn(employee.id, date),
  ]);
  const stored = await AttendanceDay.findOneAndUpdate(
    { employeeId: new Types.ObjectId(employee.id), date },
    dayUpdate(employee, date, punches, holidays.has(date), leave),
    { upsert: true, returnDocument: 'after' },
  ).lean<StoredDay>();
  if (!stored) throw new Error(`Attendance record for ${employee.id} on ${date} was not stored`);
  return toDayDto(stored);
}

/**
 * The same for many employee-days at once (a device batch): three reads and one bulk write
 * whatever the number of days, instead of four round trips per day.
 */
/** Punches a caller already read (placement), for the days whose punches it read in full. */
export interface KnownPunches {
  covers(date: string): boolean;
  /** By `employeeId|businessDate`, as placed. */
  byDay: Map<string, PunchRecord[]>;
}

export async function recomputeDays(
  all: Array<{ employee: EmployeeDto; date: string; mayCreate?: boolean }>,
  known?: KnownPunches,
): Promise<void> {
  // A punch placed onto a day inside a closed payroll period leaves that day's record as payroll saw it.
  const closed = await closedDatesAmong([...new Set(all.map((d) => d.date))]);
  const days = all.filter((d) => !closed.has(d.date));
  if (days.length === 0) return;
  const employeeIds = [...new Set(days.map((d) => d.employee.id))];
  const dates = [...new Set(days.map((d) => d.date))].sort();
  const from = dates[0] ?? '';
  const to = dates[dates.length - 1] ?? '';
  const calendars = [...new Set(days.flatMap((d) => calendarsFor(d.employee.holidayCalendar)))];
  // Days whose punches the caller read in full need no second read (on a server that scans, the
  // read of a big punch collection is most of the cost of a recompute).
  const unknownDays = days.filter((d) => !known?.covers(d.date));
  const unknownDates = [...new Set(unknownDays.map((d) => d.date))];
  const unknownEmployees = [...new Set(unknownDays.map((d) => d.employee.id))];
  const [punches, holidays, leaveOn] = await Promise.all([
    // Dates first: they rule out almost every punch, and a server that scans (the stand-in has no
    // secondary indexes) tests conditions in this order, so the long employee list is rarely reached.
    unknownDays.length === 0
      ? Promise.resolve([])
      : Punch.find(
          {
            businessDate: mongoose.trusted({ $in: unknownDates }),
            employeeId: mongoose.trusted({ $in: unknownEmployees.map((id) => new Types.ObjectId(id)) }),
          },
          { employeeId: 1, businessDate: 1, at: 1, direction: 1, pairing: 1, ignored: 1 },
        ).lean<PunchRecord[]>(),
    holidaysBetween(calendars, from, to),
    approvedLeaveBetween(employeeIds, from, to),
  ]);
  const punchesOf = new Map<string, PunchRecord[]>();
  for (const d of days) {
    const key = `${d.employee.id}|${d.date}`;
    if (known?.covers(d.date)) punchesOf.set(key, known.byDay.get(key) ?? []);
  }
  for (const p of punches) {
    const key = `${p.employeeId.toHexString()}|${p.businessDate}`;
    const list = punchesOf.get(key);
    if (list) list.push(p);
    else punchesOf.set(key, [p]);
  }
  await AttendanceDay.bulkWrite(
    days.map(({ employee, date, mayCreate }) => {
      const ownCalendars = calendarsFor(employee.holidayCalendar);
      const holiday = holidays.some((h) => h.date === date && ownCalendars.includes(h.calendar));
      const dayPunches = punchesOf.get(`${employee.id}|${date}`) ?? [];
      return {
        updateOne: {
          filter: { employeeId: new Types.ObjectId(employee.id), date },
          update: dayUpdate(employee, date, dayPunches, holiday, leaveOn(employee.id, date)),
          // A day without punches that has no record yet keeps none (close-day records absences).
          upsert: mayCreate !== false || dayPunches.length > 0,
        },
      };
    }),
    { ordered: false },
  );
}

/** Recomputes the records that already exist for an employee in [from, to] (after leave or holiday changes). */
export async function recomputeExistingDays(filter: {
  employeeId?: string;
  from: string;
  to: string;
}): Promise<number> {
  const rows = await AttendanceDay.find(
    {
      ...(filter.employeeId ? { employeeId: new Types.ObjectId(filter.employeeId) } : {}),
      date: mongoose.trusted({ $gte: filter.from, $lte: filter.to }),
    },
    { employeeId: 1, date: 1 },
  ).lean<StoredDay[]>();
  // Days inside a closed payroll period keep what payroll saw.
  const closed = await closedDatesAmong([...new Set(rows.map((r) => r.date))]);
  const profiles = new Map<string, EmployeeDto | undefined>();
  for (const row of rows.filter((r) => !closed.has(r.date))) {
    const id = row.employeeId.toHexString();
    if (!profiles.has(id)) profiles.set(id, await findEmployeeProfile(id));
    const employee = profiles.get(id);
    if (employee) await recomputeDay(employee, row.date);
  }
  return rows.length;
}

export interface AttendanceQuery {
  employeeId?: string;
  from: string;
  to: string;
}

/** Daily records in the caller's scope (self, team, all), newest first. */
export async function listAttendance(
  actor: ScopeActor,
  query: AttendanceQuery,
  page: PageRequest,
): Promise<Page<AttendanceDayDto>> {
  const scope = await resolveEmployeeScope(actor);
  if (query.employeeId && !isInScope(scope, query.employeeId)) return { data: [], total: 0, ...page };
  const filter = {
    ...scopeFilter(scope, 'employeeId'),
    ...(query.employeeId ? { employeeId: new Types.ObjectId(query.employeeId) } : {}),
    date: mongoose.trusted({ $gte: query.from, $lte: query.to }),
  };
  const [rows, total] = await Promise.all([
    AttendanceDay.find(filter)
      .sort({ date: -1, employeeId: 1 })
      .skip(skipFor(page))
      .limit(page.limit)
      .lean<StoredDay[]>(),
    AttendanceDay.countDocuments(filter),
  ]);
  return { data: rows.map(toDayDto), total, ...page };
}

/** Everything stored about one employee's attendance, for a personal-data export. */
export async function exportAttendanceData(
  employeeId: string,
): Promise<{ days: AttendanceDayDto[]; punches: unknown[] }> {
  const id = new Types.ObjectId(employeeId);
  const [days, punches] = await Promise.all([
    AttendanceDay.find({ employeeId: id }).sort({ date: 1 }).lean<StoredDay[]>(),
    Punch.find({ employeeId: id }, { eventKey: 0, timeKey: 0 }).sort({ at: 1 }).lean(),
  ]);
  return { days: days.map(toDayDto), punches };
}

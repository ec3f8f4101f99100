import mongoose, { Types } from 'mongoose';
import { addDays, addMonths, todayIn } from '../../lib/dates';
import type { EmployeeDto } from '../employees';
import { findEmployeeProfile } from '../employees';
import { calendarsFor, holidayDatesBetween } from './holidays.service';
import { countLeaveDays } from './leave-days';
import { LedgerEntry } from './leave-ledger.model';
import { ACTIVE_LEAVE_STATUSES, LeaveRequest } from './leave-request.model';
import type { LeaveTypeDto } from './leave-types.service';
import { findLeaveType } from './leave-types.service';
import { sumKind, writeLedgerEntries } from './ledger.service';

type Subject = Pick<EmployeeDto, 'id' | 'workWeek' | 'holidayCalendar' | 'timezone'>;
type ExpiringType = Pick<LeaveTypeDto, 'id' | 'unit' | 'carryOverExpiryMonths'>;

export interface DatedLeave {
  startDate: string;
  endDate: string;
  halfDayStart?: boolean | null;
  halfDayEnd?: boolean | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
/** Repeats of the settle loop when another writer took the same correction key meanwhile. */
const SETTLE_ATTEMPTS = 5;

/** The last day carried-over days of `year` can be used on; undefined when they never expire. */
export function carryOverExpiryDate(type: ExpiringType, year: number): string | undefined {
  if (!type.carryOverExpiryMonths) return undefined;
  return addDays(addMonths(`${year}-01-01`, type.carryOverExpiryMonths), -1);
}

/** Days of `leave` that fall within [from, to], counted like the request itself. */
function daysWithin(
  leave: DatedLeave,
  from: string,
  to: string,
  employee: Subject,
  type: ExpiringType,
  holidays: ReadonlySet<string>,
): number {
  const startDate = leave.startDate > from ? leave.startDate : from;
  const endDate = leave.endDate < to ? leave.endDate : to;
  if (startDate > endDate) return 0;
  return countLeaveDays({
    startDate,
    endDate,
    halfDayStart: Boolean(leave.halfDayStart) && startDate === leave.startDate,
    halfDayEnd: Boolean(leave.halfDayEnd) && endDate === leave.endDate,
    unit: type.unit,
    workWeek: employee.workWeek,
    holidays,
  }).total;
}

/**
 * Pending and approved leave of the type dated from 1 January to the expiry date (plus `extra`,
 * a request not stored yet): the only leave that can use carried-over days.
 */
async function daysUpToExpiry(
  employee: Subject,
  type: ExpiringType,
  year: number,
  expiry: string,
  extra?: DatedLeave,
): Promise<number> {
  const from = `${year}-01-01`;
  const rows = await LeaveRequest.find(
    {
      employeeId: new Types.ObjectId(employee.id),
      leaveTypeId: new Types.ObjectId(type.id),
      status: mongoose.trusted({ $in: ACTIVE_LEAVE_STATUSES }),
      startDate: mongoose.trusted({ $lte: expiry }),
      endDate: mongoose.trusted({ $gte: from }),
    },
    { startDate: 1, endDate: 1, halfDayStart: 1, halfDayEnd: 1 },
  ).lean<DatedLeave[]>();
  const holidays = await holidayDatesBetween(calendarsFor(employee.holidayCalendar), from, expiry);
  const all = extra ? [...rows, extra] : rows;
  return round2(all.reduce((sum, r) => sum + daysWithin(r, from, expiry, employee, type, holidays), 0));
}

/** Carried-over days of `year`, and how many of them the ledger already says have lapsed. */
async function carriedAndLapsed(employeeId: string, typeId: string, year: number) {
  const [carried, lapsedSum] = await Promise.all([
    sumKind(employeeId, typeId, year, ['carry_over']),
    sumKind(employeeId, typeId, year, ['carry_over_expiry']),
  ]);
  return { carried, lapsed: -lapsedSum };
}

/**
 * How the balance of `year` moves once carried-over days lapse, for a request about to be added:
 * the part of the carried days no leave on or before the expiry date uses will lapse (or has),
 * so leave booked early for dates after the expiry cannot save them. Negative: days still to lapse.
 */
export async function pendingLapseChange(
  employee: Subject,
  type: ExpiringType,
  year: number,
  extra: DatedLeave,
): Promise<number> {
  const expiry = carryOverExpiryDate(type, year);
  if (!expiry) return 0;
  const { carried, lapsed } = await carriedAndLapsed(employee.id, type.id, year);
  if (carried <= 0) return lapsed;
  const used = await daysUpToExpiry(employee, type, year, expiry, extra);
  return round2(lapsed - Math.max(0, carried - used));
}

/**
 * Once the expiry date has passed (`today` is after it), makes the ledger's lapse of `year` equal
 * to the carried days that pending and approved leave dated on or before the expiry date leave
 * unused. Corrections are new entries (never edits), keyed by their sequence number, so two
 * writers cannot both apply the same correction and a replay writes nothing.
 */
export async function settleCarryOverLapse(
  employee: Subject,
  type: ExpiringType,
  year: number,
  today: string,
): Promise<number> {
  const expiry = carryOverExpiryDate(type, year);
  if (!expiry || today <= expiry) return 0;
  let written = 0;
  for (let attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
    const { carried, lapsed } = await carriedAndLapsed(employee.id, type.id, year);
    const used = carried > 0 ? await daysUpToExpiry(employee, type, year, expiry) : 0;
    const target = round2(Math.max(0, carried - used));
    if (Math.abs(target - lapsed) < 0.005) return written;
    const filter = { employeeId: new Types.ObjectId(employee.id), leaveTypeId: new Types.ObjectId(type.id) };
    const seq = await LedgerEntry.countDocuments({ ...filter, year, kind: 'carry_over_expiry' });
    const base = `carry_over_expiry:${employee.id}:${type.id}:${year}`;
    written += await writeLedgerEntries([
      {
        key: seq === 0 ? base : `${base}:${seq}`,
        employeeId: employee.id,
        leaveTypeId: type.id,
        year,
        kind: 'carry_over_expiry',
        days: round2(lapsed - target),
        reason:
          seq === 0
            ? `Carried-over days not used by leave on or before ${expiry} lapse`
            : `Lapse of carried-over days recomputed after a change to leave on or before ${expiry}`,
        createdBy: 'system:carry-over',
      },
    ]);
  }
  return written;
}

/** After a request of this shape changed (submitted, decided, cancelled, recounted): settle its years' lapses. */
export async function settleLapsesAfterChange(request: {
  employeeId: Types.ObjectId;
  leaveTypeId: Types.ObjectId;
  daysByYear: Array<{ year: number }>;
}): Promise<void> {
  const type = await findLeaveType(request.leaveTypeId.toHexString());
  if (!type?.carryOverExpiryMonths) return;
  const employee = await findEmployeeProfile(request.employeeId.toHexString());
  if (!employee) return;
  const today = todayIn(employee.timezone);
  for (const { year } of request.daysByYear) await settleCarryOverLapse(employee, type, year, today);
}

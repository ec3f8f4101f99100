import { BusinessRuleError, ForbiddenError } from '../../lib/errors';
import { daysBetween, eachDate, todayIn } from '../../lib/dates';
import type { Actor, EmployeeDto } from '../employees';
import type { RequestDates } from './leave-day-count';
import type { LeaveTypeDto } from './leave-types.service';
import type { NewLedgerEntry } from './ledger.service';

/** The rules of changing leave that exists: what an amendment changes, and who may change it. */

export interface Dates {
  startDate: string;
  endDate: string;
  halfDayStart: boolean;
  halfDayEnd: boolean;
}
type YearDays = Array<{ year: number; days: number }>;

export function datesOf(d: RequestDates): Dates {
  return {
    startDate: d.startDate,
    endDate: d.endDate,
    halfDayStart: d.halfDayStart ?? false,
    halfDayEnd: d.halfDayEnd ?? false,
  };
}

export function sameDates(a: Dates, b: Dates): boolean {
  return (
    a.startDate === b.startDate &&
    a.endDate === b.endDate &&
    a.halfDayStart === b.halfDayStart &&
    a.halfDayEnd === b.halfDayEnd
  );
}

/** How much of each calendar date the leave takes: 1, or 0.5 for a half day (days off included). */
export function dayShares(d: Dates): Map<string, number> {
  const shares = new Map<string, number>();
  for (const date of eachDate(d.startDate, d.endDate)) {
    const half = (date === d.startDate && d.halfDayStart) || (date === d.endDate && d.halfDayEnd);
    shares.set(date, half ? 0.5 : 1);
  }
  return shares;
}

/** Dates whose share changes between `from` and `to`, and those that `to` takes more of. */
function changes(from: Dates, to: Dates): { changed: string[]; added: string[] } {
  const before = dayShares(from);
  const after = dayShares(to);
  const dates = [...new Set([...before.keys(), ...after.keys()])].sort();
  const share = (m: Map<string, number>, d: string) => m.get(d) ?? 0;
  return {
    changed: dates.filter((d) => share(before, d) !== share(after, d)),
    added: dates.filter((d) => share(after, d) > share(before, d)),
  };
}

/** Inside the approved range: no date gains leave (shorter, some days dropped, a day turned half). */
export function isWithin(from: Dates, to: Dates): boolean {
  return changes(from, to).added.length === 0;
}

/** Every date whose share the amendment changes (what a closed payroll period must not see change). */
export function changedDates(from: Dates, to: Dates): string[] {
  return changes(from, to).changed;
}

/** The first date the amendment changes, or undefined when it changes none. */
export function firstChangedDate(from: Dates, to: Dates): string | undefined {
  return changes(from, to).changed[0];
}

function firstAddedDate(from: Dates, to: Dates): string | undefined {
  return changes(from, to).added[0];
}

function ruleError(field: string, message: string): BusinessRuleError {
  return new BusinessRuleError(`${field} ${message}`, { errors: [{ field, message }] });
}

/** Only the employee or an admin changes a request (an approver decides amendments, never asks for them). */
export function assertMayChange(actor: Actor, employeeId: string): void {
  if (employeeId !== actor.employeeId && actor.role !== 'admin')
    throw new ForbiddenError('Only the employee or an admin can change a leave request');
}

/**
 * An amendment of an approved request: it still covers a working day, starts no earlier than the
 * hire date, changes past days only when an admin asks, and what it adds respects the notice period.
 */
export function assertAmendmentAllowed(
  actor: Actor,
  employee: EmployeeDto,
  type: LeaveTypeDto,
  change: { from: Dates; to: Dates; days: number },
): void {
  if (change.days <= 0)
    throw new BusinessRuleError('The amended leave covers no working days; cancel it instead');
  if (change.to.startDate < employee.hireDate) throw ruleError('startDate', 'is before the hire date');
  if (actor.role === 'admin') return;
  const today = todayIn(employee.timezone);
  const first = firstChangedDate(change.from, change.to);
  if (first !== undefined && first < today) {
    throw new BusinessRuleError(`Days already in the past (${first}) change only by an admin`, {
      errors: [
        { field: first < change.to.startDate ? 'startDate' : 'endDate', message: 'changes a past day' },
      ],
    });
  }
  const added = firstAddedDate(change.from, change.to);
  if (added !== undefined && type.noticeDays && daysBetween(today, added) < type.noticeDays) {
    throw new BusinessRuleError(
      `${type.name} needs ${type.noticeDays} day(s) notice; the added days start in ${daysBetween(today, added)}`,
    );
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const daysIn = (list: YearDays, year: number) => list.find((y) => y.year === year)?.days ?? 0;

/** Per leave year, what `to` costs more than `from` (years that cost less are left out). */
export function addedDays(from: YearDays, to: YearDays): YearDays {
  return to
    .map((y) => ({ year: y.year, days: round2(y.days - daysIn(from, y.year)) }))
    .filter((y) => y.days > 0);
}

export interface Holding {
  leaveTypeId: string;
  daysByYear: YearDays;
}

/**
 * The correcting ledger entries of a change from one holding to another, per leave type and year:
 * held days (a pending request) or used days (an approved one). Keyed by request, version, type and
 * year, so writing them again after a crash or a retry adds nothing.
 */
export function correctionEntries(c: {
  requestId: string;
  employeeId: string;
  version: number;
  status: 'pending' | 'approved';
  from: Holding;
  to: Holding;
  reason: string;
  by: string;
}): NewLedgerEntry[] {
  const keys = new Set<string>();
  for (const h of [c.from, c.to]) for (const y of h.daysByYear) keys.add(`${h.leaveTypeId}:${y.year}`);
  const cost = (h: Holding, typeId: string, year: number) =>
    h.leaveTypeId === typeId ? daysIn(h.daysByYear, year) : 0;
  return [...keys].flatMap((key) => {
    const [typeId = '', yearText = ''] = key.split(':');
    const year = Number(yearText);
    const delta = round2(cost(c.to, typeId, year) - cost(c.from, typeId, year));
    if (delta === 0) return [];
    const pending = c.status === 'pending';
    const kind = pending ? (delta > 0 ? 'hold' : 'hold_release') : delta > 0 ? 'usage' : 'usage_release';
    return [
      {
        key: `amend:${c.requestId}:${c.version}:${typeId}:${year}`,
        employeeId: c.employeeId,
        leaveTypeId: typeId,
        year,
        kind,
        days: -delta,
        requestId: c.requestId,
        reason: c.reason,
        createdBy: c.by,
      },
    ];
  });
}

/** Holding (sign -1) or releasing (+1) what a waiting amendment adds; one key per amendment and year. */
export function amendmentHoldEntries(
  r: { requestId: string; employeeId: string; leaveTypeId: string },
  pending: { version: number; held: YearDays; reason: string },
  sign: 1 | -1,
  by: string,
): NewLedgerEntry[] {
  const kind = sign === -1 ? 'hold' : 'hold_release';
  return pending.held.map((y) => ({
    key: `amend-${kind}:${r.requestId}:${pending.version}:${y.year}`,
    employeeId: r.employeeId,
    leaveTypeId: r.leaveTypeId,
    year: y.year,
    kind,
    days: sign * y.days,
    requestId: r.requestId,
    reason: pending.reason,
    createdBy: by,
  }));
}

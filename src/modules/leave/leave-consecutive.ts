import mongoose, { Types } from 'mongoose';
import { BusinessRuleError } from '../../lib/errors';
import type { FieldError } from '../../lib/errors';
import { addDays, eachDate, isoWeekday } from '../../lib/dates';
import { calendarsFor, holidayDatesBetween } from './holidays.service';
import type { LeaveUnit } from './leave-type.model';
import { ACTIVE_LEAVE_STATUSES, LeaveRequest } from './leave-request.model';

/** One request's place in a run of leave: its dates and its current day count. */
export interface RunPiece {
  startDate: string;
  endDate: string;
  days: number;
}

export interface RunSubject {
  employee: { id: string; workWeek: readonly number[]; holidayCalendar: string | null };
  type: { id: string; name: string; unit: LeaveUnit; maxConsecutiveDays: number | null };
  startDate: string;
  endDate: string;
  days: number;
  /** The request being amended or recounted, which must not join itself. */
  excludeRequestId?: string;
}

/** Neighbours further than this many calendar days apart are never looked up (a run is at most 366 days). */
const MAX_STEPS = 400;

/**
 * Days that count for a gap between two adjacent requests: none for working-day types (a gap that
 * joins holds only days off), every gap day for calendar-day types (the absence covers them).
 */
export function gapDays(unit: LeaveUnit, lastDayBefore: string, firstDayAfter: string): number {
  if (unit !== 'calendar_day') return 0;
  let n = 0;
  for (let d = addDays(lastDayBefore, 1); d < firstDayAfter; d = addDays(d, 1)) n++;
  return n;
}

/**
 * Whether a request ending on `lastDayBefore` and another starting on `firstDayAfter` form one absence:
 * every day strictly between them is a day off (not in the work week) or a holiday.
 */
export function joins(
  lastDayBefore: string,
  firstDayAfter: string,
  workWeek: readonly number[],
  holidays: ReadonlySet<string>,
): boolean {
  if (lastDayBefore >= firstDayAfter) return false;
  const first = addDays(lastDayBefore, 1);
  if (first >= firstDayAfter) return true;
  for (const d of eachDate(first, addDays(firstDayAfter, -1))) {
    if (workWeek.includes(isoWeekday(d)) && !holidays.has(d)) return false;
  }
  return true;
}

type Neighbour = RunPiece & { _id: Types.ObjectId };

async function neighbour(
  subject: RunSubject,
  side: 'before' | 'after',
  edge: string,
): Promise<Neighbour | null> {
  const filter: Record<string, unknown> = {
    employeeId: new Types.ObjectId(subject.employee.id),
    leaveTypeId: new Types.ObjectId(subject.type.id),
    status: mongoose.trusted({ $in: ACTIVE_LEAVE_STATUSES }),
    ...(side === 'before'
      ? { endDate: mongoose.trusted({ $lt: edge }) }
      : { startDate: mongoose.trusted({ $gt: edge }) }),
    ...(subject.excludeRequestId
      ? { _id: mongoose.trusted({ $ne: new Types.ObjectId(subject.excludeRequestId) }) }
      : {}),
  };
  return LeaveRequest.findOne(filter, { startDate: 1, endDate: 1, days: 1 })
    .sort(side === 'before' ? { endDate: -1 } : { startDate: 1 })
    .lean<Neighbour>();
}

/** Walks from the subject's edge to each adjacent request on one side; returns the days it adds. */
async function walk(subject: RunSubject, side: 'before' | 'after', limit: number): Promise<number> {
  const calendars = calendarsFor(subject.employee.holidayCalendar);
  let edge = side === 'before' ? subject.startDate : subject.endDate;
  let added = 0;
  for (let step = 0; step < MAX_STEPS && added <= limit; step++) {
    const next = await neighbour(subject, side, edge);
    if (!next) break;
    const [last, first] = side === 'before' ? [next.endDate, edge] : [edge, next.startDate];
    const holidays = await holidayDatesBetween(calendars, last, first);
    if (!joins(last, first, subject.employee.workWeek, holidays)) break;
    added += next.days + gapDays(subject.type.unit, last, first);
    edge = side === 'before' ? next.startDate : next.endDate;
  }
  return added;
}

/**
 * A type's maximum consecutive days applies to one continuous absence, not to one request: adjacent
 * pending or approved requests of the same type, separated only by days off and holidays, count
 * together. Refused with 422 naming the date field on the side where the run grew too long.
 */
export async function assertConsecutiveLimit(subject: RunSubject): Promise<void> {
  const max = subject.type.maxConsecutiveDays;
  if (!max) return;
  const name = subject.type.name;
  if (subject.days > max) {
    throw new BusinessRuleError(
      `${name} allows at most ${max} consecutive day(s); this request has ${subject.days}`,
      {
        errors: [{ field: 'endDate', message: `makes ${subject.days} consecutive day(s); at most ${max}` }],
      },
    );
  }
  const before = await walk(subject, 'before', max - subject.days);
  const after = await walk(subject, 'after', max - subject.days - before);
  const total = subject.days + before + after;
  if (total <= max) return;
  const message = `joins adjacent ${name.toLowerCase()} into ${total} consecutive day(s); at most ${max}`;
  const errors: FieldError[] = [];
  if (before > 0) errors.push({ field: 'startDate', message });
  if (after > 0) errors.push({ field: 'endDate', message });
  throw new BusinessRuleError(
    `${name} allows at most ${max} consecutive day(s); with the adjacent requests this absence is ${total}`,
    { errors },
  );
}

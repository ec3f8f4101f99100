import type { Types } from 'mongoose';
import mongoose from 'mongoose';
import { now } from '../../lib/clock';
import { todayIn } from '../../lib/dates';
import type { Announcement } from '../audit';
import { recordThenAnnounce } from '../audit';
import { findEmployeeProfile } from '../employees';
import { closedPeriodTouching } from '../periods';
import { settleLapsesAfterChange } from './carry-over-expiry';
import { countRequestDays } from './leave-day-count';
import type { LeaveRequestRecord } from './leave-request.model';
import { ACTIVE_LEAVE_STATUSES, LeaveRequest } from './leave-request.model';
import { findLeaveType } from './leave-types.service';
import { unchangedSince } from './leave-request-version';
import type { NewLedgerEntry } from './ledger.service';
import { writeLedgerEntries } from './ledger.service';

type Stored = LeaveRequestRecord & { _id: Types.ObjectId; updatedAt: Date };
type YearDays = Array<{ year: number; days: number }>;
/** One entry of a request's `dayCountHistory`, as stored. */
interface Recount {
  revision: number;
  days: number;
  daysByYear: YearDays;
  previousDays: number;
  previousDaysByYear: YearDays;
  reason: string;
  status: LeaveRequestRecord['status'];
  at: Date;
}

/** Concurrent writers (a decision, a cancellation, another recount) make a recount read again. */
const ATTEMPTS = 5;

const round2 = (n: number) => Math.round(n * 100) / 100;
const sameCounts = (a: YearDays, b: YearDays) =>
  a.length === b.length && a.every((y, i) => y.year === b[i]?.year && y.days === b[i]?.days);

/**
 * The correcting entries of one recount: per leave year, the difference between the new and the
 * previous count, as held days (pending) or used days (approved). Keyed by request, revision and
 * year, so writing them again (a retry, or the next recount finishing a crashed one) adds nothing.
 */
export function recountEntries(requestId: string, r: Stored, h: Recount, by: string): NewLedgerEntry[] {
  const years = new Set([...h.previousDaysByYear, ...h.daysByYear].map((y) => y.year));
  const daysIn = (list: YearDays, year: number) => list.find((y) => y.year === year)?.days ?? 0;
  return [...years].flatMap((year) => {
    const delta = round2(daysIn(h.daysByYear, year) - daysIn(h.previousDaysByYear, year));
    if (delta === 0) return [];
    const approved = h.status === 'approved';
    const kind = approved ? (delta > 0 ? 'usage' : 'usage_release') : delta > 0 ? 'hold' : 'hold_release';
    return [
      {
        key: `recount:${requestId}:${h.revision}:${year}`,
        employeeId: r.employeeId.toHexString(),
        leaveTypeId: r.leaveTypeId.toHexString(),
        year,
        kind,
        days: -delta,
        requestId,
        reason: h.reason,
        createdBy: by,
      },
    ];
  });
}

/** The request's days as they count today: the employee's current work week and holidays. */
async function currentCount(r: Stored) {
  const [employee, type] = await Promise.all([
    findEmployeeProfile(r.employeeId.toHexString()),
    findLeaveType(r.leaveTypeId.toHexString()),
  ]);
  if (!employee || !type) return undefined;
  const count = await countRequestDays(employee, type, r);
  return { count, typeName: type.name };
}

/** Tells the employee and their approver, recomputes attendance, and records the change. */
async function announce(r: Stored, h: Recount, typeName: string): Promise<void> {
  const requestId = r._id.toHexString();
  const employeeId = r.employeeId.toHexString();
  await recordThenAnnounce(
    {
      action: 'leave_request.recount',
      entityType: 'LeaveRequest',
      entityId: requestId,
      before: { days: h.previousDays, daysByYear: h.previousDaysByYear },
      after: { days: h.days, daysByYear: h.daysByYear },
      metadata: { reason: h.reason, revision: h.revision },
    },
    [
      'leave.recounted',
      {
        requestId,
        employeeId,
        leaveTypeName: typeName,
        startDate: r.startDate,
        endDate: r.endDate,
        days: h.days,
        status: h.status,
        previousDays: h.previousDays,
        reason: h.reason,
        revision: h.revision,
      },
    ],
    ...(h.status === 'approved'
      ? [['leave.changed', { employeeId, startDate: r.startDate, endDate: r.endDate }] as Announcement]
      : []),
  );
}

/**
 * Recounts one pending or approved request. The request changes by one conditional update (only
 * if its status and revision are still the ones read) that pushes the history entry; the ledger
 * then gets keyed correcting entries. Returns whether the count changed.
 */
export async function recountRequest(id: Types.ObjectId, reason: string, by: string): Promise<boolean> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const r = await LeaveRequest.findById(id).lean<Stored>();
    if (!r || !ACTIVE_LEAVE_STATUSES.includes(r.status)) return false;
    const requestId = r._id.toHexString();
    // Finish the previous recount's ledger step, in case it was interrupted after the update.
    const last = r.dayCountHistory?.at(-1) as Recount | undefined;
    if (last) await writeLedgerEntries(recountEntries(requestId, r, last, by));
    // Counts payroll already saw stay as they were: a request touching a closed period is skipped.
    const closed = await closedPeriodTouching({ from: r.startDate, to: r.endDate });
    if (closed) {
      await recordThenAnnounce({
        action: 'leave_request.recount_skipped',
        entityType: 'LeaveRequest',
        entityId: requestId,
        metadata: { reason, skipped: `period closed: ${closed.from} to ${closed.to}`, periodId: closed.id },
      });
      return false;
    }
    const current = await currentCount(r);
    if (!current || sameCounts(current.count.byYear, r.daysByYear)) return false;
    const revision = (r.countRevision ?? 0) + 1;
    const entry: Recount = {
      revision,
      days: current.count.total,
      daysByYear: current.count.byYear,
      previousDays: r.days,
      previousDaysByYear: r.daysByYear.map((y) => ({ year: y.year, days: y.days })),
      reason,
      status: r.status,
      at: now(),
    };
    const updated = await LeaveRequest.findOneAndUpdate(
      {
        // The version too: an amendment that moved the dates meanwhile makes this recount read again.
        ...unchangedSince(r),
        status: r.status,
        countRevision: r.countRevision ? r.countRevision : mongoose.trusted({ $exists: false }),
      },
      {
        $set: { days: entry.days, daysByYear: entry.daysByYear, countRevision: revision },
        $push: { dayCountHistory: entry },
        $inc: { version: 1 },
      },
      { returnDocument: 'after' },
    ).lean<Stored>();
    if (!updated) continue;
    await writeLedgerEntries(recountEntries(requestId, updated, entry, by));
    await settleLapsesAfterChange(updated);
    await announce(updated, entry, current.typeName);
    return true;
  }
  return false;
}

async function recountAll(filter: Record<string, unknown>, reason: string, by: string): Promise<number> {
  const ids = await LeaveRequest.find(
    { ...filter, status: mongoose.trusted({ $in: ACTIVE_LEAVE_STATUSES }) },
    { _id: 1 },
  ).lean<Array<{ _id: Types.ObjectId }>>();
  let changed = 0;
  for (const { _id } of ids) if (await recountRequest(_id, reason, by)) changed++;
  return changed;
}

/** A holiday was added, moved or removed on `date`: every active request covering it is recounted. */
export function recountForHoliday(date: string): Promise<number> {
  return recountAll(
    { startDate: mongoose.trusted({ $lte: date }), endDate: mongoose.trusted({ $gte: date }) },
    `Holiday added, moved or removed on ${date}`,
    'system:recount',
  );
}

/**
 * An employee's work week, shift, time zone or holiday calendar changed: their active requests not
 * wholly in the past are recounted (days already taken were taken under the schedule of the time).
 */
export async function recountForEmployee(employeeId: string, fields: string[]): Promise<number> {
  const employee = await findEmployeeProfile(employeeId);
  if (!employee) return 0;
  return recountAll(
    {
      employeeId: new mongoose.Types.ObjectId(employeeId),
      endDate: mongoose.trusted({ $gte: todayIn(employee.timezone) }),
    },
    `Employee's ${fields.join(', ')} changed`,
    'system:recount',
  );
}

import mongoose from 'mongoose';
import type { Types } from 'mongoose';
import { PeriodClosedError } from '../../lib/errors';
import type { PayrollPeriodRecord } from './payroll-period.model';
import { PayrollPeriod } from './payroll-period.model';

/**
 * The closed-date guard other modules call before they write. Dates are calendar dates
 * (`YYYY-MM-DD`): a list of single days, or an inclusive range `{from, to}` (a leave request).
 */
export type DatesToCheck = readonly string[] | { from: string; to: string };

type StoredPeriod = PayrollPeriodRecord & { _id: Types.ObjectId };

const isList = (dates: DatesToCheck): dates is readonly string[] => Array.isArray(dates);

function bounds(dates: DatesToCheck): { from: string; to: string } | undefined {
  if (!isList(dates)) return dates;
  const sorted = dates.filter(Boolean).sort();
  if (sorted.length === 0) return undefined;
  return { from: sorted[0] ?? '', to: sorted[sorted.length - 1] ?? '' };
}

/** Closed periods overlapping [from, to], oldest first (one indexed query). */
async function closedOverlapping(from: string, to: string): Promise<StoredPeriod[]> {
  return PayrollPeriod.find({
    status: 'closed',
    from: mongoose.trusted({ $lte: to }),
    to: mongoose.trusted({ $gte: from }),
  })
    .sort({ from: 1 })
    .lean<StoredPeriod[]>();
}

/** The first closed period holding one of the dates (any day of a range), if there is one. */
export async function closedPeriodTouching(
  dates: DatesToCheck,
): Promise<{ id: string; from: string; to: string; date: string } | undefined> {
  const range = bounds(dates);
  if (!range) return undefined;
  const periods = await closedOverlapping(range.from, range.to);
  const list = isList(dates) ? [...dates].sort() : undefined;
  for (const p of periods) {
    const date = list
      ? list.find((d) => d >= p.from && d <= p.to)
      : range.from > p.from
        ? range.from
        : p.from;
    if (date) return { id: p._id.toHexString(), from: p.from, to: p.to, date };
  }
  return undefined;
}

/**
 * Refuses a write that touches a date inside a closed payroll period: throws PeriodClosedError
 * (409, problem type `/problems/period-closed`) naming `field`. Call it before writing anything.
 * `assertDatesOpen(['2026-11-12'])`, `assertDatesOpen({from: startDate, to: endDate}, 'startDate')`.
 */
export async function assertDatesOpen(dates: DatesToCheck, field = 'date'): Promise<void> {
  const closed = await closedPeriodTouching(dates);
  if (!closed) return;
  throw new PeriodClosedError(
    `${closed.date} is in the closed payroll period ${closed.from} to ${closed.to}; an admin must reopen it first`,
    { errors: [{ field, message: `is in the closed payroll period ${closed.from} to ${closed.to}` }] },
  );
}

/** Which of `dates` lie in a closed period (for per-item answers such as device ingest). */
export async function closedDatesAmong(dates: readonly string[]): Promise<Set<string>> {
  const range = bounds(dates);
  if (!range) return new Set();
  const periods = await closedOverlapping(range.from, range.to);
  return new Set(dates.filter((d) => periods.some((p) => d >= p.from && d <= p.to)));
}

import { addDays, todayIn } from '../../lib/dates';
import type { LedgerKind } from './leave-ledger.model';
import type { BalanceParts, KindSums } from './ledger.service';
import { balanceFromLedgerSums } from './ledger.service';
import type { DescribeContext } from './statement-descriptions';
import { describeEntry } from './statement-descriptions';

/**
 * How ledger entries become the lines of a balance statement (pure): the date each line carries,
 * which entries count at `asOf`, their order, and the running balance.
 */

/** `ledger`: stored; `due`: owed by today but not yet written by the accrual job; `projected`: after today. */
export type LineSource = 'ledger' | 'due' | 'projected';

export interface StatementEntry {
  key: string;
  kind: LedgerKind;
  days: number;
  /** When it was written (stored entries); computed accruals have none. */
  at?: Date;
  requestId?: string;
  reason?: string;
  source: LineSource;
}

export interface StatementLine {
  date: string;
  kind: LedgerKind;
  days: number;
  balance: number;
  description: string;
  requestId?: string;
  source: LineSource;
}

export interface DatingContext {
  year: number;
  /** The employee's time zone: a written entry is dated on its day there. */
  zone: string;
  /** The last day carried-over days could be used on, when they expire. */
  expiryDate?: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The date a line shows. Accruals: the first day of their month (monthly) or of their leave year
 * (yearly); carry-over: 1 January; the first lapse: the day after the expiry date; everything else
 * (requests, decisions, adjustments, later lapse corrections): the day it was written.
 */
export function lineDate(e: StatementEntry, ctx: DatingContext): string {
  const parts = e.key.split(':');
  const written = e.at ? todayIn(ctx.zone, e.at) : `${ctx.year}-01-01`;
  if (e.kind === 'accrual' && parts[0] === 'accrual') {
    const period = parts[3] ?? '';
    if (/^\d{4}-\d{2}$/.test(period)) return `${period}-01`;
    if (/^\d{4}$/.test(period)) return `${period}-01-01`;
    return written;
  }
  if (e.kind === 'carry_over' && parts[0] === 'carry_over') return `${ctx.year}-01-01`;
  if (e.kind === 'carry_over_expiry' && parts.length === 4 && ctx.expiryDate)
    return addDays(ctx.expiryDate, 1);
  return written;
}

/**
 * From when an entry counts in the balance. The same as its date, except a yearly entitlement,
 * which is bookable from 1 January of the year before (accrual.ts).
 */
export function countsFrom(e: StatementEntry, ctx: DatingContext): string {
  const date = lineDate(e, ctx);
  const period = e.key.split(':')[3] ?? '';
  if (e.kind === 'accrual' && /^\d{4}$/.test(period)) return `${Number(period) - 1}-01-01`;
  return date;
}

/**
 * Which entries make the balance at `asOf`. On or after today: everything stored (the ledger as it
 * is now), plus the computed accruals owed by `asOf`. Before today: stored entries that counted by
 * then, plus the accruals owed by then that the job had not stored. Computed entries are always for
 * `asOf` (the caller computed them up to it), so they are all kept.
 */
export function entriesAsOf(
  entries: StatementEntry[],
  ctx: DatingContext,
  asOf: string,
  today: string,
): StatementEntry[] {
  if (asOf >= today) return entries;
  return entries.filter((e) => e.source !== 'ledger' || countsFrom(e, ctx) <= asOf);
}

const RANK: Partial<Record<LedgerKind, number>> = { accrual: 0, carry_over: 1 };

/** Lines in date order (on one day: accruals, then carry-over, then the rest as written) with the running balance. */
export function buildLines(
  entries: StatementEntry[],
  dating: DatingContext,
  describing: DescribeContext,
): StatementLine[] {
  const dated = entries.map((e) => ({ e, date: lineDate(e, dating) }));
  dated.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      (RANK[a.e.kind] ?? 2) - (RANK[b.e.kind] ?? 2) ||
      (a.e.at?.getTime() ?? 0) - (b.e.at?.getTime() ?? 0) ||
      a.e.key.localeCompare(b.e.key),
  );
  let balance = 0;
  return dated.map(({ e, date }) => {
    balance = round2(balance + e.days);
    const description = describeEntry(
      {
        key: e.key,
        kind: e.kind,
        days: e.days,
        date,
        requestId: e.requestId,
        reason: e.reason,
        projected: e.source === 'projected',
      },
      describing,
    );
    return {
      date,
      kind: e.kind,
      days: round2(e.days),
      balance,
      description,
      ...(e.requestId ? { requestId: e.requestId } : {}),
      source: e.source,
    };
  });
}

/** The closing totals of the lines: the same formula as every balance (balanceFromLedgerSums). */
export function closingOf(entries: Array<Pick<StatementEntry, 'kind' | 'days'>>): BalanceParts {
  const sums: KindSums = {};
  for (const e of entries) sums[e.kind] = (sums[e.kind] ?? 0) + e.days;
  return balanceFromLedgerSums(sums);
}

import type { LedgerKind } from './leave-ledger.model';

/** Sentences a person understands for each ledger entry of a balance statement. Pure. */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const round2 = (n: number) => Math.round(n * 100) / 100;

/** 2 -> "2.0", 0.5 -> "0.5", 11.67 -> "11.67" (no sign). */
export function formatAmount(days: number): string {
  const abs = round2(Math.abs(days));
  return Number.isInteger(abs * 10) ? abs.toFixed(1) : abs.toFixed(2);
}

/** 2 -> "+2.0", -3 -> "-3.0". */
export function formatDays(days: number): string {
  return `${round2(days) < 0 ? '-' : '+'}${formatAmount(days)}`;
}

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? String(month);
}

/**
 * A request's dates in short: "3 March", "3-5 March", "30 March - 2 April"; the year is named only
 * when the dates leave the statement's year ("30 December 2026 - 2 January 2027"). Half days say so.
 */
export function formatLeaveDates(
  leave: { startDate: string; endDate: string; halfDayStart?: boolean; halfDayEnd?: boolean },
  statementYear: number,
): string {
  const [sy, sm, sd] = leave.startDate.split('-').map(Number) as [number, number, number];
  const [ey, em, ed] = leave.endDate.split('-').map(Number) as [number, number, number];
  const withYear = sy !== statementYear || ey !== statementYear;
  const day = (d: number, m: number, y: number) => `${d} ${monthName(m)}${withYear ? ` ${y}` : ''}`;
  let text: string;
  if (leave.startDate === leave.endDate) text = day(sd, sm, sy);
  else if (sy === ey && sm === em) text = `${sd}-${day(ed, em, ey)}`;
  else text = `${day(sd, sm, sy)} - ${day(ed, em, ey)}`;
  const halves = [leave.halfDayStart && 'half first day', leave.halfDayEnd && 'half last day'].filter(
    Boolean,
  );
  if (leave.startDate === leave.endDate && halves.length) return `${text} (half day)`;
  return halves.length ? `${text} (${halves.join(', ')})` : text;
}

/** What the statement knows about a request behind a ledger entry. */
export interface RequestFacts {
  id: string;
  startDate: string;
  endDate: string;
  halfDayStart?: boolean;
  halfDayEnd?: boolean;
  status: string;
  /** Set when it was approved or rejected (a cancelled request with a decision had been approved). */
  decided: boolean;
  /** Recounts by revision: the count before and after. */
  recounts: Map<number, { previousDays: number; days: number }>;
}

export interface DescribeContext {
  year: number;
  typeName: string;
  carryOverMax: number;
  /** The last day carried-over days could be used on, when they expire. */
  expiryDate?: string;
  hireDate: string;
  requests: Map<string, RequestFacts>;
}

export interface DescribedEntry {
  key: string;
  kind: LedgerKind;
  days: number;
  date: string;
  requestId?: string;
  reason?: string;
  projected?: boolean;
}

function requestLabel(ctx: DescribeContext, requestId: string | undefined): string {
  const facts = requestId ? ctx.requests.get(requestId) : undefined;
  const dates = facts ? ` ${formatLeaveDates(facts, ctx.year)}` : '';
  return `${ctx.typeName}${dates}`;
}

const withReason = (text: string, reason?: string) => (reason ? `${text} - ${reason}` : text);

function describeAccrual(e: DescribedEntry, ctx: DescribeContext): string {
  const period = e.key.split(':')[3] ?? '';
  const suffix = e.projected ? ' (projected)' : '';
  const monthly = /^(\d{4})-(\d{2})$/.exec(period);
  if (monthly)
    return `Accrual for ${monthName(Number(monthly[2]))} ${monthly[1]}${suffix}: ${formatDays(e.days)}`;
  const hired = ctx.hireDate.startsWith(`${ctx.year}-`) && !ctx.hireDate.startsWith(`${ctx.year}-01`);
  const proRated = hired ? ` (from hiring in ${monthName(Number(ctx.hireDate.slice(5, 7)))})` : '';
  return `Entitlement for ${period || ctx.year}${proRated}${suffix}: ${formatDays(e.days)}`;
}

function describeLapse(e: DescribedEntry, ctx: DescribeContext): string {
  const correction = e.key.split(':').length > 4;
  if (!correction) return `${formatAmount(e.days)} carried days lapsed on ${e.date}`;
  const after = ctx.expiryDate ? ` after a change to leave on or before ${ctx.expiryDate}` : '';
  return e.days < 0
    ? `${formatAmount(e.days)} more carried days lapsed on ${e.date}${after}`
    : `${formatAmount(e.days)} lapsed carried days restored on ${e.date}${after}`;
}

function holdReleaseVerb(facts: RequestFacts | undefined): string {
  if (!facts) return 'released';
  if (facts.status === 'rejected') return 'rejected, held days released';
  if (facts.status === 'approved' || facts.decided) return 'approved, held days released';
  return 'cancelled, held days released';
}

function describeRecount(e: DescribedEntry, ctx: DescribeContext): string {
  const revision = Number(e.key.split(':')[2]);
  const change = e.requestId ? ctx.requests.get(e.requestId)?.recounts.get(revision) : undefined;
  const counts = change
    ? ` recounted from ${formatAmountShort(change.previousDays)} to ${formatAmountShort(change.days)} days`
    : ' recounted';
  return withReason(
    `${requestLabel(ctx, e.requestId)}${counts} (request ${e.requestId ?? '?'}): ${formatDays(e.days)}`,
    e.reason,
  );
}

/** The sentence for one line. Unknown key shapes (newer writers) still read sensibly. */
export function describeEntry(e: DescribedEntry, ctx: DescribeContext): string {
  const prefix = e.key.split(':')[0];
  const ref = e.requestId ? ` (request ${e.requestId})` : '';
  const facts = e.requestId ? ctx.requests.get(e.requestId) : undefined;
  const signed = formatDays(e.days);
  if (prefix === 'recount') return describeRecount(e, ctx);
  switch (e.kind) {
    case 'accrual':
      return describeAccrual(e, ctx);
    case 'carry_over':
      return `Carried over from ${ctx.year - 1} (cap ${formatAmountShort(ctx.carryOverMax)}): ${signed}`;
    case 'carry_over_expiry':
      return describeLapse(e, ctx);
    case 'adjustment':
      return withReason(`Adjustment by an admin: ${signed}`, e.reason);
    default:
      break;
  }
  const label = requestLabel(ctx, e.requestId);
  const changed = withReason(`${label} changed${ref}: ${signed}`, e.reason);
  if (prefix === 'amend') return withReason(`${label} amended${ref}: ${signed}`, e.reason);
  if (prefix === 'amend-hold')
    return withReason(`${label}, amendment awaiting approval${ref}: ${signed}`, e.reason);
  if (prefix === 'amend-hold_release')
    return `${label}, amendment decided, held days released${ref}: ${signed}`;
  if (prefix !== e.kind) return changed;
  if (e.kind === 'hold') return `${label}, awaiting approval${ref}: ${signed}`;
  if (e.kind === 'hold_release') return `${label} ${holdReleaseVerb(facts)}${ref}: ${signed}`;
  if (e.kind === 'usage') return `${label}${ref}: ${signed}`;
  if (e.kind === 'usage_release') return `${label} cancelled${ref}: ${signed}`;
  // A kind added after this code: still the request, the days and the reason.
  return changed;
}

/** A cap as people write it: 5 -> "5", 2.5 -> "2.5". */
function formatAmountShort(n: number): string {
  return String(round2(n));
}

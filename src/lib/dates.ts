import { DateTime } from 'luxon';
import { now } from './clock';

/**
 * Calendar dates are `YYYY-MM-DD` strings in an employee's own zone. Arithmetic on them is done
 * in UTC, where every day has 24 hours, so DST never shifts a date.
 */
export function todayIn(zone: string, at: Date = now()): string {
  return DateTime.fromJSDate(at, { zone }).toISODate() ?? '';
}

function parse(date: string): DateTime {
  return DateTime.fromISO(date, { zone: 'utc' });
}

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** `date` shifted by `days` calendar days (negative: earlier). */
export function addDays(date: string, days: number): string {
  const key = `${date}|${days}`;
  const known = shiftedDates.get(key);
  if (known !== undefined) return known;
  const result = shiftDate(date, days);
  // The same few dates come back for every punch of a batch: remembered, up to a bound.
  if (shiftedDates.size >= MAX_SHIFTED_DATES) shiftedDates.clear();
  shiftedDates.set(key, result);
  return result;
}

const shiftedDates = new Map<string, string>();
const MAX_SHIFTED_DATES = 10_000;

/**
 * Plain UTC arithmetic for real dates of years 1000-9999 (every punch computes three of these, and
 * a luxon parse and format each was a tenth of the ingest profile); luxon for anything else, so odd
 * input behaves as it always did.
 */
function shiftDate(date: string, days: number): string {
  const parts = PLAIN_DATE.exec(date);
  const year = Number(parts?.[1]);
  if (parts && year >= 1000) {
    const base = Date.UTC(year, Number(parts[2]) - 1, Number(parts[3]));
    // Date.UTC rolls 2026-02-30 over to March: only a date that formats back to itself is real.
    const shifted = new Date(base + days * DAY_MS).toISOString();
    if (new Date(base).toISOString().startsWith(date) && PLAIN_DATE.test(shifted.slice(0, 10))) {
      const result = shifted.slice(0, 10);
      if (Number(result.slice(0, 4)) >= 1000) return result;
    }
  }
  return parse(date).plus({ days }).toISODate() ?? date;
}

export function addMonths(date: string, months: number): string {
  return parse(date).plus({ months }).toISODate() ?? date;
}

/** ISO weekday: Monday=1 ... Sunday=7. */
export function isoWeekday(date: string): number {
  return parse(date).weekday;
}

export function daysBetween(from: string, to: string): number {
  return Math.round(parse(to).diff(parse(from), 'days').days);
}

/** Every date from `start` to `end`, both included. */
export function* eachDate(start: string, end: string): Generator<string> {
  for (let d = start; d <= end; d = addDays(d, 1)) yield d;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

export function monthOf(date: string): number {
  return Number(date.slice(5, 7));
}

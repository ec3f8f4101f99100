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

export function addDays(date: string, days: number): string {
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

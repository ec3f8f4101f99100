import { IANAZone } from 'luxon';

/** Shared value rules, so every module checks a date or zone the same way. */

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function isIanaTimeZone(value: unknown): boolean {
  return typeof value === 'string' && IANAZone.isValidZone(value);
}

/** A real calendar date `YYYY-MM-DD` (2025-02-30 is refused). */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

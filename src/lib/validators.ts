import { IANAZone } from 'luxon';

/** Shared value rules, so every module checks a date or zone the same way. */

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Zones already checked: luxon builds an Intl.DateTimeFormat per check (about 140 µs each, uncached). */
const knownZones = new Map<string, boolean>();
const MAX_KNOWN_ZONES = 1_000;

export function isIanaTimeZone(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const known = knownZones.get(value);
  if (known !== undefined) return known;
  const valid = IANAZone.isValidZone(value);
  // Bounded: a client sending endless made-up zones cannot grow it without limit.
  if (knownZones.size < MAX_KNOWN_ZONES) knownZones.set(value, valid);
  return valid;
}

/** A real calendar date `YYYY-MM-DD` (2025-02-30 is refused). */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

import { DateTime } from 'luxon';

/**
 * A device's timestamp as an instant: with a Z or ±hh:mm offset it is one; without, it is the
 * device's local time in `zone`. Impossible dates (2026-02-30) are refused, never rolled over.
 */
export function parseDeviceTime(value: string, zone: string): Date | undefined {
  const fast = isoInstantOf(value);
  if (fast) return fast;
  if (ISO_WITH_OFFSET.test(value)) {
    const at = new Date(value);
    // Date rolls over impossible dates (2026-02-30): only a round trip of the date part proves it real.
    if (!Number.isNaN(at.getTime()) && sameCalendarParts(value, at)) return at;
  }
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const parsed = hasOffset
    ? DateTime.fromISO(value, { setZone: true })
    : DateTime.fromISO(value.replace(' ', 'T'), { zone });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

/** An ISO 8601 instant with a Z or ±hh:mm offset, which Date parses exactly. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/i;
/** The same shape, its fields captured. */
const ISO_FIELDS =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/i;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/**
 * The instant of an ISO 8601 date-time with an offset, computed from its fields: the common
 * device timestamp, read once per event (parsing it and formatting it back to check the date was
 * the ingest's largest own cost). Undefined when a field is out of its usual range, a year below
 * 100 (which Date.UTC reads as 19xx) included, and then the general path decides.
 */
export function isoInstantOf(value: string): Date | undefined {
  const m = ISO_FIELDS.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] ? Number(m[6]) : 0;
  const millisecond = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  const offsetHours = m[9] ? Number(m[9]) : 0;
  const offsetMinutes = m[10] ? Number(m[10]) : 0;
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const offset = (m[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offset * 60_000);
}

/** The written date and time are those of the instant at its written offset (no rollover happened). */
function sameCalendarParts(value: string, at: Date): boolean {
  const offset = /(Z|([+-])(\d{2}):(\d{2}))$/i.exec(value);
  const sign = offset?.[2] === '-' ? -1 : 1;
  const minutes = offset?.[3] ? sign * (Number(offset[3]) * 60 + Number(offset[4])) : 0;
  const local = new Date(at.getTime() + minutes * 60_000).toISOString();
  return local.slice(0, 16) === value.slice(0, 16);
}

import { DateTime } from 'luxon';
import { addDays } from '../../lib/dates';
import type { ShiftSchedule } from '../employees';
import type { PunchDirection } from './punch.model';

const DAY_MINUTES = 24 * 60;

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Shift length in minutes; an end at or before the start crosses midnight (a night shift). */
export function shiftLengthMinutes(schedule: ShiftSchedule): number {
  const length = (minutesOf(schedule.end) - minutesOf(schedule.start) + DAY_MINUTES) % DAY_MINUTES;
  return length === 0 ? DAY_MINUTES : length;
}

/**
 * The working day a punch belongs to: the date on which the scheduled shift it is nearest to starts,
 * in the employee's zone. Inside a shift the distance is 0; before or after it, the distance to its
 * start or end. The shifts of the day before, the same local day and the day after are compared
 * (a shift lasts under 24 hours, so no other can be nearer); on a tie the later shift wins. So a
 * 06:00-14:00 shift worked on Monday is Monday's, and a 22:00-06:00 shift's 06:00 punch is the day
 * it started, in every zone and on the days clocks change.
 */
export function businessDateExact(at: Date, zone: string, schedule: ShiftSchedule): string {
  const localDate = localDateOf(at, zone);
  const t = at.getTime();
  let best = localDate;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const offset of [-1, 0, 1]) {
    const date = addDays(localDate, offset);
    const window = shiftWindow(date, zone, schedule);
    const distance = distanceToWindow(t, window);
    if (distance <= bestDistance) {
      best = date;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Values that change at a few instants (a zone's offset, a shift's business date), remembered per key
 * and quarter of an hour: a batch's punches fall in a few quarters, and working each out per punch
 * was the top cost of validating one. A quarter keeps its value only when its two ends agree, which
 * proves the value holds throughout (the caller's reason below); otherwise null, and each instant in
 * it is worked out exactly. Bounded; cleared whole when full.
 */
class QuarterMemo<T> {
  private readonly byKey = new Map<string, Map<number, T | null>>();
  private kept = 0;

  valueAt(key: string, t: number, exact: (t: number) => T): T {
    const quarter = Math.floor(t / QUARTER_MS);
    let quarters = this.byKey.get(key);
    let value = quarters?.get(quarter);
    if (value === undefined) {
      const start = quarter * QUARTER_MS;
      const first = exact(start);
      value = first === exact(start + QUARTER_MS - 1) ? first : null;
      if (this.kept >= MAX_QUARTERS) {
        this.byKey.clear();
        this.kept = 0;
        quarters = undefined;
      }
      if (!quarters) this.byKey.set(key, (quarters = new Map<number, T | null>()));
      quarters.set(quarter, value);
      this.kept++;
    }
    return value ?? exact(t);
  }
}

const QUARTER_MS = 15 * 60_000;
const MAX_QUARTERS = 20_000;

/**
 * The nearest shift (the later on a tie) only moves forward as time does, since shifts start and end
 * in order: a quarter whose two ends share a business date has it throughout.
 */
const businessDates = new QuarterMemo<string>();

/** The working day a punch belongs to (see businessDateExact), remembered per quarter of an hour. */
export function businessDateOf(at: Date, zone: string, schedule: ShiftSchedule): string {
  // The break does not move a shift's window, so it is not part of the key.
  return businessDates.valueAt(`${zone}|${schedule.start}|${schedule.end}`, at.getTime(), (t) =>
    businessDateExact(new Date(t), zone, schedule),
  );
}

/** One formatter per zone: its parts are the local date and time of an instant, to the second. */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    if (formats.size < 1_000) formats.set(zone, format);
  }
  return format;
}

/** The zone's offset from UTC at an instant, in whole seconds (old local mean times have seconds). */
function offsetMsAt(t: number, zone: string): number {
  const parts = formatIn(zone).formatToParts(new Date(t));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const localMs = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  // Date.UTC reads years 0-99 as 1900-1999: set the year again so such dates stay exact.
  const local = new Date(localMs);
  local.setUTCFullYear(part('year'));
  return local.getTime() - (t - (((t % 1000) + 1000) % 1000));
}

/** No zone changes its offset twice within 15 minutes: a quarter whose two ends share one has it throughout. */
const offsets = new QuarterMemo<number>();

/** The calendar date (YYYY-MM-DD) of an instant in a zone, without building a luxon DateTime per punch. */
export function localDateOf(at: Date, zone: string): string {
  const t = at.getTime();
  const local = new Date(t + offsets.valueAt(zone, t, (instant) => offsetMsAt(instant, zone)));
  const year = local.getUTCFullYear();
  // toISOString writes years 0-9999 with four digits; other years lie outside every calendar a punch uses.
  if (year >= 0 && year <= 9999) return local.toISOString().slice(0, 10);
  return `${year}-${String(local.getUTCMonth() + 1).padStart(2, '0')}-${String(local.getUTCDate()).padStart(2, '0')}`;
}

/** Milliseconds from an instant to a shift (0 inside it). */
export function distanceToWindow(t: number, window: Pick<ShiftWindow, 'start' | 'end'>): number {
  const start = window.start.getTime();
  const end = window.end.getTime();
  return t < start ? start - t : t > end ? t - end : 0;
}

export interface ShiftWindow {
  start: Date;
  end: Date;
  expectedMinutes: number;
}

/**
 * Shift windows already worked out: luxon's zone arithmetic was the top cost of ingest and of a
 * recompute (three windows per punch), and a batch asks for the same few dates, zones and shifts over
 * and over. Bounded; cleared whole when full (the next batch refills what it needs).
 */
const windows = new Map<string, ShiftWindow>();
const MAX_WINDOWS = 20_000;

/** The scheduled shift of a working day as instants, in the employee's zone (DST-aware). */
export function shiftWindow(date: string, zone: string, schedule: ShiftSchedule): ShiftWindow {
  const key = `${date}|${zone}|${schedule.start}|${schedule.end}|${schedule.breakMinutes}`;
  const known = windows.get(key);
  if (known) return { ...known };
  const start = DateTime.fromISO(`${date}T${schedule.start}`, { zone });
  const length = shiftLengthMinutes(schedule);
  const end = start.plus({ minutes: length });
  const window = {
    start: start.toJSDate(),
    end: end.toJSDate(),
    expectedMinutes: Math.max(0, length - schedule.breakMinutes),
  };
  if (windows.size >= MAX_WINDOWS) windows.clear();
  windows.set(key, window);
  return { ...window };
}

export interface PunchFact {
  at: Date;
  direction: PunchDirection;
  /** How pairing read the punch (a direction-less punch's guessed direction); absent on old punches. */
  pairing?: 'in' | 'out' | null | undefined;
  /** Set on a punch that is stored but not counted (a double tap). */
  ignored?: string | null | undefined;
}

export interface DaySummary {
  firstIn: Date | undefined;
  lastOut: Date | undefined;
  workedMinutes: number;
  late: boolean;
  lateMinutes: number;
  earlyLeave: boolean;
  overtimeMinutes: number;
  missingCheckOut: boolean;
}

/**
 * Worked time from in/out pairs. A punch without a direction (some terminals) toggles: in when
 * nothing is open, out otherwise (or as pairing read it). A second "in" while one is open keeps the
 * first; an "out" with nothing open is ignored; ignored punches (double taps) do not count. A session
 * longer than `maxSessionMs` is never paired: it stays a missing check-out. The unpaid break is
 * deducted once the worked time exceeds it. `expectedMinutes` is what the day asks for (0 on days
 * off), and lateness and early leave are only judged on scheduled days.
 */
export function summarizeDay(
  punches: PunchFact[],
  window: ShiftWindow,
  schedule: ShiftSchedule,
  expectedMinutes: number,
  maxSessionMs: number = Number.POSITIVE_INFINITY,
): DaySummary {
  const sorted = punches.filter((p) => !p.ignored).sort((a, b) => a.at.getTime() - b.at.getTime());
  let openedAt: Date | undefined;
  let firstIn: Date | undefined;
  let lastOut: Date | undefined;
  let workedMs = 0;
  let unclosed = false;
  for (const punch of sorted) {
    const direction = punch.pairing ?? punch.direction;
    if (openedAt && punch.at.getTime() - openedAt.getTime() > maxSessionMs) {
      unclosed = true;
      openedAt = undefined;
    }
    const isIn = direction === 'in' || (direction === 'unknown' && !openedAt);
    if (isIn) {
      openedAt ??= punch.at;
      firstIn ??= punch.at;
    } else if (openedAt) {
      workedMs += punch.at.getTime() - openedAt.getTime();
      lastOut = punch.at;
      openedAt = undefined;
    }
  }
  const gross = Math.round(workedMs / 60000);
  const workedMinutes =
    schedule.breakMinutes > 0 && gross > schedule.breakMinutes ? gross - schedule.breakMinutes : gross;
  const scheduled = expectedMinutes > 0;
  const lateMinutes =
    scheduled && firstIn ? Math.max(0, Math.round((firstIn.getTime() - window.start.getTime()) / 60000)) : 0;
  const missingCheckOut = unclosed || openedAt !== undefined;
  return {
    firstIn,
    lastOut,
    workedMinutes,
    late: lateMinutes > schedule.graceMinutes,
    lateMinutes: lateMinutes > schedule.graceMinutes ? lateMinutes : 0,
    earlyLeave:
      scheduled && !missingCheckOut && lastOut !== undefined && lastOut.getTime() < window.end.getTime(),
    overtimeMinutes: Math.max(0, workedMinutes - expectedMinutes),
    missingCheckOut,
  };
}

import { DateTime } from 'luxon';
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
 * The working day a punch belongs to. Days are cut in the middle of the off-shift gap rather than
 * at midnight: with 09:00-17:00 the cut is 01:00, so a 23:30 punch stays on its own local day; with
 * a 22:00-06:00 night shift the cut is 14:00, so the 06:00 check-out belongs to the day it started.
 */
export function businessDateOf(at: Date, zone: string, schedule: ShiftSchedule): string {
  const gap = DAY_MINUTES - shiftLengthMinutes(schedule);
  const cut = (minutesOf(schedule.start) - gap / 2 + DAY_MINUTES) % DAY_MINUTES;
  return DateTime.fromJSDate(at, { zone }).minus({ minutes: cut }).toISODate() ?? '';
}

export interface ShiftWindow {
  start: Date;
  end: Date;
  expectedMinutes: number;
}

/** The scheduled shift of a working day as instants, in the employee's zone (DST-aware). */
export function shiftWindow(date: string, zone: string, schedule: ShiftSchedule): ShiftWindow {
  const start = DateTime.fromISO(`${date}T${schedule.start}`, { zone });
  const length = shiftLengthMinutes(schedule);
  const end = start.plus({ minutes: length });
  return {
    start: start.toJSDate(),
    end: end.toJSDate(),
    expectedMinutes: Math.max(0, length - schedule.breakMinutes),
  };
}

export interface PunchFact {
  at: Date;
  direction: PunchDirection;
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
 * nothing is open, out otherwise. A second "in" while one is open keeps the first; an "out" with
 * nothing open is ignored. The unpaid break is deducted once the worked time exceeds it.
 * `expectedMinutes` is what the day asks for (0 on days off), and lateness and early leave are
 * only judged on scheduled days.
 */
export function summarizeDay(
  punches: PunchFact[],
  window: ShiftWindow,
  schedule: ShiftSchedule,
  expectedMinutes: number,
): DaySummary {
  const sorted = [...punches].sort((a, b) => a.at.getTime() - b.at.getTime());
  let openedAt: Date | undefined;
  let firstIn: Date | undefined;
  let lastOut: Date | undefined;
  let workedMs = 0;
  for (const punch of sorted) {
    const isIn = punch.direction === 'in' || (punch.direction === 'unknown' && !openedAt);
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
  const missingCheckOut = openedAt !== undefined;
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

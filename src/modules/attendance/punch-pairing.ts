import { isoWeekday } from '../../lib/dates';
import type { ShiftSchedule } from '../employees';
import { businessDateOf, distanceToWindow, shiftWindow } from './day-rules';
import type { PunchDirection } from './punch.model';

/**
 * One rule for every source (web, device JSON, ZKTeco, manual): punches of one employee are walked
 * in time order and each gets its working day, how it pairs, and whether it counts. Pure: the
 * services load the punches, call this, and store what changed.
 */

export const EXCEPTION_KINDS = [
  'missing_check_out',
  'orphan_check_out',
  'double_tap',
  'outside_shift',
  'clock_skew',
  'unknown_source',
] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/** A punch further than this from its day's scheduled shift is "outside any shift". */
export const OUTSIDE_SHIFT_MS = 2 * 3600_000;

export interface WalkPunch {
  id: string;
  at: Date;
  direction: PunchDirection;
}

export interface Placement {
  id: string;
  businessDate: string;
  /** The direction the punch counts as (a direction-less punch: in when nothing is open, else out). */
  pairing?: 'in' | 'out';
  ignored?: 'double_tap';
}

export interface RaisedException {
  kind: ExceptionKind;
  date: string;
  punchId: string;
  detail: string;
}

export interface PairingRules {
  zone: string;
  schedule: ShiftSchedule;
  workWeek: number[];
  maxSessionMs: number;
  debounceMs: number;
  /** The walk's "now": a session open longer than the maximum by then is a missing check-out. */
  now: Date;
}

/** What was open and what came last before the walked punches (from the stored placements). */
export interface PairingState {
  open?: { id: string; at: Date; businessDate: string } | undefined;
  last?: { at: Date; direction: PunchDirection; businessDate: string } | undefined;
}

const hours = (ms: number) => Math.round((ms / 3600_000) * 10) / 10;

function isDoubleTap(p: WalkPunch, last: PairingState['last'], debounceMs: number): boolean {
  if (!last || p.at.getTime() - last.at.getTime() >= debounceMs) return false;
  return p.direction === last.direction || p.direction === 'unknown' || last.direction === 'unknown';
}

function outsideShift(p: WalkPunch, date: string, rules: PairingRules): string | undefined {
  if (!rules.workWeek.includes(isoWeekday(date))) return `punch on ${date}, not a working day`;
  const distance = distanceToWindow(p.at.getTime(), shiftWindow(date, rules.zone, rules.schedule));
  if (distance > OUTSIDE_SHIFT_MS) return `punch ${hours(distance)} h away from the ${date} shift`;
  return undefined;
}

/**
 * Walks punches sorted by time. A punch less than `debounceMs` after the last counted one, with the
 * same or no direction, is a double tap: kept, placed on the same day, never counted. A check-out
 * closes the open session and belongs to the day that session started, across midnight, scheduled
 * or not, unless the session has been open longer than `maxSessionMs`: then that session is a
 * missing check-out and the punch starts afresh. Any other punch belongs to its nearest shift.
 */
export function planPairing(
  punches: WalkPunch[],
  rules: PairingRules,
  start: PairingState = {},
): { placements: Placement[]; exceptions: RaisedException[] } {
  const placements: Placement[] = [];
  const exceptions: RaisedException[] = [];
  let { open, last } = start;
  const closeStale = (at: Date) => {
    if (open && at.getTime() - open.at.getTime() > rules.maxSessionMs) {
      exceptions.push({
        kind: 'missing_check_out',
        date: open.businessDate,
        punchId: open.id,
        detail: `check-in at ${open.at.toISOString()} has no check-out within ${hours(rules.maxSessionMs)} h`,
      });
      open = undefined;
    }
  };
  for (const p of punches) {
    if (last && isDoubleTap(p, last, rules.debounceMs)) {
      placements.push({ id: p.id, businessDate: last.businessDate, ignored: 'double_tap' });
      exceptions.push({
        kind: 'double_tap',
        date: last.businessDate,
        punchId: p.id,
        detail: `second punch ${Math.round((p.at.getTime() - last.at.getTime()) / 1000)} s after the one before: not counted`,
      });
      continue;
    }
    closeStale(p.at);
    const pairing = p.direction === 'unknown' ? (open ? 'out' : 'in') : p.direction;
    let businessDate: string;
    if (open) {
      businessDate = open.businessDate;
      if (pairing === 'out') open = undefined;
    } else {
      businessDate = businessDateOf(p.at, rules.zone, rules.schedule);
      if (pairing === 'in') open = { id: p.id, at: p.at, businessDate };
      else
        exceptions.push({
          kind: 'orphan_check_out',
          date: businessDate,
          punchId: p.id,
          detail: `check-out at ${p.at.toISOString()} without an open check-in`,
        });
    }
    const outside = outsideShift(p, businessDate, rules);
    if (outside)
      exceptions.push({ kind: 'outside_shift', date: businessDate, punchId: p.id, detail: outside });
    placements.push({ id: p.id, businessDate, pairing });
    last = { at: p.at, direction: p.direction, businessDate };
  }
  closeStale(rules.now);
  return { placements, exceptions };
}

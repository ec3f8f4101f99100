import mongoose, { Types } from 'mongoose';
import { getConfig } from '../../config';
import { now } from '../../lib/clock';
import { addDays } from '../../lib/dates';
import type { EmployeeDto } from '../employees';
import type { KnownPunches } from './attendance-days.service';
import { recomputeDays } from './attendance-days.service';
import type { NewException } from './attendance-exceptions.service';
import { settleWalkFindings } from './attendance-exceptions.service';
import type { Placement, PairingRules, PairingState } from './punch-pairing';
import { planPairing } from './punch-pairing';
import type { PunchRecord } from './punch.model';
import { Punch } from './punch.model';

/**
 * Stores where punches belong once they are in the database: every source inserts its punches,
 * then calls `placePunches`, which walks the employee's punches around them with the one pairing
 * rule (punch-pairing.ts), writes the placements that changed, recomputes every day touched and
 * raises the exceptions found. Running it again changes nothing, so it is also the repair step of
 * the close-day job.
 */

type StoredPunch = Pick<PunchRecord, 'at' | 'direction' | 'businessDate' | 'pairing' | 'ignored'> & {
  _id: Types.ObjectId;
  employeeId: Types.ObjectId;
};

export interface PlacementTarget {
  employee: EmployeeDto;
  /** The earliest and latest new punch (or the span to re-examine). */
  from: Date;
  to: Date;
  /** Punches just inserted: no day counted them yet, so only the day they land on is recomputed. */
  newPunchIds?: string[];
  /** Days marked stale by ingest: recomputed whether or not a placement changed. */
  staleDates?: string[];
}

export function sessionLimits(): { maxSessionMs: number; debounceMs: number } {
  const config = getConfig();
  return {
    maxSessionMs: config.MAX_SESSION_HOURS * 3600_000,
    debounceMs: config.PUNCH_DEBOUNCE_SECONDS * 1000,
  };
}

export function pairingRulesFor(employee: EmployeeDto): PairingRules {
  return {
    zone: employee.timezone,
    schedule: employee.schedule,
    workWeek: employee.workWeek,
    ...sessionLimits(),
    now: now(),
  };
}

/** The state before the walked span, read from the stored placements of earlier punches. */
function stateBefore(earlier: StoredPunch[]): PairingState {
  const counted = earlier.filter((p) => !p.ignored);
  const last = counted[counted.length - 1];
  if (!last) return {};
  const state: PairingState = {
    last: { at: last.at, direction: last.direction, businessDate: last.businessDate },
  };
  if ((last.pairing ?? last.direction) !== 'in') return state;
  // The open session started at the first of the trailing check-ins of that day.
  let first = last;
  for (let i = counted.length - 2; i >= 0; i--) {
    const p = counted[i];
    if (!p || (p.pairing ?? p.direction) !== 'in' || p.businessDate !== last.businessDate) break;
    first = p;
  }
  state.open = { id: first._id.toHexString(), at: first.at, businessDate: first.businessDate };
  return state;
}

function changed(p: StoredPunch, placement: Placement): boolean {
  return (
    p.businessDate !== placement.businessDate ||
    (p.pairing ?? undefined) !== placement.pairing ||
    (p.ignored ?? undefined) !== placement.ignored
  );
}

function updateOf(placement: Placement) {
  return {
    updateOne: {
      filter: { _id: new Types.ObjectId(placement.id) },
      update: {
        $set: {
          businessDate: placement.businessDate,
          ...(placement.pairing ? { pairing: placement.pairing } : {}),
          ...(placement.ignored ? { ignored: placement.ignored } : {}),
        },
        $unset: {
          ...(placement.pairing ? {} : { pairing: 1 }),
          ...(placement.ignored ? {} : { ignored: 1 }),
        },
      },
    },
  };
}

/**
 * Places the punches of each target employee from `from` (the state before it comes from the stored
 * placements) up to twice the session limit after `to`, in one read and one bulk write for all of
 * them, then recomputes the touched days and raises exceptions.
 */
export async function placePunches(targets: PlacementTarget[]): Promise<void> {
  if (targets.length === 0) return;
  const { maxSessionMs } = sessionLimits();
  const lo = new Date(Math.min(...targets.map((t) => t.from.getTime())) - maxSessionMs);
  const hi = new Date(Math.max(...targets.map((t) => t.to.getTime())) + 2 * maxSessionMs);
  const ids = [...new Set(targets.map((t) => t.employee.id))];
  const stored = await Punch.find(
    {
      // The instant range first: a server that scans (the stand-in) tests conditions in this order,
      // and the range rules out almost every punch before the long employee list is reached.
      at: mongoose.trusted({ $gte: lo, $lte: hi }),
      employeeId: mongoose.trusted({ $in: ids.map((id) => new Types.ObjectId(id)) }),
    },
    { employeeId: 1, at: 1, direction: 1, businessDate: 1, pairing: 1, ignored: 1 },
  )
    .sort({ at: 1, _id: 1 })
    .lean<StoredPunch[]>();
  const byEmployee = new Map<string, StoredPunch[]>();
  for (const p of stored) {
    const key = p.employeeId.toHexString();
    const list = byEmployee.get(key);
    if (list) list.push(p);
    else byEmployee.set(key, [p]);
  }
  const updates: Array<ReturnType<typeof updateOf>> = [];
  // mayCreate: a day a punch now lands on gets a record; a day punches left (or one only marked stale)
  // is updated if it has a record, never created empty.
  const touched = new Map<string, { employee: EmployeeDto; date: string; mayCreate: boolean }>();
  const touch = (employee: EmployeeDto, date: string, mayCreate: boolean) => {
    const key = `${employee.id}|${date}`;
    touched.set(key, { employee, date, mayCreate: mayCreate || (touched.get(key)?.mayCreate ?? false) });
  };
  const found: NewException[] = [];
  const walkedIds: string[] = [];
  const placedAs = new Map<string, Placement>();
  for (const target of mergeTargets(targets)) {
    const { employee } = target;
    const punches = byEmployee.get(employee.id) ?? [];
    const from = target.from.getTime();
    const until = target.to.getTime() + 2 * maxSessionMs;
    const earlier = punches.filter((p) => p.at.getTime() < from);
    const walked = punches.filter((p) => p.at.getTime() >= from && p.at.getTime() <= until);
    const { placements, exceptions } = planPairing(
      walked.map((p) => ({ id: p._id.toHexString(), at: p.at, direction: p.direction })),
      pairingRulesFor(employee),
      stateBefore(earlier),
    );
    const fresh = new Set(target.newPunchIds ?? []);
    placements.forEach((placement, i) => {
      const p = walked[i];
      if (!p) return;
      const isNew = fresh.has(placement.id);
      const moved = changed(p, placement);
      if (moved && !isNew) touch(employee, p.businessDate, false);
      if (moved || isNew) touch(employee, placement.businessDate, true);
      if (moved) updates.push(updateOf(placement));
      placedAs.set(placement.id, placement);
    });
    for (const date of target.staleDates ?? []) touch(employee, date, false);
    found.push(...exceptions.map((e) => ({ ...e, employeeId: employee.id })));
    walkedIds.push(...placements.map((p) => p.id));
  }
  if (updates.length > 0) await Punch.bulkWrite(updates, { ordered: false });
  await recomputeDays([...touched.values()], knownPunches(stored, placedAs, lo, hi, maxSessionMs));
  await settleWalkFindings(
    {
      punchIds: walkedIds,
      employeeIds: ids,
      fromDate: addDays(lo.toISOString().slice(0, 10), -2),
      toDate: addDays(hi.toISOString().slice(0, 10), 2),
    },
    found,
  );
}

const DAY_MS = 86_400_000;

/**
 * The punches read for placement, as placed, for the days they hold in full: a punch of day D lies
 * within the local dates D-1 to D+1 (nearest shift) plus a session, so [D - 2 days, D + 3 days +
 * session] inside the read window means every punch of D was read.
 */
function knownPunches(
  stored: StoredPunch[],
  placedAs: Map<string, Placement>,
  lo: Date,
  hi: Date,
  maxSessionMs: number,
): KnownPunches {
  const byDay = new Map<string, PunchRecord[]>();
  for (const p of stored) {
    const placed = placedAs.get(p._id.toHexString());
    const businessDate = placed?.businessDate ?? p.businessDate;
    const record = {
      employeeId: p.employeeId,
      at: p.at,
      direction: p.direction,
      businessDate,
      pairing: placed ? placed.pairing : p.pairing,
      ignored: placed ? placed.ignored : p.ignored,
    } as PunchRecord;
    const key = `${p.employeeId.toHexString()}|${businessDate}`;
    const list = byDay.get(key);
    if (list) list.push(record);
    else byDay.set(key, [record]);
  }
  return {
    byDay,
    covers: (date) => {
      const start = new Date(`${date}T00:00:00Z`).getTime();
      return start - 2 * DAY_MS >= lo.getTime() && start + 3 * DAY_MS + maxSessionMs <= hi.getTime();
    },
  };
}

/** One target per employee, spanning all of theirs. */
function mergeTargets(targets: PlacementTarget[]): PlacementTarget[] {
  const merged = new Map<string, PlacementTarget>();
  for (const t of targets) {
    const seen = merged.get(t.employee.id);
    merged.set(
      t.employee.id,
      seen
        ? {
            employee: t.employee,
            from: t.from < seen.from ? t.from : seen.from,
            to: t.to > seen.to ? t.to : seen.to,
            newPunchIds: [...(seen.newPunchIds ?? []), ...(t.newPunchIds ?? [])],
            staleDates: [...(seen.staleDates ?? []), ...(t.staleDates ?? [])],
          }
        : t,
    );
  }
  return [...merged.values()];
}

/**
 * The close-day job's repair step: re-places the last days' punches of every employee (in batches,
 * one read each), which raises missing check-outs for sessions left open past the limit and makes
 * any placement that raced with another writer right. Idempotent.
 */
export async function placeRecentPunches(date: string, employees: AsyncIterable<EmployeeDto>): Promise<void> {
  const from = new Date(`${addDays(date, -4)}T00:00:00Z`);
  const to = now();
  let batch: PlacementTarget[] = [];
  for await (const employee of employees) {
    batch.push({ employee, from, to: to > from ? to : from });
    if (batch.length >= 200) {
      await placePunches(batch);
      batch = [];
    }
  }
  await placePunches(batch);
}

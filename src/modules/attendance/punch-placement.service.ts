import mongoose, { Types } from 'mongoose';
import { getConfig } from '../../config';
import { now } from '../../lib/clock';
import { addDays } from '../../lib/dates';
import type { EmployeeDto } from '../employees';
import { recomputeDays } from './attendance-days.service';
import type { NewException } from './attendance-exceptions.service';
import { clearStaleExceptions, raiseExceptions } from './attendance-exceptions.service';
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
      employeeId: mongoose.trusted({ $in: ids.map((id) => new Types.ObjectId(id)) }),
      at: mongoose.trusted({ $gte: lo, $lte: hi }),
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
  const touched = new Map<string, { employee: EmployeeDto; date: string }>();
  const found: NewException[] = [];
  const walkedIds: string[] = [];
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
      if (moved && !isNew)
        touched.set(`${employee.id}|${p.businessDate}`, { employee, date: p.businessDate });
      if (moved || isNew)
        touched.set(`${employee.id}|${placement.businessDate}`, { employee, date: placement.businessDate });
      if (moved) updates.push(updateOf(placement));
    });
    found.push(...exceptions.map((e) => ({ ...e, employeeId: employee.id })));
    walkedIds.push(...placements.map((p) => p.id));
  }
  if (updates.length > 0) await Punch.bulkWrite(updates, { ordered: false });
  await recomputeDays([...touched.values()]);
  await clearStaleExceptions(walkedIds, found);
  await raiseExceptions(found);
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

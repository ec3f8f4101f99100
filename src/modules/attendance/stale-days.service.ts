import mongoose, { Types } from 'mongoose';
import { insertWithCommand } from '../../db/insert-command';
import { withLock } from '../../db/locks';
import { now } from '../../lib/clock';
import { addDays } from '../../lib/dates';
import { ConflictError } from '../../lib/errors';
import { logger } from '../../lib/logger';
import { findEmployeesByIds } from '../employees';
import type { PlacementTarget } from './punch-placement.service';
import { placePunches } from './punch-placement.service';
import { StaleBatch } from './stale-batch.model';
import type { StaleDayRecord } from './stale-day.model';
import { StaleDay } from './stale-day.model';

/**
 * Stale days: device ingest only appends punches and marks the employee-days they touch; the days are
 * recomputed afterwards, in bulk, by the stale-days worker (one instance at a time holds its lease)
 * and, before it gets there, by any read that covers a marked day (read-repair), so no client reads
 * a day behind its punches. Pairing and double taps run in that recompute (punch-placement.service).
 */

type StoredMarker = StaleDayRecord & { _id: Types.ObjectId };
type MarkedDay = { employeeId: string; date: string };

/** Most markers one pass recomputes; a burst larger than this is drained over several passes. */
const PASS_LIMIT = 5_000;
/** Employees placed per read of their punches (on a server that scans, each read costs the same). */
const EMPLOYEES_PER_PLACEMENT = 5_000;

/**
 * Marks the days without reading anything: one insert of new markers; the days already marked then
 * renew `markedAt` in one bulk upsert, which also brings back a marker a recompute deleted between
 * the two. An insert first because the stand-in spends seven times as long on an upsert (30 ms for a
 * batch's 250 days, more than the punch insert), and a day is rarely marked twice before the worker
 * gets to it.
 */
export async function markDaysStale(days: MarkedDay[]): Promise<void> {
  const unique = uniqueDays(days);
  if (unique.length === 0) return;
  const markedAt = now();
  // Straight to the driver: the markers are built here from checked values, and Mongoose's casting
  // of each operation was a tenth of the ingest CPU profile.
  const markers = unique.map((d) => ({
    employeeId: new Types.ObjectId(d.employeeId),
    date: d.date,
    markedAt,
  }));
  const skipped = await insertWithCommand(StaleDay.collection, markers);
  if (skipped.length === 0) return;
  const alreadyMarked = skipped.map((i) => markers[i]!);
  await StaleDay.collection.bulkWrite(
    alreadyMarked.map((m) => ({
      updateOne: {
        filter: { employeeId: m.employeeId, date: m.date },
        update: { $set: { markedAt } },
        upsert: true,
      },
    })),
    { ordered: false },
  );
}

function uniqueDays(days: MarkedDay[]): MarkedDay[] {
  return [...new Map(days.map((d) => [`${d.employeeId}|${d.date}`, d])).values()];
}

/**
 * Marks the days a device batch touched with one document naming them all (stale-batch.model.ts):
 * one small insert where per-day markers cost a document and an index entry each (a batch of 500
 * events marks about 250 days). The first read or worker pass after it turns it into per-day markers.
 */
export async function markBatchStale(days: MarkedDay[]): Promise<void> {
  const unique = uniqueDays(days);
  if (unique.length === 0) return;
  // One ObjectId per employee: each is named on two or more days' worth of a batch's punches.
  const ids = new Map<string, Types.ObjectId>();
  const idOf = (id: string) => {
    let objectId = ids.get(id);
    if (!objectId) ids.set(id, (objectId = new Types.ObjectId(id)));
    return objectId;
  };
  await insertWithCommand(StaleBatch.collection, [
    { days: unique.map((d) => ({ employeeId: idOf(d.employeeId), date: d.date })), markedAt: now() },
  ]);
}

interface StoredBatch {
  _id: Types.ObjectId;
  days: Array<{ employeeId: Types.ObjectId; date: string }>;
}

/**
 * Turns every waiting batch into per-day markers, then removes those batches: marked first, so a
 * day is always in one or the other, and marking is idempotent, so two readers doing this at once
 * mark each day once. One command when nothing waits.
 */
async function expandStaleBatches(): Promise<void> {
  const batches = await StaleBatch.collection.find<StoredBatch>({}, { projection: { days: 1 } }).toArray();
  if (batches.length === 0) return;
  await markDaysStale(
    batches.flatMap((b) => b.days.map((d) => ({ employeeId: d.employeeId.toHexString(), date: d.date }))),
  );
  await StaleBatch.collection.deleteMany({ _id: { $in: batches.map((b) => b._id) } });
}

export interface StaleRange {
  employeeIds?: string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function markerFilter(range: StaleRange): Record<string, unknown> {
  return {
    ...(range.from || range.to
      ? {
          date: mongoose.trusted({
            ...(range.from ? { $gte: range.from } : {}),
            ...(range.to ? { $lte: range.to } : {}),
          }),
        }
      : {}),
    ...(range.employeeIds
      ? { employeeId: mongoose.trusted({ $in: range.employeeIds.map((id) => new Types.ObjectId(id)) }) }
      : {}),
  };
}

/** Places the marked days' punches (which recomputes those days), then removes the markers not renewed since. */
async function recompute(markers: StoredMarker[]): Promise<void> {
  const datesOf = new Map<string, string[]>();
  for (const m of markers) {
    const id = m.employeeId.toHexString();
    datesOf.set(id, [...(datesOf.get(id) ?? []), m.date]);
  }
  const employees = await findEmployeesByIds([...datesOf.keys()]);
  const targets: PlacementTarget[] = [];
  for (const [id, dates] of datesOf) {
    const employee = employees.get(id);
    if (!employee) continue;
    const sorted = [...dates].sort();
    // A day's punches lie within the local dates either side of it in any zone; walking from two
    // days before to three after re-places them all and lets the recompute use what was read.
    targets.push({
      employee,
      from: new Date(`${addDays(sorted[0]!, -2)}T00:00:00Z`),
      to: new Date(`${addDays(sorted[sorted.length - 1]!, 3)}T00:00:00Z`),
      staleDates: sorted,
    });
  }
  for (let i = 0; i < targets.length; i += EMPLOYEES_PER_PLACEMENT)
    await placePunches(targets.slice(i, i + EMPLOYEES_PER_PLACEMENT));
  await StaleDay.bulkWrite(
    markers.map((m) => ({ deleteOne: { filter: { _id: m._id, markedAt: m.markedAt } } })),
    { ordered: false },
  );
}

/**
 * Read-repair: recomputes the marked days in the range before a read of days or reports. Two
 * commands when nothing is stale (the common case): the waiting batches and the markers.
 */
export async function refreshStaleDays(range: StaleRange = {}): Promise<number> {
  await expandStaleBatches();
  const markers = await StaleDay.find(markerFilter(range)).sort({ markedAt: 1 }).lean<StoredMarker[]>();
  if (markers.length === 0) return 0;
  await recompute(markers);
  return markers.length;
}

/** One pass of the worker: the oldest markers first, at most PASS_LIMIT. Returns how many it did. */
export async function drainStaleDays(): Promise<number> {
  await expandStaleBatches();
  const markers = await StaleDay.find({}).sort({ markedAt: 1 }).limit(PASS_LIMIT).lean<StoredMarker[]>();
  if (markers.length === 0) return 0;
  await recompute(markers);
  return markers.length;
}

/** How many days are waiting, of everyone or of one employee (bench, tests); a day in two batches counts twice. */
export async function countStaleDays(employeeId?: string): Promise<number> {
  const [markers, batches] = await Promise.all([
    StaleDay.countDocuments(employeeId ? { employeeId } : {}),
    StaleBatch.collection.find<StoredBatch>({}, { projection: { days: 1 } }).toArray(),
  ]);
  const inBatches = batches
    .flatMap((b) => b.days)
    .filter((d) => !employeeId || d.employeeId.toHexString() === employeeId);
  return markers + inBatches.length;
}

/**
 * The worker: every `intervalMs`, the instance holding the `stale-days` lease drains the markers
 * (pass after pass while a full one comes back); the others skip that tick.
 */
export function startStaleDaysWorker(intervalMs: number): { stop(): Promise<void> } {
  let stopping = false;
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    try {
      await withLock('stale-days', async () => {
        while (!stopping && (await drainStaleDays()) >= PASS_LIMIT);
      });
    } catch (err) {
      if (!(err instanceof ConflictError)) logger.error('Recomputing stale days failed', { err });
    }
  };
  const tick = () => {
    if (stopping) return;
    running = running.then(pass);
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  setImmediate(tick);
  return {
    async stop() {
      stopping = true;
      clearInterval(timer);
      await running;
    },
  };
}

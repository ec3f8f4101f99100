import type { Types } from 'mongoose';
import mongoose from 'mongoose';
import { AttendanceDay } from '../src/modules/attendance/attendance-day.model';
import { countStaleDays } from '../src/modules/attendance/stale-days.service';
import type { IngestDevice } from './ingest';
import { BATCH, batchFor } from './ingest';

/**
 * Freshness of append-only ingest: devices post at a sustained rate while the stale-days worker runs
 * in the API process; each employee-day's freshness is the time from its batch's 202 to the moment
 * its record was recomputed (the record's updatedAt, written by the worker's bulk write). Nothing
 * polls the API meanwhile, so no read repairs a day before the worker does.
 */

export interface FreshnessResult {
  /** Events per second offered (and accepted). */
  rate: number;
  seconds: number;
  batches: number;
  days: number;
  /** Per employee-day, from the 202 to the recompute. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Days of the batches whose record was not rewritten after the batch (should be 0). */
  notRecomputed: number;
  /** Markers left by the ingest runs before this phase, and how long the worker took to drain them. */
  backlog: { markers: number; drainSeconds: number };
  /**
   * The floor under a worker pass on this database: the punches of the phase's instant range read
   * straight with the driver (median of 3), out of how many stored.
   */
  punchRead?: {
    ms: number;
    found: number;
    stored: number;
    /** The same read naming the phase's employees (`employeeId: {$in: ...}`), as the worker's does. */
    withEmployees?: { ms: number; employees: number };
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntilDrained(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await countStaleDays()) > 0) {
    if (Date.now() > deadline) throw new Error('the stale-days worker did not drain the markers in time');
    await sleep(100);
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

export async function measureFreshness(options: {
  api: string;
  devices: IngestDevice[];
  codes: string[];
  employeeIds: Types.ObjectId[];
  /** Dates to spread the batches over (each batch: 250 people of one date). */
  dates: string[];
  batchesPerSecond: number;
  seconds: number;
}): Promise<FreshnessResult> {
  const backlogMarkers = await countStaleDays();
  const drainStart = Date.now();
  await waitUntilDrained(600_000);
  const backlog = { markers: backlogMarkers, drainSeconds: (Date.now() - drainStart) / 1000 };

  const slotsPerDate = Math.floor(options.codes.length / (BATCH / 2));
  const total = Math.round(options.batchesPerSecond * options.seconds);
  const answered: Array<{ at: number; date: string; slot: number }> = [];
  const started = Date.now();
  const posts: Array<Promise<void>> = [];
  for (let k = 0; k < total; k++) {
    const due = started + (k * 1000) / options.batchesPerSecond;
    await sleep(Math.max(0, due - Date.now()));
    const date = options.dates[Math.floor(k / slotsPerDate) % options.dates.length] ?? '';
    const slot = k % slotsPerDate;
    const device = options.devices[k % options.devices.length];
    if (!device) throw new Error('no device');
    const events = batchFor(options.codes, date, slot, `fresh${k}`);
    posts.push(
      fetch(`${options.api}/api/v1/attendance/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-device-key': device.apiKey },
        body: JSON.stringify({ events }),
      }).then(async (res) => {
        const at = Date.now();
        if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
        answered.push({ at, date, slot });
      }),
    );
  }
  await Promise.all(posts);
  const seconds = (Date.now() - started) / 1000;
  await waitUntilDrained(600_000);

  const freshness: number[] = [];
  let notRecomputed = 0;
  for (const batch of answered) {
    const people = options.employeeIds.slice(batch.slot * (BATCH / 2), (batch.slot + 1) * (BATCH / 2));
    const days = await AttendanceDay.find(
      { date: batch.date, employeeId: mongoose.trusted({ $in: people }) },
      { updatedAt: 1 },
    ).lean<Array<{ updatedAt?: Date }>>();
    for (const d of days) {
      const at = d.updatedAt?.getTime() ?? 0;
      // Recomputed before the 202 reached the bench (the worker can beat the response): 0.
      if (at < batch.at - 60_000) notRecomputed++;
      else freshness.push(Math.max(0, at - batch.at));
    }
  }
  freshness.sort((a, b) => a - b);
  const punchRead = await timePunchRangeRead(options.dates, options.employeeIds);
  return {
    rate: (total * BATCH) / seconds,
    seconds,
    batches: total,
    days: freshness.length,
    p50Ms: percentile(freshness, 50),
    p99Ms: percentile(freshness, 99),
    maxMs: freshness[freshness.length - 1] ?? 0,
    notRecomputed,
    backlog,
    punchRead,
  };
}

/**
 * What the worker's punch read costs without the API: the instants of the phase's dates (a day of
 * margin each side, as placement reads), straight through the driver, first with no employee list,
 * then naming the phase's employees as the worker does.
 */
async function timePunchRangeRead(
  dates: string[],
  employeeIds: Types.ObjectId[],
): Promise<FreshnessResult['punchRead']> {
  const sorted = [...dates].sort();
  const from = new Date(`${sorted[0] ?? ''}T00:00:00Z`);
  const to = new Date(`${sorted.at(-1) ?? ''}T00:00:00Z`);
  const range = {
    at: { $gte: new Date(from.getTime() - 86_400_000), $lte: new Date(to.getTime() + 2 * 86_400_000) },
  };
  const punches = mongoose.connection.collection('punches');
  const medianOf3 = async (filter: Record<string, unknown>) => {
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      found = (await punches.find(filter, { projection: { at: 1 } }).toArray()).length;
      times.push(Date.now() - started);
    }
    times.sort((a, b) => a - b);
    return { ms: times[1] ?? 0, found };
  };
  const bare = await medianOf3(range);
  const named = await medianOf3({ ...range, employeeId: { $in: employeeIds } });
  return {
    ms: bare.ms,
    found: bare.found,
    stored: await punches.estimatedDocumentCount(),
    withEmployees: { ms: named.ms, employees: employeeIds.length },
  };
}

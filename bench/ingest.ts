import { Types } from 'mongoose';
import { Punch } from '../src/modules/attendance/punch.model';
import { drainStaleDays } from '../src/modules/attendance/stale-days.service';
import { advanceRosterVersion } from '../src/modules/employees/roster-version.model';
import type { CpuSpent } from './cpu';
import { addCpu, cpuDuring } from './cpu';

/** Database command counts and times by command and collection, as the server child reports them. */
export type CommandTiming = Record<string, { count: number; ms: number }>;

/**
 * Device ingest against its physical baseline: the same number of punch documents inserted with
 * the driver's insertMany, in the same batch size and with the same concurrency, into the same
 * collection (same indexes). The API side also validates each event, resolves employees (from a cold
 * roster cache), dedups, marks the touched days stale and writes an audit entry: that is the price
 * being measured.
 */
export const BATCH = 500;
/**
 * Batches each device posts per run: one, so the four devices' 1,000 people are distinct (more would
 * repeat people across devices at the same instants, which devices on time do not send). Two per
 * device measured no steadier (spread 79% against 56%) and doubled the backlog the freshness phase
 * drains first.
 */
export const BATCHES_PER_DEVICE = 1;
/** Untimed runs of each side before the timed ones (see measureIngest). */
const WARM_UP_RUNS = 3;

export interface IngestDevice {
  id: string;
  apiKey: string;
}

interface Event {
  eventId: string;
  employeeCode: string;
  timestamp: string;
  direction: 'in' | 'out';
}

/** Half the batch's people punch in, the same people punch out: 250 people, one day, per batch. */
export function batchFor(codes: string[], date: string, slot: number, tag: string): Event[] {
  const people = BATCH / 2;
  const events: Event[] = [];
  for (let p = 0; p < people; p++) {
    const code = codes[(slot * people + p) % codes.length] ?? '';
    const second = String(p % 60).padStart(2, '0');
    const minute = String(Math.floor(p / 60)).padStart(2, '0');
    events.push(
      {
        eventId: `${tag}-${slot}-${p}-i`,
        employeeCode: code,
        timestamp: `${date}T07:${minute}:${second}Z`,
        direction: 'in',
      },
      {
        eventId: `${tag}-${slot}-${p}-o`,
        employeeCode: code,
        timestamp: `${date}T16:${minute}:${second}Z`,
        direction: 'out',
      },
    );
  }
  return events;
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** Events per second through POST /api/v1/attendance/ingest, every device posting its batches in turn. */
export async function ingestThroughApi(
  baseUrl: string,
  devices: IngestDevice[],
  codes: string[],
  date: string,
  tag: string,
): Promise<number> {
  const started = process.hrtime.bigint();
  let stored = 0;
  await Promise.all(
    devices.map(async (device, d) => {
      for (let b = 0; b < BATCHES_PER_DEVICE; b++) {
        const events = batchFor(codes, date, d * BATCHES_PER_DEVICE + b, tag);
        const res = await fetch(`${baseUrl}/api/v1/attendance/ingest`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-device-key': device.apiKey },
          body: JSON.stringify({ events }),
        });
        const body = (await res.json()) as { accepted?: number };
        if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(body)}`);
        stored += body.accepted ?? 0;
      }
    }),
  );
  const elapsed = seconds(started);
  const expected = devices.length * BATCHES_PER_DEVICE * BATCH;
  if (stored !== expected) throw new Error(`ingest stored ${stored} of ${expected} events`);
  return expected / elapsed;
}

/** Events per second for the same documents written straight with insertMany. */
export async function ingestBaseline(
  devices: IngestDevice[],
  employeeIds: Types.ObjectId[],
  date: string,
  tag: string,
): Promise<number> {
  const started = process.hrtime.bigint();
  await Promise.all(
    devices.map(async (device, d) => {
      for (let b = 0; b < BATCHES_PER_DEVICE; b++) {
        const slot = d * BATCHES_PER_DEVICE + b;
        const docs = Array.from({ length: BATCH }, (_, i) => {
          const employeeId = employeeIds[(slot * (BATCH / 2) + Math.floor(i / 2)) % employeeIds.length];
          const at = new Date(`${date}T${i % 2 === 0 ? '07' : '16'}:00:00Z`);
          at.setUTCSeconds(Math.floor(i / 2));
          return {
            employeeId,
            at,
            direction: i % 2 === 0 ? 'in' : 'out',
            source: 'device',
            businessDate: date,
            deviceId: new Types.ObjectId(device.id),
            recordedBy: `device:${device.id}`,
            eventId: `${tag}-${slot}-${i}`,
            eventKey: `${device.id}:evt:${tag}-${slot}-${i}`,
            timeKey: `${device.id}:${tag}:${slot}:${i}`,
            createdAt: new Date(),
          };
        });
        await Punch.collection.insertMany(docs, { ordered: false });
      }
    }),
  );
  return (devices.length * BATCHES_PER_DEVICE * BATCH) / seconds(started);
}

export interface IngestRuns {
  api: number[];
  baseline: number[];
  /** The API process's database commands during the first run: where the ingest time goes. */
  commands: CommandTiming;
  /** CPU each process spent over all runs of each side (absent in results before 2026-12-03). */
  cpu?: { api: CpuSpent; baseline: CpuSpent; events: number };
}

/**
 * Paired runs of the API and its insertMany baseline, with the CPU time of the API process, the
 * database and the bench over each side's runs: on a machine of two cores, CPU per event bounds the
 * throughput. Untimed runs first, as each endpoint of the overhead phase gets: without them the
 * timed runs measured V8 compiling the path (5,400-5,600 events/s in the first run of two benches,
 * 17,600-24,000 by the fifth). Their stale days are recomputed here, in the bench process, so the
 * backlog the freshness phase drains first is the timed runs' alone (one worker pass).
 */
export async function measureIngest(options: {
  api: string;
  devices: IngestDevice[];
  codes: string[];
  employeeIds: Types.ObjectId[];
  runs: number;
  day: (back: number) => string;
  pids: { api: number | undefined; database: number | undefined };
  timeCommands: (work: () => Promise<void>) => Promise<CommandTiming>;
  log: (line: string) => void;
}): Promise<IngestRuns> {
  const { api, devices, codes, employeeIds, runs, day, pids, log } = options;
  const result: IngestRuns = { api: [], baseline: [], commands: {} };
  let apiCpu: CpuSpent = { apiMs: 0, benchMs: 0 };
  let baselineCpu: CpuSpent = { apiMs: 0, benchMs: 0 };
  for (let w = 0; w < WARM_UP_RUNS; w++) {
    // Dates no other phase posts on (the freshness phase uses 8-11 days back): a repeated instant is a duplicate.
    const date = day(12 + w);
    await ingestThroughApi(api, devices, codes, date, `warm${w}`);
    await ingestBaseline(devices, employeeIds, date, `warmbase${w}`);
  }
  while ((await drainStaleDays()) > 0);
  for (let r = 0; r < runs; r++) {
    const date = day(1 + r);
    // A cold roster cache for each run: runs name the same 1,000 people, which a morning burst does
    // not (each person punches in once), so no run may find them cached by the run before.
    await advanceRosterVersion();
    const measureApi = async () => {
      result.api.push(await ingestThroughApi(api, devices, codes, date, `api${r}`));
    };
    // Command timing listens to every command: only the first run pays for it.
    const spent = await cpuDuring(pids, async () => {
      if (r === 0) result.commands = await options.timeCommands(measureApi);
      else await measureApi();
    });
    apiCpu = addCpu(apiCpu, spent);
    const baselineSpent = await cpuDuring(pids, async () => {
      result.baseline.push(await ingestBaseline(devices, employeeIds, date, `base${r}`));
    });
    baselineCpu = addCpu(baselineCpu, baselineSpent);
    log(
      `ingest run ${r + 1}: api ${result.api[r]?.toFixed(0)} ev/s, insertMany ${result.baseline[r]?.toFixed(0)} ev/s`,
    );
  }
  const events = runs * devices.length * BATCHES_PER_DEVICE * BATCH;
  result.cpu = { api: apiCpu, baseline: baselineCpu, events };
  return result;
}

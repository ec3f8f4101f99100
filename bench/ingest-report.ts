import type { CpuSpent } from './cpu';
import { BATCHES_PER_DEVICE } from './ingest';
import type { BenchResult } from './run';
import { count, fmt, pct, ratios, summarize } from './stats';

/** CPU milliseconds per 1,000 events, per process and in total. */
function perThousand(spent: CpuSpent, events: number) {
  const per = (ms: number) => (ms * 1000) / events;
  const database = spent.databaseMs === undefined ? undefined : per(spent.databaseMs);
  return {
    api: per(spent.apiMs),
    database,
    bench: per(spent.benchMs),
    total: per(spent.apiMs) + (database ?? 0) + per(spent.benchMs),
  };
}

function cpuTable(result: BenchResult): string {
  const cpu = result.ingest.cpu;
  if (!cpu) return '';
  const row = (path: string, spent: CpuSpent) => {
    const p = perThousand(spent, cpu.events);
    const database = p.database === undefined ? 'not measured' : fmt(p.database);
    return `| ${path} | ${fmt(p.api)} | ${database} | ${fmt(p.bench)} | ${fmt(p.total)} |`;
  };
  return `CPU time each process spent over the ${fmt(cpu.events)} events of each side's runs (from \`/proc\`, every
thread, garbage collection included), in milliseconds per 1,000 events:

| Path | API process | Database | Bench (client) | Total |
| --- | --- | --- | --- | --- |
${row('`POST /attendance/ingest`', cpu.api)}
${row('`insertMany` baseline', cpu.baseline)}
`;
}

/**
 * Why ingest is where it is. All three processes share the machine's cores, so the CPU each side
 * spends per event bounds its throughput; the command times overlap and include waiting for a core.
 */
function ingestVerdict(result: BenchResult): string {
  const ratio = ratios(result.ingest.api, result.ingest.baseline);
  const met = ratio.median >= 0.5 ? 'The API meets the goal in this run.' : 'Below the goal in this run.';
  const work = `Beyond the insert, a batch is authenticated (one device read), reads the roster version and looks up
the employees its instance has not cached since the roster last changed (one query on a unique index, five
fields; the bench empties the cache before each run, so every batch here reads its people, as in a morning burst
where each person punches in once) while it checks the payroll periods of the dates its events can fall on, and after the insert names its
employee-days in one stale-batch document, records the device as seen (at most every 10 s per device) and writes
one audit entry, those three together. Punches and the batch document go out as the \`insert\` command itself. No
punch, leave or holiday is read back: turning the batch into per-day markers, pairing and the day records are the
stale-days worker's, which does not run during these runs: its cost shows in the freshness phase below.`;
  const cpu = result.ingest.cpu;
  if (!cpu || cpu.api.databaseMs === undefined || cpu.baseline.databaseMs === undefined)
    return `${met} ${work}`;
  const api = perThousand(cpu.api, cpu.events);
  const base = perThousand(cpu.baseline, cpu.events);
  const half = summarize(result.ingest.baseline).median / 2;
  return `${met} ${work}

Per 1,000 events the API path costs **${fmt(api.total)} ms of CPU** across the three processes, the baseline
**${fmt(base.total)} ms**. The API process serves every batch on one Node thread: over the timed runs it spent
${fmt(api.api)} ms per 1,000 events, garbage collection on helper threads included, which on one thread allows about
${fmt(1e6 / api.api)} events/s; half the baseline (${fmt(half)} events/s) needs at most ${fmt(1e6 / half)} ms per 1,000 events. The database spends ${fmt(api.database ?? 0)} ms on the
API's side against ${fmt(base.database ?? 0)} ms for the insert alone: the difference is the device, employee and period reads, the stale
marks and the audit entry (the commands above). The baseline's bench client spends ${fmt(base.bench)} ms building and sending the
same documents that the API process builds and sends after HTTP, JSON and each event's checks.`;
}

export function ingestSection(result: BenchResult): string {
  const api = summarize(result.ingest.api);
  const base = summarize(result.ingest.baseline);
  const ratio = ratios(result.ingest.api, result.ingest.baseline);
  return `## Ingest throughput

4 devices post concurrently, ${count(BATCHES_PER_DEVICE, 'batch', 'batches')} of 500 events each in turn (250 people punching in and out on one day per batch),
through \`POST /api/v1/attendance/ingest\`; the baseline writes the same number of punch documents with the
driver's \`insertMany\` in the same batches and concurrency, into the same collection and indexes. Three untimed
runs of each side come first (V8 compiles the path in them), and the API's roster cache is emptied before each
timed run, so every batch reads its employees as in a morning burst.

| Path | Events/s, median (min-max) | Spread |
| --- | --- | --- |
| \`POST /attendance/ingest\` | ${fmt(api.median)} (${fmt(api.min)}-${fmt(api.max)}) | ${fmt(api.spreadPct)}% |
| \`insertMany\` baseline | ${fmt(base.median)} (${fmt(base.min)}-${fmt(base.max)}) | ${fmt(base.spreadPct)}% |
| **Ratio (goal ≥ 50%)** | **${pct(ratio)}** | over ${ratio.runs} paired runs |

${cpuTable(result)}
Database commands the API process sent during the first run (driver command monitoring; the four devices
post concurrently, so the times overlap and include waiting for a core):

| Command | Count | Total ms | ms each |
| --- | --- | --- | --- |
${Object.entries(result.ingest.commands)
  .sort((a, b) => b[1].ms - a[1].ms)
  .map(([name, t]) => `| ${name} | ${t.count} | ${fmt(t.ms)} | ${fmt(t.ms / t.count, 1)} |`)
  .join('\n')}

${ingestVerdict(result)}
`;
}

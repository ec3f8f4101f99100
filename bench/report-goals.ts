import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchResult } from './run';
import { fmt, pct, ratios, summarize } from './stats';

/** Sections of docs/performance.md for the round-2 goals: freshness, reports vs bare, validation, verdicts. */

const REPORT_GOAL = 2;
const MEMORY_GOAL_MB = 500;
const FRESHNESS_GOAL_MS = 2000;
const INGEST_GOAL = 0.5;
const VALIDATION_GOAL_PCT = 10;

/** The stand-in's mongo-java-server version, from the launcher's Maven file. */
export function standInVersion(): string {
  try {
    const pom = readFileSync(path.resolve(__dirname, '..', 'tools', 'mongo-standin', 'pom.xml'), 'utf8');
    return /mongo-java-server-memory-backend<\/artifactId>\s*<version>([^<]+)</.exec(pom)?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function freshnessSection(result: BenchResult): string {
  const f = result.freshness;
  if (!f) return '';
  return `## Freshness of ingested days

Ingest only appends: a batch stores its punches, names the employee-days they touch in one \`stalebatches\` document
and answers 202. The stale-days worker (here in the API process, every 250 ms, holding its lease) first turns the
waiting batch documents into per-day markers in \`staledays\` (one insert; days already marked renew theirs in one
bulk upsert), then pairs the punches and recomputes the days in bulk; a read covering a marked day recomputes it first. Devices
posted ${fmt(f.batches)} batches of 500 events over ${fmt(f.seconds, 1)} s (${fmt(f.rate)} events/s) with nobody reading;
each of the ${fmt(f.days)} employee-days' freshness is the time from its batch's 202 to its record's rewrite by the worker.

| Freshness per day | p50 | p99 (goal ≤ 2 s) | max | days not rewritten |
| --- | --- | --- | --- | --- |
| ${fmt(f.rate)} events/s sustained | ${fmt(f.p50Ms)} ms | **${fmt(f.p99Ms)} ms** | ${fmt(f.maxMs)} ms | ${fmt(f.notRecomputed)} |

${workerCommands(result)}

Before this phase the worker drained the ${fmt(f.backlog.markers)} days marked by the throughput runs above (which ran
without a worker) in ${fmt(f.backlog.drainSeconds, 1)} s. A pass reads the marked employees' punches around the marked
days and the leave and holidays of those days once, whatever the number of days, so a pass costs about the same
for 1 day as for 1,000, and a day waits for one to two passes: the one running when it is marked, then its own.
${freshnessFloor(result)}
`;
}

/** The measured floor under a pass on this database, when the goal is not met. */
function freshnessFloor(result: BenchResult): string {
  const f = result.freshness;
  const read = f?.punchRead;
  if (!f || !read) return '';
  const worker = f.commands?.['find punches'];
  const workerMs = worker ? worker.ms / worker.count : undefined;
  const standIn = result.database === 'standin';
  return `
The punch read is the floor under a pass. Read straight with the driver, the punches of this phase's instant
range (${fmt(read.found)} of ${fmt(read.stored)} stored) take **${fmt(read.ms)} ms** (median of 3)${
    read.withEmployees
      ? `, and **${fmt(read.withEmployees.ms)} ms** naming the phase's ${fmt(read.withEmployees.employees)} employees
(\`employeeId: {$in: [...]}\`) as the worker does`
      : ''
  }${workerMs === undefined ? '' : `; the worker's own \`find punches\` took ${fmt(workerMs)} ms each`}.${
    standIn
      ? ` The stand-in serves only unique indexes (its memory backend has no other index type), so this read
tests every stored punch whatever the filter, and it tests \`$in\` by comparing a punch with the listed ids
one at a time, so every punch in the range costs up to one comparison per employee named. A pass names every
employee marked since the last one: the longer a pass, the more it names, and the next takes longer still
until it names everyone. On MongoDB the same read uses \`{employeeId, at}\` and touches the matched punches
only. With a day waiting one to two passes of about that length, a p99 at or under 2 s is out of reach on the
stand-in with a year of punches stored, however little the rest of a pass costs.`
      : ''
  }`;
}

/** Where the worker's time goes: the API process's database commands during the phase (ingest included). */
function workerCommands(result: BenchResult): string {
  const commands = result.freshness?.commands;
  if (!commands) return '';
  const rows = Object.entries(commands)
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 8)
    .map(([name, t]) => `| ${name} | ${t.count} | ${fmt(t.ms)} | ${fmt(t.ms / t.count, 1)} |`);
  return `Database commands of the API process during the phase (the worker's and the batches'):

| Command | Count | Total ms | ms each |
| --- | --- | --- | --- |
${rows.join('\n')}`;
}

export function reportsSection(result: BenchResult): string {
  const r = result.reports;
  if (!r) return '';
  const seed = Object.entries(r.seed)
    .map(([k, v]) => `${fmt(v)} ${k}`)
    .join(', ');
  const rows = r.runs.map((run) => {
    const api = summarize(run.api);
    const bare = summarize(run.bare);
    const ratio = ratios(run.api, run.bare);
    const met = ratio.median <= REPORT_GOAL ? 'met' : 'not met';
    return `| ${run.report} | ${run.aggregations} | ${fmt(api.median)} (${fmt(api.min)}-${fmt(api.max)}) | ${fmt(bare.median)} (${fmt(bare.min)}-${fmt(bare.max)}) | **${fmt(ratio.median, 2)}×** (${fmt(ratio.min, 2)}-${fmt(ratio.max, 2)}) | ${met} |`;
  });
  return `## Reports against their bare pipelines

A company of ${fmt(r.employees)} employees seeded for this phase (${seed}, in ${fmt(r.seedSeconds, 1)} s): a year of daily
records each. Each report is requested once through the API while the server records the aggregations it sends;
the bare side replays exactly those pipelines with the driver (\`db.collection(...).aggregate(...)\`) on the same
connection pool. ${result.options.runs} paired sequential requests per report, the side going first alternating.
The API side adds authentication, validation, scoping, the stale-days lookup, the leave-type split the payroll
export computes beyond its pipelines, shaping the rows and JSON.

| Report | Aggregations | API ms, median (min-max) | Bare pipeline ms | API / bare (goal ≤ 2×) | Goal |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Memory of the API process over its report requests (RSS sampled every 20 ms from just before each request,
after a forced collection of what earlier work left; the bare replays run in the same process and are not
counted; the API runs with Node's default heap settings): ${fmt(r.memory.startMb)} MB at the lowest start,
**${fmt(r.memory.peakMb)} MB peak** (goal < ${MEMORY_GOAL_MB} MB).${
    r.runs.some((run) => run.memory)
      ? ` Per report: ${r.runs.map((run) => `${run.report.split(' (')[0] ?? run.report} ${fmt(run.memory?.peakMb ?? 0)} MB`).join(', ')}.`
      : ''
  }
`;
}

export function validationLine(result: BenchResult): string {
  const v = result.profile?.validationPct;
  if (v === undefined) return '';
  return `
**Validation** (the shape checks in \`src/http/shape\` and express-validator under them, callees included):
**${fmt(v, 1)}%** of the API's CPU samples during the overhead load above (goal < ${VALIDATION_GOAL_PCT}%). Time-zone
checks are remembered per zone (luxon builds an \`Intl.DateTimeFormat\` for each check, about 140 µs), and the
express-validator chains of each route are built once at start-up, not per request.
`;
}

function verdict(met: boolean | undefined): string {
  return met === undefined ? 'not measured' : met ? '**met**' : '**not met**';
}

export function goalsSection(result: BenchResult): string {
  const ingest = ratios(result.ingest.api, result.ingest.baseline).median;
  const f = result.freshness;
  const reports = result.reports;
  const worstReport = reports
    ? Math.max(...reports.runs.map((run) => ratios(run.api, run.bare).median))
    : undefined;
  const rows = [
    `| Ingest ≥ 50% of \`insertMany\` (a year of punches seeded) | ${pct(ratios(result.ingest.api, result.ingest.baseline))} | ${verdict(ingest >= INGEST_GOAL)} |`,
    `| Freshness p99 ≤ 2 s at the sustained rate | ${f ? `${fmt(f.p99Ms)} ms at ${fmt(f.rate)} events/s` : '-'} | ${verdict(f ? f.p99Ms <= FRESHNESS_GOAL_MS : undefined)} |`,
    `| Each report ≤ 2× its bare pipeline (${reports ? fmt(reports.employees) : '-'} employees) | ${worstReport === undefined ? '-' : `worst ${fmt(worstReport, 2)}×`} | ${verdict(worstReport === undefined ? undefined : worstReport <= REPORT_GOAL)} |`,
    `| API memory < 500 MB during the reports | ${reports ? `${fmt(reports.memory.peakMb)} MB peak` : '-'} | ${verdict(reports ? reports.memory.peakMb < MEMORY_GOAL_MB : undefined)} |`,
    `| Validation < 10% of the API's CPU (overhead endpoints) | ${result.profile?.validationPct === undefined ? '-' : `${fmt(result.profile.validationPct, 1)}%`} | ${verdict(result.profile?.validationPct === undefined ? undefined : result.profile.validationPct < VALIDATION_GOAL_PCT)} |`,
  ];
  return `## Goals in this run

| Goal | Measured | Verdict |
| --- | --- | --- |
${rows.join('\n')}

Explanations of any goal not met are in its section below.
`;
}

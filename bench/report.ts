import { writeFileSync } from 'node:fs';
import os from 'node:os';
import prettier from 'prettier';
import type { BenchResult } from './run';
import { CACHE_OFF, COUNTED_REQUESTS } from './overhead';
import { peopleOpsSection } from './people-ops-report';
import { ingestSection } from './ingest-report';
import { fmt, pct, ratios, summarize } from './stats';
import {
  freshnessSection,
  goalsSection,
  reportsSection,
  standInVersion,
  validationLine,
} from './report-goals';

/** docs/performance.md from one bench run: every figure a ratio against its same-run baseline. */
function machine(result: BenchResult): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return [
    `- Run at ${result.at}, ${fmt(result.totalSeconds)} s end to end.`,
    `- ${os.cpus().length} × ${cpu}, ${fmt(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}.`,
    `- Database: ${result.database === 'standin' ? `the offline stand-in (mongo-java-server ${standInVersion()}, in-memory, same machine)` : result.database}.`,
    `- API server: a separate Node process, NODE_ENV=production, access logs on (JSON to stdout, discarded).`,
  ].join('\n');
}

/** The user-cache row compares this run's GET /employees/:id with and without the cache. */
function userCacheFix(result: BenchResult): string {
  const find = (cacheOff: boolean) =>
    result.overhead.find(
      (o) => o.endpoint.startsWith('GET /employees/:id') && o.endpoint.includes(CACHE_OFF) === cacheOff,
    );
  const [off, on] = [find(true), find(false)];
  if (!off || !on) return '';
  const ratio = (o: typeof on) =>
    pct(
      ratios(
        o.api.map((r) => r.rps),
        o.bare.map((r) => r.rps),
      ),
    );
  return `| passport-jwt verified the same token string again on every request (HMAC, claims checks; a tenth of the CPU of the request in situ) | Verified tokens remembered until they expire; the user check still runs on each request | 60% (57-66%) of bare (run before the change, same day and data) | ${ratio(on)} of bare (this run) |
| Every authenticated request read its user again: one of the two commands of \`GET /employees/:id\` | Active users remembered per instance for \`AUTH_USER_CACHE_SECONDS\` (5 s) and forgotten on every revocation | ${ratio(off)} of bare (cache off, this run) | ${ratio(on)} of bare (this run) |\n`;
}

function fixesSection(result: BenchResult): string {
  return `## Fixes from profiling and command counts (before -> after)

| Finding | Fix | Before | After |
| --- | --- | --- | --- |
| Ingest read back the punches, leave and holidays of every day it touched before answering: 2% (2-4%) of \`insertMany\` with a year of punches (2026-11-23) | Append-only ingest: punches inserted, days marked stale in one bulk upsert, recomputed by the leased stale-days worker or on read | 2% (2-4%) of \`insertMany\` | ${pct(ratios(result.ingest.api, result.ingest.baseline))} of \`insertMany\` (this run) |
| Ingest recomputed each touched employee-day on its own: 4 round trips per day, 1,000 per batch of 500 events | \`recomputeDays\`: 3 reads and one \`bulkWrite\` per batch | 65-72 events/s (300 employees, a year of punches, 2 runs) | 354-398 events/s (same data), 5.4× |
| Mongoose hydrated and validated every punch of a batch (a third of the ingest CPU profile) and the business date was computed twice per event (luxon time-zone offsets, 9-15% of CPU) | \`insertMany(..., { lean: true })\` on documents built from checked values; business date computed once per event | | included in the figure above |
| \`jsonwebtoken\` tried to parse the HS256 secret as a public key on every request (\`createPublicKey\`, 3% of CPU) | The secret is a \`KeyObject\` made once | GET /employees/:id at 23-24% of bare (1 s runs) | 30-39% of bare (same runs) |
| \`GET /leave-balances\` wrote accruals with one insert per leave type (found by the command-count test) | One insert for all types | 5 commands, +1 per type | 5 commands, constant |
| The stand-in tests query conditions in order; the punch and leave reads of ingest named the 250-long employee list first, so every document was compared with every id | Dates (and status) first: most documents fail on the first condition | 245-343 events/s (30 days of punches), 42-44 (a year) | 1,945-2,852 events/s (30 days), 635-1,049 (a year) |
| Ingest CPU (2026-12-03): a time-zone format per punch for its local date and three shift windows for its business date; whole employee documents read and decoded; Mongoose casting each stale mark; and on the stand-in, 30 ms of its CPU for a batch's 250 stale-mark upserts | Offsets and business dates remembered per zone and quarter hour (checked against the exact rules); a five-field employee read; marks inserted, with an upsert only for days already marked (4 ms of stand-in CPU); the audit entry sent with the other writes | API process 253 ms of CPU per 2,000 events (25 runs of a scratch probe, 30 days seeded); 26% (9-30%) of \`insertMany\` (last bench) | 171 ms (same probe); ${pct(ratios(result.ingest.api, result.ingest.baseline))} of \`insertMany\` (this run) |
| Ingest CPU (2026-12-03, second pass): the driver's insertMany walked every punch twice (sizing, then sending); a Date parse and formatted round trip per timestamp; the batch's employees read by code on every batch (the stand-in compares each employee with each code); 250 per-day stale markers inserted per batch | The \`insert\` command itself (src/db/insert-command.ts); timestamps read field by field; a per-instance roster cache kept by a shared roster version; one stale-batch document per batch, turned into per-day markers by the worker or the first read | API process 68 ms of CPU per 1,000 events (28 runs of a scratch probe, 30 days seeded, profiled); 41-48% of \`insertMany\` in that probe | 64 ms (insert command, timestamps), 55 ms (roster cache), 45 ms (batch document); 59% in that probe; ${pct(ratios(result.ingest.api, result.ingest.baseline))} of \`insertMany\` (this run) |
${userCacheFix(result)}`;
}

const OVERHEAD_GOAL = 0.6;

function overheadSection(result: BenchResult): string {
  const measured = result.overhead.map((o) => ({
    o,
    api: summarize(o.api.map((r) => r.rps)),
    bare: summarize(o.bare.map((r) => r.rps)),
    ratio: ratios(
      o.api.map((r) => r.rps),
      o.bare.map((r) => r.rps),
    ),
  }));
  const rows = measured.map(({ o, api, bare, ratio }) => {
    const p = (runs: typeof o.api, key: 'p50' | 'p99') => fmt(summarize(runs.map((r) => r[key])).median, 1);
    const commands = o.commandsPerRequest
      ? `${fmt(o.commandsPerRequest.api, 1)} / ${fmt(o.commandsPerRequest.bare, 1)}`
      : '-';
    return `| ${o.endpoint} | ${commands} | ${fmt(api.median)} (±${fmt(api.spreadPct / 2)}%) | ${p(o.api, 'p50')} / ${p(o.api, 'p99')} | ${fmt(bare.median)} (±${fmt(bare.spreadPct / 2)}%) | ${p(o.bare, 'p50')} / ${p(o.bare, 'p99')} | **${pct(ratio)}** |`;
  });
  const defaults = measured.filter(({ o }) => !o.endpoint.includes(CACHE_OFF));
  const below = defaults.filter(({ ratio }) => ratio.median < OVERHEAD_GOAL).map(({ o }) => o.endpoint);
  const verdict =
    below.length === 0
      ? 'With the default configuration every endpoint meets the goal (median of the paired ratios).'
      : `Below the goal in this run: ${below.join(', ')}.`;
  return `## Request overhead

autocannon, 10 connections, ${result.options.durationSeconds} s per run. Each side first gets a warm-up
run as long as a measured one, and which side goes first alternates between pairs, so a drift of the
machine does not favour either. The API request is authenticated as an admin (JWT verified, user checked),
validated, logged, measured and scoped; the bare Express handler on the same process and connection pool
calls the same service read with none of that. Commands per request are counted with driver command
monitoring over ${COUNTED_REQUESTS} sequential requests per side.

| Endpoint | Commands per request (API / bare) | API req/s | API p50 / p99 ms | Bare req/s | Bare p50 / p99 ms | API / bare (goal ≥ 60%) |
| --- | --- | --- | --- | --- | --- | --- | 
${rows.join('\n')}

${verdict}

The user check is what separates the first and last rows. Every authenticated request must know that
its user is still active and that the token's session has not been revoked. Each instance remembers an
active user for \`AUTH_USER_CACHE_SECONDS\` (default 5 s) and forgets it on every revocation it makes
(sign-out of all sessions, password change or reset, deactivation, anonymisation), so revocation stays
immediate on that instance and takes at most those seconds on the others. With the cache off
(\`AUTH_USER_CACHE_SECONDS=0\`, last row) the API reads the user on every request: one more command,
which on the stand-in is most of the cost of a request. What remains between the API and the bare
handler with the cache on is the middleware's own work: reading the bearer token (a token already verified
is remembered until it expires), validation, the access log, metrics and security headers.
`;
}

/** Medians of 5 requests on a shared machine: growth within 10% of linear is noise, not a trend. */
const LINEAR_TOLERANCE = 1.1;

function scalingSection(result: BenchResult): string {
  const endpoints = [...new Set(result.scaling.map((r) => r.endpoint))];
  const rows = endpoints.map((endpoint) => {
    const at = (f: number) => result.scaling.find((r) => r.endpoint === endpoint && r.factor === f);
    const one = at(1);
    const cells = [1, 2, 4].map((f) => {
      const row = at(f);
      return row ? `${fmt(row.medianMs, 1)} ms (±${fmt(row.spreadPct / 2)}%)` : '-';
    });
    const growth = [2, 4].map((f) =>
      one && at(f) ? `${fmt((at(f)?.medianMs ?? 0) / one.medianMs, 2)}×` : '-',
    );
    const commands = [1, 2, 4].map((f) => {
      const row = at(f);
      return row ? `${row.queries}${row.getMores ? ` +${row.getMores} getMore` : ''}` : '-';
    });
    return `| ${endpoint} | ${cells.join(' | ')} | ${growth.join(' / ')} | ${commands.join(' / ')} |`;
  });
  const base = result.options.scaleBase;
  const superlinear = endpoints.filter((endpoint) => {
    const ms = (f: number) => result.scaling.find((r) => r.endpoint === endpoint && r.factor === f)?.medianMs;
    const [one, two, four] = [ms(1), ms(2), ms(4)];
    return one && two && four && (two / one > 2 * LINEAR_TOLERANCE || four / one > 4 * LINEAR_TOLERANCE);
  });
  const commandsDrift = endpoints.filter(
    (endpoint) =>
      new Set(result.scaling.filter((r) => r.endpoint === endpoint).map((r) => r.queries)).size > 1,
  );
  const verdict = [
    superlinear.length === 0
      ? `No endpoint grows faster than linearly beyond the noise (${fmt((LINEAR_TOLERANCE - 1) * 100)}%).`
      : `Faster than linear beyond the noise (${fmt((LINEAR_TOLERANCE - 1) * 100)}%): ${superlinear.join(', ')}.`,
    commandsDrift.length === 0
      ? 'Commands per request are the same at every size.'
      : `Commands per request change with size: ${commandsDrift.join(', ')}.`,
  ].join(' ');
  return `## Scaling

A company of ${fmt(base)}, ${fmt(base * 2)} and ${fmt(base * 4)} employees with a year of attendance each (1x, 2x, 4x),
median of ${result.scaling[0]?.calls ?? result.options.runs} sequential requests (after 5 warm-up calls) as an admin (whole company in scope). Commands are counted with the
driver's command monitoring; \`getMore\` is listed apart because it follows the size of the result (cursor
batches of 101 documents), not the number of queries. Linear growth means 2× and 4× at most. On the
stand-in every report scans the collection and every list sorts it in memory (there are no secondary
indexes), so these times also carry the JVM's memory behaviour as its heap grows; on MongoDB the lists
read one page from an index in their sort order (\`{date, employeeId}\`, \`{startDate, _id}\`,
\`{status, lastName, firstName}\`).

| Endpoint | 1x | 2x | 4x | Time 2x / 4x vs 1x | Commands 1x / 2x / 4x |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

${verdict}

\`tests/performance/command-count.api.test.ts\` asserts on small data that every list and report sends the same
number of commands when the company triples, so an N+1 cannot come back unnoticed.
`;
}

function profileSection(result: BenchResult): string {
  if (!result.profile) return '## Profile\n\nNo CPU profile was written in this run.\n';
  const places = result.profile.byPlace.map((p) => `| ${p.name} | ${fmt(p.pct, 1)}% |`).join('\n');
  const fns = result.profile.byFunction.map((p) => `| \`${p.name}\` | ${fmt(p.pct, 1)}% |`).join('\n');
  return `## Profile

\`node --cpu-prof\` on the API process during ${result.options.durationSeconds} s of load on each endpoint above
(${fmt(result.profile.samples)} samples, idle excluded). Self time by where the code lives:

| Where | Self time |
| --- | --- |
${places}

Top functions:

| Function | Self time |
| --- | --- |
${fns}
`;
}

/** Written through Prettier with the project's settings, so the generated file passes `npm run lint`. */
export async function writeReport(result: BenchResult, file: string): Promise<void> {
  const seed = Object.entries(result.seed)
    .map(([k, v]) => `${fmt(v)} ${k}`)
    .join(', ');
  const text = `# Performance

Generated by \`npm run bench\` (${result.options.runs} runs per figure; median, min-max and spread = (max - min) / median).
Every figure is a ratio against a baseline measured in the same run, because these machines are noisy.

## Machine

${machine(result)}

## Data

\`bench/seed.ts\` wrote ${seed} in ${fmt(result.seedSeconds, 1)} s (raw \`insertMany\` in batches of 5,000): a year of
daily records per person, two approved leave requests each, and two punches per working day ${
    result.options.punchDays >= 365
      ? 'over the whole year'
      : `for the last ${result.options.punchDays} days (\`--punch-days\`)`
  }.

${goalsSection(result)}
${ingestSection(result)}
${freshnessSection(result)}
${reportsSection(result)}
${overheadSection(result)}
${scalingSection(result)}
${profileSection(result)}
${validationLine(result)}
${result.peopleOps ? peopleOpsSection(result.peopleOps) : ''}
${fixesSection(result)}
## Reproduce

\`\`\`bash
npm run bench                                   # default: 2,000 employees, a year of punches, 5 runs; reports on 10,000
npm run bench -- --employees 10000 --punch-days 30   # the big run: 320 s here, 3.0M documents seeded in 89 s
npm run bench -- --runs 7 --duration 8          # more and longer runs
npm run bench -- --only people                  # only the CSV import and export figures (about 5 minutes)
MONGODB_URI=mongodb://localhost:27017 npm run bench   # against a real MongoDB instead of the stand-in
\`\`\`

Raw numbers of every run: \`bench/results/<time>.json\` (the CPU profile in \`bench/results/profile/\`, open it in
Chrome DevTools).
`;
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
}

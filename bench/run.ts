import mongoose from 'mongoose';
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { connectDatabase, disconnectDatabase, ensureIndexes } from '../src/db/connection';
import { resolveDatabase } from '../src/db/resolver';
import { startStandIn } from '../src/db/standin';
import { createUser } from '../src/modules/auth';
import type { CommandTiming, IngestDevice, IngestRuns } from './ingest';
import { measureIngest } from './ingest';
import type { LoadResult } from './overhead';
import { CACHE_OFF, COUNTED_REQUESTS, load } from './overhead';
import type { ProfileSummary } from './profile';
import { summarizeProfile } from './profile';
import { writeReport } from './report';
import type { ScalingRow } from './scaling';
import { measureScaling } from './scaling';
import type { PeopleOpsResult } from './people-ops';
import { measurePeopleOps } from './people-ops';
import { writePeopleOpsSection } from './people-ops-report';
import { seedCompany } from './seed';
import type { FreshnessResult } from './freshness';
import { measureFreshness } from './freshness';
import type { ReportRuns, ReportTarget } from './reports';
import { measureReports } from './reports';
import { BENCH_CONNECTION } from './database';

/**
 * `npm run bench`: seeds a company, then measures ingest, request overhead and scaling, each
 * against a baseline measured in the same run, profiles the API under load, and writes
 * bench/results/<time>.json and docs/performance.md.
 */
const { values: args } = parseArgs({
  options: {
    employees: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '5' },
    duration: { type: 'string', default: '4' },
    'scale-base': { type: 'string', default: '250' },
    'punch-days': { type: 'string', default: '365' },
    'no-report': { type: 'boolean', default: false },
    /**
     * `people`: only the CSV import and export figures (its section of docs/performance.md is rewritten);
     * `reports`: only the reports against their pipelines (logged and kept in bench/results).
     */
    only: { type: 'string' },
    'export-rows': { type: 'string', default: '1000000' },
    /** The reports phase seeds its own company: this many employees, a year of daily records. */
    'report-employees': { type: 'string', default: '10000' },
    'report-punch-days': { type: 'string', default: '30' },
    /** Sustained ingest while the stale-days worker runs: batches of 500 events per second, seconds. */
    'fresh-rate': { type: 'string', default: '2' },
    'fresh-seconds': { type: 'string', default: '20' },
  },
});
const REPORT_EMPLOYEES = Number(args['report-employees']);
const REPORT_PUNCH_DAYS = Number(args['report-punch-days']);
const FRESH_RATE = Number(args['fresh-rate']);
const FRESH_SECONDS = Number(args['fresh-seconds']);
const EXPORT_ROWS = Number(args['export-rows']);
const EMPLOYEES = Number(args.employees);
const RUNS = Number(args.runs);
const DURATION = Number(args.duration);
const SCALE_BASE = Number(args['scale-base']);
const PUNCH_DAYS = Number(args['punch-days']);
// Single requests are short and the machine noisy: more calls than load runs for a stable median.
const SCALING_CALLS = RUNS * 2 + 1;
const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(ROOT, 'bench', 'results');
const ADMIN = { email: 'bench-admin@example.com', password: 'Bench-Admin-2026!' };
const JWT_SECRET = randomBytes(32).toString('hex');

const benchStarted = Date.now();
/** Each line with the seconds since the start, so a slow phase shows in the log. */
const log = (line: string) =>
  process.stderr.write(`[bench ${((Date.now() - benchStarted) / 1000).toFixed(0)} s] ${line}\n`);

interface Child {
  process: ChildProcess;
  api: string;
  bare: string;
}

function startServer(uri: string, env: Record<string, string> = {}, profileDir?: string): Promise<Child> {
  const child = fork(path.join(__dirname, 'server.ts'), [], {
    execArgv: [
      '--import',
      'tsx',
      '--expose-gc',
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ],
    env: {
      ...process.env,
      // The API runs with Node's default heap settings, as in the Dockerfile, not the bench's own.
      NODE_OPTIONS: '',
      NODE_ENV: 'production',
      MONGODB_URI: uri,
      JWT_SECRET,
      LOG_LEVEL: 'info',
      JOBS_ENABLED: 'false',
      BENCH_DB: 'bench',
      // The bench's events are stamped on past days, which a live burst is not: without this each
      // would raise a clock-skew exception, work the baseline does not do and devices on time do not cause.
      DEVICE_CLOCK_SKEW_MINUTES: '44640',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { apiPort: number; barePort: number }) =>
      resolve({
        process: child,
        api: `http://127.0.0.1:${m.apiPort}`,
        bare: `http://127.0.0.1:${m.barePort}`,
      }),
    );
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

function stopServer(child: Child): Promise<void> {
  return new Promise((resolve) => {
    child.process.removeAllListeners('exit');
    child.process.once('exit', () => resolve());
    child.process.kill('SIGTERM');
  });
}

/**
 * Sends `message` to the server child and resolves with the field `key` of its first reply that
 * carries it (the child answers each bench message with one such reply).
 */
function askChild<K extends string, T>(child: Child, message: string, key: K): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (m: Partial<Record<K, T>>) => {
      if (m[key] === undefined) return;
      child.process.off('message', onMessage);
      resolve(m[key]);
    };
    child.process.on('message', onMessage);
    child.process.send(message);
  });
}

/** Runs `work` while the server child times its database commands; returns the child's totals. */
async function withCommandTiming(child: Child, work: () => Promise<void>): Promise<CommandTiming> {
  child.process.send('timing:start');
  await work();
  return askChild<'timing', CommandTiming>(child, 'timing:stop', 'timing');
}

/**
 * Runs `work` while the server child records its resident memory; returns its start and peak. The
 * work starts only once the child has collected garbage and started sampling.
 */
async function withMemory(
  child: Child,
  work: () => Promise<void>,
): Promise<{ startMb: number; peakMb: number }> {
  await askChild<'rssStarted', boolean>(child, 'rss:start', 'rssStarted');
  await work();
  return askChild<'rss', { startMb: number; peakMb: number }>(child, 'rss:stop', 'rss');
}

/** Runs `work` while the server child keeps the aggregations it sends under `label`; returns their count. */
async function withCapture(child: Child, label: string, work: () => Promise<void>): Promise<number> {
  child.process.send(`capture:${label}`);
  await work();
  return askChild<'captured', number>(child, 'capture:stop', 'captured');
}

/**
 * Reports against their bare pipelines on a company of REPORT_EMPLOYEES with a year of daily
 * records (seeded into the bench database after the other phases), with the API's memory peak.
 */
async function reportsPhase(uri: string): Promise<ReportsPhase> {
  await mongoose.connection.dropDatabase();
  await ensureIndexes();
  const company = await seedCompany({ employees: REPORT_EMPLOYEES, punchDays: REPORT_PUNCH_DAYS });
  log(`reports: seeded ${JSON.stringify(company.counts)} in ${company.seconds.toFixed(1)} s`);
  await createUser({ ...ADMIN, role: 'admin' });
  const server = await startServer(uri);
  try {
    const token = await login(server.api);
    const auth = { authorization: `Bearer ${token}` };
    const day = (back: number) => DateTime.utc().minus({ days: back }).toISODate() ?? '';
    const lastMonth = DateTime.utc().minus({ months: 1 });
    const period = await json<{ id: string }>(
      await fetch(`${server.api}/api/v1/payroll-periods`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({
          from: lastMonth.startOf('month').toISODate(),
          to: lastMonth.endOf('month').toISODate(),
        }),
      }),
    );
    const range = `from=${day(90)}&to=${day(1)}`;
    const targets: ReportTarget[] = [
      {
        report: 'attendance summary (90 days, by employee)',
        path: `/api/v1/reports/attendance-summary?${range}`,
      },
      {
        report: 'leave utilization (year, by type)',
        path: `/api/v1/reports/leave-utilization?year=${DateTime.utc().year}`,
      },
      { report: 'absenteeism (90 days)', path: `/api/v1/reports/absenteeism?${range}` },
      { report: 'overtime (90 days)', path: `/api/v1/reports/overtime?${range}` },
      {
        report: 'payroll export (a month, JSON)',
        path: `/api/v1/payroll-periods/${period.id}/export?format=json`,
      },
    ];
    const runs = await measureReports({
      api: server.api,
      bare: server.bare,
      auth,
      targets,
      runs: RUNS,
      capture: (label, work) => withCapture(server, label, work),
      memory: (work) => withMemory(server, work),
      log,
    });
    const memory = {
      startMb: Math.min(...runs.map((r) => r.memory?.startMb ?? Infinity)),
      peakMb: Math.max(...runs.map((r) => r.memory?.peakMb ?? 0)),
    };
    return { employees: REPORT_EMPLOYEES, seed: company.counts, seedSeconds: company.seconds, runs, memory };
  } finally {
    await stopServer(server);
  }
}

/** CSV import and export figures, in a database of their own on the same server. */
async function peopleOpsIn(uri: string): Promise<PeopleOpsResult> {
  await connectDatabase(uri, { ...BENCH_CONNECTION, dbName: 'bench-people' });
  await mongoose.connection.dropDatabase();
  await ensureIndexes();
  await createUser({ ...ADMIN, role: 'admin' });
  let current: Child | undefined;
  const stopApi = async () => {
    if (current) await stopServer(current);
    current = undefined;
  };
  try {
    return await measurePeopleOps({
      runs: Math.min(RUNS, 3),
      exportRows: EXPORT_ROWS,
      log,
      startApi: async (env) => (current = await startServer(uri, env)),
      stopApi,
      signIn: login,
      withMemory: (work) => {
        if (!current) throw new Error('no API server is running');
        return withMemory(current, work);
      },
    });
  } finally {
    await stopApi();
    await mongoose.connection.dropDatabase();
    await disconnectDatabase();
  }
}

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function login(api: string): Promise<string> {
  const res = await fetch(`${api}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  return (await json<{ accessToken: string }>(res)).accessToken;
}

async function createDevices(api: string, token: string, count: number): Promise<IngestDevice[]> {
  const devices: IngestDevice[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${api}/api/v1/devices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: `Bench door ${i + 1}`, timezone: 'UTC' }),
    });
    devices.push(await json<IngestDevice>(res));
  }
  return devices;
}

export interface OverheadRuns {
  endpoint: string;
  api: LoadResult[];
  bare: LoadResult[];
  /** Database commands per request on each side, counted over sequential requests. */
  commandsPerRequest?: { api: number; bare: number };
}

/** Paths, not URLs: the same targets are measured on several server processes. */
interface OverheadTarget {
  endpoint: string;
  apiPath: string;
  barePath: string;
}

async function countCommandsPerRequest(
  child: Child,
  url: string,
  headers: Record<string, string>,
): Promise<number> {
  const timing = await withCommandTiming(child, async () => {
    for (let i = 0; i < COUNTED_REQUESTS; i++) await json<unknown>(await fetch(url, { headers }));
  });
  const total = Object.values(timing).reduce((sum, t) => sum + t.count, 0);
  return total / COUNTED_REQUESTS;
}

/** Paired runs of the API and the bare handler; which side goes first alternates to cancel drift. */
async function measureOverhead(
  child: Child,
  target: OverheadTarget,
  auth: Record<string, string>,
): Promise<OverheadRuns> {
  const apiUrl = child.api + target.apiPath;
  const bareUrl = child.bare + target.barePath;
  // Counted first: requests still in flight after a load run would add their commands to the count.
  const commandsPerRequest = {
    api: await countCommandsPerRequest(child, apiUrl, auth),
    bare: await countCommandsPerRequest(child, bareUrl, {}),
  };
  // Warm-up as long as a run: the first seconds of each path measure the JIT, not the path.
  await load(apiUrl, auth, DURATION);
  await load(bareUrl, {}, DURATION);
  const runs: OverheadRuns = { endpoint: target.endpoint, api: [], bare: [], commandsPerRequest };
  for (let r = 0; r < RUNS; r++) {
    const api = async () => runs.api.push(await load(apiUrl, auth, DURATION));
    const bare = async () => runs.bare.push(await load(bareUrl, {}, DURATION));
    if (r % 2 === 0) {
      await api();
      await bare();
    } else {
      await bare();
      await api();
    }
    log(
      `${target.endpoint} run ${r + 1}: api ${runs.api[r]?.rps.toFixed(0)} req/s, bare ${runs.bare[r]?.rps.toFixed(0)} req/s`,
    );
  }
  return runs;
}

async function main(): Promise<void> {
  const started = Date.now();
  // The stand-in holds everything in its heap: about 1.5 MB per seeded employee, 6 GB at least.
  const db = process.env.MONGODB_URI
    ? await resolveDatabase({ uri: process.env.MONGODB_URI, backend: 'uri', log })
    : await startStandIn(0, {
        maxHeapMb: Math.max(6144, Math.round(Math.max(EMPLOYEES, REPORT_EMPLOYEES) * 1.5)),
      });
  log(`database: ${db.backend} at ${db.uri}`);
  try {
    if (args.only === 'people') {
      const peopleOps = await peopleOpsIn(db.uri);
      mkdirSync(RESULTS, { recursive: true });
      const at = new Date().toISOString();
      const file = path.join(RESULTS, `${at.replace(/[:.]/g, '-')}-people.json`);
      writeFileSync(file, `${JSON.stringify({ at, database: db.backend, peopleOps }, null, 2)}\n`);
      log(`results: ${path.relative(ROOT, file)}`);
      if (!args['no-report'])
        await writePeopleOpsSection(peopleOps, path.join(ROOT, 'docs', 'performance.md'));
      return;
    }
    if (args.only === 'reports') {
      // Only the reports phase, logged and kept in bench/results (docs/performance.md is left as is).
      await connectDatabase(db.uri, { ...BENCH_CONNECTION, dbName: 'bench' });
      const reports = await reportsPhase(db.uri);
      mkdirSync(RESULTS, { recursive: true });
      const at = new Date().toISOString();
      const file = path.join(RESULTS, `${at.replace(/[:.]/g, '-')}-reports.json`);
      writeFileSync(file, `${JSON.stringify({ at, database: db.backend, reports }, null, 2)}\n`);
      log(`results: ${path.relative(ROOT, file)}`);
      return;
    }
    const scaling: ScalingRow[] = await measureScaling(db.uri, SCALE_BASE, SCALING_CALLS, log);

    await connectDatabase(db.uri, { ...BENCH_CONNECTION, dbName: 'bench' });
    await mongoose.connection.dropDatabase();
    await ensureIndexes();
    const company = await seedCompany({ employees: EMPLOYEES, punchDays: PUNCH_DAYS });
    log(`seeded ${JSON.stringify(company.counts)} in ${company.seconds.toFixed(1)} s`);
    await createUser({ ...ADMIN, role: 'admin' });
    const codes = company.employeeIds.map((_, i) => `B-${String(i + 1).padStart(6, '0')}`);
    const someone = company.employeeIds[Math.floor(EMPLOYEES / 2)]?.toHexString() ?? '';
    const year = DateTime.utc().year;

    const server = await startServer(db.uri);
    const token = await login(server.api);
    const devices = await createDevices(server.api, token, 4);
    const day = (back: number) => DateTime.utc().minus({ days: back }).toISODate() ?? '';

    const ingest = await measureIngest({
      api: server.api,
      devices,
      codes,
      employeeIds: company.employeeIds,
      runs: RUNS,
      day,
      pids: { api: server.process.pid, database: db.pid },
      timeCommands: (work) => withCommandTiming(server, work),
      log,
    });

    const auth = { authorization: `Bearer ${token}` };
    const targets: OverheadTarget[] = [
      {
        endpoint: 'GET /employees/:id',
        apiPath: `/api/v1/employees/${someone}`,
        barePath: `/employees/${someone}`,
      },
      {
        endpoint: 'GET /leave-balances',
        apiPath: `/api/v1/leave-balances?employeeId=${someone}&year=${year}`,
        barePath: `/leave-balances?employeeId=${someone}&year=${year}`,
      },
    ];
    const overhead: OverheadRuns[] = [];
    for (const target of targets) overhead.push(await measureOverhead(server, target, auth));
    await stopServer(server);

    // The same comparison with the user read on every request, to show what the user cache buys.
    const uncached = await startServer(db.uri, { AUTH_USER_CACHE_SECONDS: '0' });
    const first = targets[0];
    if (first) {
      overhead.push(
        await measureOverhead(uncached, { ...first, endpoint: `${first.endpoint}, ${CACHE_OFF}` }, auth),
      );
    }
    await stopServer(uncached);

    // One profiled pass over the request load, to see where the API's CPU time goes.
    const profileDir = path.join(RESULTS, 'profile');
    rmSync(profileDir, { recursive: true, force: true });
    const profiled = await startServer(db.uri, {}, profileDir);
    for (const target of targets) await load(profiled.api + target.apiPath, auth, DURATION);
    await stopServer(profiled);
    const profileFile = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
    const profile: ProfileSummary | undefined = profileFile
      ? summarizeProfile(path.join(profileDir, profileFile))
      : undefined;

    // Freshness: devices post at a sustained rate while the stale-days worker runs in the API process.
    const fresh = await startServer(db.uri, { BENCH_STALE_DAYS_MS: '250' });
    let measured: FreshnessResult | undefined;
    const freshCommands = await withCommandTiming(fresh, async () => {
      measured = await measureFreshness({
        api: fresh.api,
        devices,
        codes,
        employeeIds: company.employeeIds,
        dates: [day(8), day(9), day(10), day(11)],
        batchesPerSecond: FRESH_RATE,
        seconds: FRESH_SECONDS,
      });
    });
    if (!measured) throw new Error('freshness was not measured');
    const freshness = { ...measured, commands: freshCommands };
    log(`freshness: ${JSON.stringify(freshness)}`);
    await stopServer(fresh);

    const reports = await reportsPhase(db.uri);

    await mongoose.connection.dropDatabase();
    await disconnectDatabase();
    const peopleOps = await peopleOpsIn(db.uri);
    const result = {
      at: new Date().toISOString(),
      options: {
        employees: EMPLOYEES,
        runs: RUNS,
        durationSeconds: DURATION,
        scaleBase: SCALE_BASE,
        punchDays: PUNCH_DAYS,
      },
      database: db.backend,
      seed: company.counts,
      seedSeconds: company.seconds,
      ingest,
      freshness,
      reports,
      overhead,
      scaling,
      profile,
      peopleOps,
      machine: machineFacts(db.backend),
      totalSeconds: (Date.now() - started) / 1000,
    };
    mkdirSync(RESULTS, { recursive: true });
    const file = path.join(RESULTS, `${result.at.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    log(`results: ${path.relative(ROOT, file)}`);
    if (!args['no-report']) {
      await writeReport(result, path.join(ROOT, 'docs', 'performance.md'));
      log('wrote docs/performance.md');
    }
    log(`done in ${result.totalSeconds.toFixed(0)} s`);
  } finally {
    await db.stop();
  }
}

export interface ReportsPhase {
  employees: number;
  seed: Record<string, number>;
  seedSeconds: number;
  runs: ReportRuns[];
  memory: { startMb: number; peakMb: number };
}

export interface MachineFacts {
  cpus: string;
  memoryGb: number;
  os: string;
  node: string;
  database: string;
}

function machineFacts(backend: string): MachineFacts {
  const cpus = os.cpus();
  return {
    cpus: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown'}`,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    database: backend,
  };
}

export type BenchResult = {
  at: string;
  options: { employees: number; runs: number; durationSeconds: number; scaleBase: number; punchDays: number };
  database: string;
  seed: Record<string, number>;
  seedSeconds: number;
  ingest: IngestRuns;
  /** Absent in results written before append-only ingest. */
  freshness?: FreshnessResult & { commands?: CommandTiming };
  reports?: ReportsPhase;
  machine?: MachineFacts;
  overhead: OverheadRuns[];
  scaling: ScalingRow[];
  profile: ProfileSummary | undefined;
  /** CSV import and export (absent in results written before they were measured). */
  peopleOps?: PeopleOpsResult;
  totalSeconds: number;
};

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

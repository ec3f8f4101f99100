import mongoose from 'mongoose';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { buildApp } from '../src/app';
import type { CommandCounts } from '../src/db/command-monitor';
import { queriesIn, startCountingCommands } from '../src/db/command-monitor';
import { connectDatabase, disconnectDatabase, ensureIndexes } from '../src/db/connection';
import { createUser } from '../src/modules/auth';
import { signAccessToken } from '../src/modules/auth/tokens';
import { seedCompany } from './seed';
import { summarize } from './stats';
import { BENCH_CONNECTION } from './database';

/**
 * Reports and lists at 1x, 2x and 4x the data, each in a database of its own: median time per
 * request over `runs` sequential calls, and the database commands each call sent (counted with the
 * driver's command monitoring; getMore separately, as it follows result size).
 */
export interface ScalingRow {
  endpoint: string;
  factor: number;
  employees: number;
  /** Sequential calls the median and minimum are taken over. */
  calls: number;
  medianMs: number;
  /** The fastest call: the cost of the work itself, least disturbed by the rest of the machine. */
  minMs?: number;
  spreadPct: number;
  queries: number;
  getMores: number;
}

function endpoints(today: string): Array<[string, string]> {
  const from = DateTime.fromISO(today).minus({ days: 90 }).toISODate() ?? today;
  const to = DateTime.fromISO(today).minus({ days: 1 }).toISODate() ?? today;
  const year = today.slice(0, 4);
  return [
    ['attendance summary (90 days, by employee)', `/api/v1/reports/attendance-summary?from=${from}&to=${to}`],
    ['leave utilization (year, by type)', `/api/v1/reports/leave-utilization?year=${year}`],
    ['absenteeism (90 days)', `/api/v1/reports/absenteeism?from=${from}&to=${to}`],
    ['GET /employees (page of 100)', '/api/v1/employees?limit=100'],
    ['GET /leave-requests (page of 100)', '/api/v1/leave-requests?limit=100'],
    ['GET /attendance (page of 100)', '/api/v1/attendance?limit=100'],
  ];
}

async function timedCall(url: string, token: string): Promise<{ ms: number; counts: CommandCounts }> {
  const stop = startCountingCommands();
  const started = process.hrtime.bigint();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const counts = stop();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return { ms, counts };
}

export async function measureScaling(
  uri: string,
  baseEmployees: number,
  runs: number,
  log: (line: string) => void,
): Promise<ScalingRow[]> {
  const rows: ScalingRow[] = [];
  const today = DateTime.utc().toISODate() ?? '';
  for (const factor of [1, 2, 4]) {
    const employees = baseEmployees * factor;
    await connectDatabase(uri, {
      ...BENCH_CONNECTION,
      dbName: `bench_scale_${factor}x`,
      monitorCommands: true,
    });
    await mongoose.connection.dropDatabase();
    await ensureIndexes();
    const seeded = await seedCompany({ employees, today, punchDays: 0 }); // these endpoints read daily records, not punches
    log(
      `scaling ${factor}x: seeded ${employees} employees (${seeded.counts.attendanceDays} days) in ${seeded.seconds.toFixed(1)} s`,
    );
    const admin = await createUser({
      email: `scale-admin-${factor}@example.com`,
      password: 'Bench-Admin-2026!',
      role: 'admin',
    });
    const token = signAccessToken({ id: admin.id, role: 'admin', sessionVersion: 0 }).token;
    const server = buildApp().app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const [endpoint, path] of endpoints(today)) {
      for (let i = 0; i < 5; i++) await timedCall(base + path, token); // warm-up: JIT and caches
      const calls = [];
      for (let i = 0; i < runs; i++) calls.push(await timedCall(base + path, token));
      const time = summarize(calls.map((c) => c.ms));
      const last = calls[calls.length - 1]?.counts ?? {};
      rows.push({
        endpoint,
        factor,
        employees,
        calls: runs,
        medianMs: time.median,
        minMs: time.min,
        spreadPct: time.spreadPct,
        queries: queriesIn(last),
        getMores: last.getMore ?? 0,
      });
    }
    await new Promise((resolve) => server.close(resolve));
    await mongoose.connection.dropDatabase();
    await disconnectDatabase();
  }
  return rows;
}

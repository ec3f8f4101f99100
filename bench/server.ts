import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import mongoose from 'mongoose';
import { buildApp } from '../src/app';
import { connectDatabase, disconnectDatabase } from '../src/db/connection';
import { findEmployeeProfile } from '../src/modules/employees';
import { startStaleDaysWorker } from '../src/modules/attendance';
import { getBalances } from '../src/modules/leave/balances.service';
import { BENCH_CONNECTION } from './database';

/**
 * Started by bench/run.ts as a child process: the real app on one port and, on another, a bare
 * Express app that runs the same reads on the same connection pool with nothing around them (no
 * authentication, validation, logging, metrics or audit). Reports its ports over IPC.
 */
function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** Aggregations the API sent while capturing, by label: the bare side replays them with the driver. */
const captured = new Map<string, Array<{ collection: string; pipeline: Document[] }>>();
type Document = Record<string, unknown>;

/**
 * On 'capture:<label>' / 'capture:stop': the aggregate commands this process sends in between are
 * kept under the label (a report request's pipelines, exactly as the service built them).
 */
function answerCaptureRequests(): void {
  const client = mongoose.connection.getClient();
  let label: string | undefined;
  const onStarted = (event: { commandName: string; command: Record<string, unknown> }) => {
    if (!label || event.commandName !== 'aggregate') return;
    const list = captured.get(label) ?? [];
    list.push({
      collection: String(event.command.aggregate),
      pipeline: event.command.pipeline as Document[],
    });
    captured.set(label, list);
  };
  process.on('message', (message) => {
    if (typeof message !== 'string') return;
    if (message.startsWith('capture:') && message !== 'capture:stop') {
      label = message.slice('capture:'.length);
      captured.set(label, []);
      client.on('commandStarted', onStarted);
    } else if (message === 'capture:stop') {
      client.off('commandStarted', onStarted);
      process.send?.({ captured: captured.get(label ?? '')?.length ?? 0 });
      label = undefined;
    }
  });
}

function bareApp(): express.Express {
  const bare = express();
  // The same aggregations a report request ran, straight through the driver, nothing around them.
  bare.get('/replay/:label', async (req, res) => {
    const db = mongoose.connection.db;
    const commands = captured.get(req.params.label) ?? [];
    if (!db || commands.length === 0) {
      res.status(404).end();
      return;
    }
    let rows = 0;
    for (const c of commands)
      rows += (await db.collection(c.collection).aggregate(c.pipeline).toArray()).length;
    res.json({ rows });
  });
  bare.get('/employees/:id', async (req, res) => {
    res.json(await findEmployeeProfile(req.params.id));
  });
  bare.get('/leave-balances', async (req, res) => {
    const year = Number(req.query.year);
    const employeeId = typeof req.query.employeeId === 'string' ? req.query.employeeId : '';
    res.json(await getBalances({ role: 'admin' }, employeeId, year));
  });
  return bare;
}

/**
 * On 'timing:start' / 'timing:stop' from the parent: the database commands this process sent in
 * between, with their count and total time by command name (where the ingest time goes).
 */
function answerTimingRequests(): void {
  const client = mongoose.connection.getClient();
  let totals: Record<string, { count: number; ms: number }> = {};
  // "find punches", "update attendancedays": the command and the collection it ran on.
  const labels = new Map<number, string>();
  const onStarted = (event: { requestId: number; commandName: string; command: Record<string, unknown> }) => {
    const target = event.command[event.commandName];
    labels.set(event.requestId, `${event.commandName} ${typeof target === 'string' ? target : ''}`.trim());
  };
  const onSucceeded = (event: { requestId: number; commandName: string; duration: number }) => {
    const label = labels.get(event.requestId) ?? event.commandName;
    labels.delete(event.requestId);
    const entry = (totals[label] ??= { count: 0, ms: 0 });
    entry.count++;
    entry.ms += event.duration;
  };
  process.on('message', (message) => {
    if (message === 'timing:start') {
      totals = {};
      client.on('commandStarted', onStarted);
      client.on('commandSucceeded', onSucceeded);
    } else if (message === 'timing:stop') {
      client.off('commandStarted', onStarted);
      client.off('commandSucceeded', onSucceeded);
      process.send?.({ timing: totals });
    }
  });
}

/**
 * On 'rss:start' / 'rss:stop': this process's resident memory when asked to start and its peak
 * until asked to stop (sampled every 20 ms), for the streamed-export figure.
 */
function answerMemoryRequests(): void {
  const mb = () => process.memoryUsage.rss() / 2 ** 20;
  let timer: NodeJS.Timeout | undefined;
  let start = 0;
  let peak = 0;
  process.on('message', (message) => {
    if (message === 'rss:start') {
      // Garbage of earlier work (another report, the bare side's replays) is not this work's memory.
      global.gc?.();
      start = mb();
      peak = start;
      timer = setInterval(() => (peak = Math.max(peak, mb())), 20);
      // The collection above pauses this process: the parent starts timing only after this answer.
      process.send?.({ rssStarted: true });
    } else if (message === 'rss:stop') {
      clearInterval(timer);
      peak = Math.max(peak, mb());
      process.send?.({ rss: { startMb: start, peakMb: peak } });
    }
  });
}

async function main(): Promise<void> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is required');
  await connectDatabase(uri, {
    ...BENCH_CONNECTION,
    dbName: process.env.BENCH_DB ?? 'bench',
    monitorCommands: true,
  });
  // Mongoose builds each model's indexes once connected; wait, so those commands are not counted as requests'.
  await Promise.all(mongoose.modelNames().map((name) => mongoose.model(name).init()));
  answerTimingRequests();
  answerMemoryRequests();
  answerCaptureRequests();
  // The stale-days worker, as an instance with JOBS_ENABLED runs it (the scheduler stays off here).
  const staleMs = Number(process.env.BENCH_STALE_DAYS_MS ?? 0);
  const worker = staleMs > 0 ? startStaleDaysWorker(staleMs) : undefined;
  const api = await listen(buildApp().app);
  const bare = await listen(bareApp());
  const port = (s: Server) => (s.address() as AddressInfo).port;
  process.send?.({ apiPort: port(api), barePort: port(bare) });
  // A normal exit, so that --cpu-prof writes its profile.
  process.once('SIGTERM', () => {
    api.close();
    bare.close();
    // The worker's pass finishes first: closing the connection under it would abort its commands.
    void Promise.resolve(worker?.stop())
      .then(() => disconnectDatabase())
      .finally(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

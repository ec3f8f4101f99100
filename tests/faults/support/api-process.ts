import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { setConfigForTests } from '../../../src/config';
import { testDatabaseUri } from '../../support/database';

const ROOT = path.resolve(__dirname, '../../..');

export interface ApiProcess {
  url: string;
  pid: number;
  /** Everything the process wrote (JSON log lines). */
  output: string[];
  /** SIGKILL: no shutdown hook runs, exactly like a crashed container. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the graceful exit. */
  stop(): Promise<number | null>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `condition` every `everyMs` until it holds; fails after `timeoutMs` (a hang, not a slow run). */
export async function waitFor<T>(
  what: string,
  condition: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 120_000, everyMs = 25 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * Production refuses the development JWT secret (it is published in this repository), so the child
 * processes and this test process's factories share a random one of their own.
 */
const FAULT_TEST_SECRET = randomBytes(32).toString('hex');
setConfigForTests({ JWT_SECRET: FAULT_TEST_SECRET });
const sharedSecret = (): string => FAULT_TEST_SECRET;

/**
 * Starts the real server (src/server.ts, production mode) as a child process on this test file's
 * database, and resolves once /ready answers 200. Tokens made by the test factories are valid in it
 * (same JWT secret). Jobs and the email pump run when `JOBS_ENABLED` is 'true'.
 */
export async function startApi(
  env: Record<string, string> = {},
  options: { databaseUri?: string } = {},
): Promise<ApiProcess> {
  const port = await freePort();
  const base = (options.databaseUri ?? testDatabaseUri()).replace(/\/$/, '');
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/server.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      MONGODB_URI: `${base}/${mongoose.connection.name}`,
      JWT_SECRET: sharedSecret(),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      BCRYPT_COST: '10',
      JOBS_ENABLED: 'false',
      LEASE_SECONDS: '3',
      JOBS_TICK_SECONDS: '1',
      OUTBOX_PUMP_SECONDS: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor('the API to become ready', async () => {
      if (child.exitCode !== null) throw new Error(`API exited early:\n${output.join('\n')}`);
      const res = await fetch(`${url}/ready`).catch(() => undefined);
      return res?.status === 200;
    });
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    url,
    pid: child.pid ?? 0,
    output,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      child.kill('SIGTERM');
      return exited(child);
    },
  };
}

/** A JSON request to a child API; never throws for HTTP statuses, only for a dead connection. */
export async function call(
  api: ApiProcess,
  method: string,
  urlPath: string,
  options: {
    auth?: Record<string, string>;
    headers?: Record<string, string>;
    body?: unknown;
    timeoutMs?: number;
  } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(`${api.url}${urlPath}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.auth,
      ...options.headers,
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (e.g. text/plain)
  }
  return { status: res.status, body, headers: res.headers };
}

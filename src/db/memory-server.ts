import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningDatabase } from './types';

/**
 * mongodb-memory-server runs a real mongod, downloading it on first use. Offline that download
 * fails after several retries, so a failure is remembered for a day: later runs skip straight
 * to the stand-in instead of paying the retries again.
 */
const CACHE_DIR = path.resolve(__dirname, '..', '..', 'node_modules', '.cache', 'attendance-db');
const FAILURE_MARKER = path.join(CACHE_DIR, 'memory-server-unavailable.json');
const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;

interface FailureRecord {
  failedAt: string;
  reason: string;
}

/** The reason a recent attempt failed, when it is recent enough to skip trying again. */
export function recentMemoryServerFailure(now = Date.now()): FailureRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(FAILURE_MARKER, 'utf8')) as FailureRecord;
    return now - Date.parse(record.failedAt) < FAILURE_MEMORY_MS ? record : undefined;
  } catch {
    return undefined;
  }
}

function rememberFailure(reason: string): void {
  mkdirSync(CACHE_DIR, { recursive: true });
  const record: FailureRecord = { failedAt: new Date().toISOString(), reason };
  writeFileSync(FAILURE_MARKER, JSON.stringify(record));
}

export const MEMORY_SERVER_MARKER = FAILURE_MARKER;

export async function startMemoryServer(): Promise<RunningDatabase> {
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  try {
    const server = await MongoMemoryServer.create();
    rmSync(FAILURE_MARKER, { force: true });
    return {
      uri: server.getUri(),
      backend: 'memory-server',
      async stop() {
        await server.stop();
      },
    };
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'unknown error';
    rememberFailure(reason);
    throw new Error(reason, { cause: err });
  }
}

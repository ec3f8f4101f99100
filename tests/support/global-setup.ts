import { rmSync } from 'node:fs';
import path from 'node:path';
import { resolveDatabase } from '../../src/db/resolver';
import type { RunningDatabase } from '../../src/db/types';

declare global {
  var __TEST_DATABASE__: RunningDatabase | undefined;
}

/** One server for the whole run; each test file then works in a database of its own on it. */
export default async function globalSetup(): Promise<void> {
  // Each test file appends how many responses it checked against the OpenAPI document.
  rmSync(path.resolve(__dirname, '../../test-results/openapi-responses.log'), { force: true });
  process.env.NODE_ENV = 'test';
  const backend = process.env.DB_BACKEND;
  const db = await resolveDatabase({
    uri: process.env.MONGODB_URI,
    backend: backend === 'uri' || backend === 'memory-server' || backend === 'standin' ? backend : 'auto',
    log: (message) => process.stderr.write(`\n${message}\n`),
  });
  globalThis.__TEST_DATABASE__ = db;
  process.env.TEST_MONGODB_URI = db.uri;
  process.env.TEST_DATABASE_BACKEND = db.backend;
}

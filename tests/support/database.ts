import { randomBytes } from 'node:crypto';
import path from 'node:path';
import mongoose from 'mongoose';
import { connectDatabase, disconnectDatabase, ensureIndexes } from '../../src/db/connection';

export function testDatabaseUri(): string {
  const uri = process.env.TEST_MONGODB_URI;
  if (!uri)
    throw new Error('TEST_MONGODB_URI is not set: run tests through jest (globalSetup starts the database)');
  return uri;
}

/** A database name of this test file's own, so files run in parallel on one server. */
function databaseNameFor(testPath: string): string {
  const base = path
    .basename(testPath)
    .replace(/\.test\.ts$/, '')
    .replace(/[^A-Za-z0-9_]/g, '_');
  return `t_${base.slice(0, 40)}_${randomBytes(4).toString('hex')}`;
}

/** Connects Mongoose to a fresh database before the file's tests and drops it afterwards. */
export function useTestDatabase(options: { monitorCommands?: boolean } = {}): void {
  beforeAll(async () => {
    await connectDatabase(testDatabaseUri(), {
      dbName: databaseNameFor(expect.getState().testPath ?? 'unknown'),
      ...options,
    });
    await ensureIndexes();
  });
  afterAll(async () => {
    if (mongoose.connection.readyState === mongoose.ConnectionStates.connected) {
      await mongoose.connection.dropDatabase();
    }
    await disconnectDatabase();
  });
}

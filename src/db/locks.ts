import { isDuplicateKeyError } from './duplicate-key';
import { ConflictError } from '../lib/errors';
import { logger } from '../lib/logger';
import type { Lease } from './lease';
import { insertLeased, takeLease } from './lease';
import { Lock } from './lock.model';

export const LOCK_MS = 10_000;
/** Locks expire on the wall clock, like the TTL index that sweeps them; tests pinning lib/clock do not move it. */
const wallClock = () => new Date();

/**
 * Runs `fn` while holding the named lock: a leased document whose unique _id lets one writer in;
 * anyone else gets 409 and may retry. The lease is renewed while `fn` runs, so a slow holder keeps
 * it, and a lock left by a crashed instance is taken over once its lease has expired. Release
 * deletes the lock only while it is still ours.
 */
export async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const lease = await acquire(name);
  if (!lease) throw new ConflictError('Another change to the same record is in progress; retry shortly');
  const stopRenewing = lease.keepAlive((err) =>
    logger.warn(`Lock ${name}: renewal failed`, { error: String(err) }),
  );
  try {
    return await fn();
  } finally {
    stopRenewing();
    await lease.release();
  }
}

async function acquire(name: string): Promise<Lease | undefined> {
  try {
    return await insertLeased(Lock.collection, { _id: name }, LOCK_MS, { clock: wallClock });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
  return (await takeLease(Lock.collection, { _id: name }, LOCK_MS, { clock: wallClock }))?.lease;
}

import mongoose from 'mongoose';
import { isDuplicateKeyError } from './duplicate-key';
import { ConflictError } from '../lib/errors';
import { Lock } from './lock.model';

const LOCK_MS = 10_000;

/**
 * Runs `fn` while holding the named lock: a document whose unique _id lets one writer in; anyone
 * else gets 409 and may retry. A lock left by a crashed instance is taken over once it has expired.
 */
export async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const _id = name;
  const expiresAt = new Date(Date.now() + LOCK_MS);
  try {
    await Lock.create({ _id, expiresAt });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const stale = await Lock.findOneAndUpdate(
      { _id, expiresAt: mongoose.trusted({ $lt: new Date() }) },
      { $set: { expiresAt } },
    );
    if (!stale) throw new ConflictError('Another change to the same record is in progress; retry shortly');
  }
  try {
    return await fn();
  } finally {
    await Lock.deleteOne({ _id });
  }
}

import mongoose from 'mongoose';
import { ConflictError } from '../../http/errors';
import { EmployeeLeaveLock } from './employee-lock.model';

const LOCK_MS = 10_000;

/**
 * Runs `fn` while holding the employee's leave lock: a document whose unique _id lets one writer
 * in. A lock left by a crashed instance is taken over once it has expired.
 */
export async function withEmployeeLeaveLock<T>(employeeId: string, fn: () => Promise<T>): Promise<T> {
  const _id = `leave:${employeeId}`;
  const expiresAt = new Date(Date.now() + LOCK_MS);
  try {
    await EmployeeLeaveLock.create({ _id, expiresAt });
  } catch (err) {
    if ((err as { code?: unknown }).code !== 11000) throw err;
    const stale = await EmployeeLeaveLock.findOneAndUpdate(
      { _id, expiresAt: mongoose.trusted({ $lt: new Date() }) },
      { $set: { expiresAt } },
    );
    if (!stale)
      throw new ConflictError('Another leave change for this employee is in progress; retry shortly');
  }
  try {
    return await fn();
  } finally {
    await EmployeeLeaveLock.deleteOne({ _id });
  }
}

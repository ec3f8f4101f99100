import { withLock } from '../../src/db/locks';
import { Lock } from '../../src/db/lock.model';
import { ConflictError } from '../../src/lib/errors';
import { useTestDatabase } from '../support/database';

useTestDatabase();

describe('named locks', () => {
  it('when a lock is held then a second writer gets a conflict, and after release it is free', async () => {
    let inner: unknown;
    await withLock('leave:a', async () => {
      inner = await withLock('leave:a', () => Promise.resolve('second')).catch((err: unknown) => err);
    });
    expect(inner).toBeInstanceOf(ConflictError);
    expect(await Lock.countDocuments({ _id: 'leave:a' })).toBe(0);
    await expect(withLock('leave:a', () => Promise.resolve('again'))).resolves.toBe('again');
  });

  it('when the holder died then its lock is taken over once its lease expired, and only while live it blocks', async () => {
    await Lock.create({ _id: 'leave:b', owner: 'dead#1', leaseUntil: new Date(Date.now() + 60_000) });
    await expect(withLock('leave:b', () => Promise.resolve(1))).rejects.toBeInstanceOf(ConflictError);
    await Lock.updateOne({ _id: 'leave:b' }, { $set: { leaseUntil: new Date(Date.now() - 1) } });
    await expect(withLock('leave:b', () => Promise.resolve(2))).resolves.toBe(2);
  });

  it('when a lock was taken over from a stalled holder then the stalled holder does not delete it', async () => {
    let taken = false;
    await withLock('leave:c', async () => {
      // Another instance takes the lock over (as after this one's lease lapsed).
      await Lock.updateOne({ _id: 'leave:c' }, { $set: { owner: 'other#1' } });
      taken = true;
    });
    expect(taken).toBe(true);
    expect(await Lock.findById('leave:c').lean()).toMatchObject({ owner: 'other#1' });
  });
});

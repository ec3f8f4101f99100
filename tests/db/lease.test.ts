import mongoose from 'mongoose';
import { insertLeased, takeLease } from '../../src/db/lease';
import { setClockForTests } from '../../src/lib/clock';
import { useTestDatabase } from '../support/database';

useTestDatabase();
afterAll(() => setClockForTests(undefined));

const T0 = Date.parse('2026-11-23T10:00:00Z');
const at = (ms: number) => setClockForTests(new Date(T0 + ms));
const items = () => mongoose.connection.collection('lease_items');

describe('leases', () => {
  it('when a lease is held then nobody else takes it until it expires, and then the next instance does', async () => {
    at(0);
    const first = await insertLeased(items(), { name: 'a' }, 60_000, { owner: 'one' });
    at(59_000);
    expect(await takeLease(items(), { name: 'a' }, 60_000, { owner: 'two' })).toBeUndefined();
    at(60_001);
    const second = await takeLease(items(), { name: 'a' }, 60_000, { owner: 'two' });
    expect(second?.lease.owner).toMatch(/^two#/);
    // The first holder learns it lost the lease and writes nothing over the new holder.
    expect(await first.renew()).toBe(false);
    expect(await first.finish({ outcome: 'first' })).toBe(false);
    expect(await second!.lease.finish({ outcome: 'second' })).toBe(true);
    expect(await items().findOne({ name: 'a' })).toMatchObject({ outcome: 'second' });
  });

  it('when the holder renews then its lease outlives the original expiry', async () => {
    at(0);
    const lease = await insertLeased(items(), { name: 'b' }, 60_000, { owner: 'one' });
    at(50_000);
    expect(await lease.renew()).toBe(true);
    at(100_000);
    expect(await takeLease(items(), { name: 'b' }, 60_000, { owner: 'two' })).toBeUndefined();
    at(110_001);
    expect(await takeLease(items(), { name: 'b' }, 60_000, { owner: 'two' })).toBeDefined();
  });

  it('when a lease is finished then it is free at once and keeps its last holder', async () => {
    at(0);
    const lease = await insertLeased(items(), { name: 'c' }, 60_000, { owner: 'one' });
    expect(await lease.finish({ step: 1 })).toBe(true);
    const doc = await items().findOne({ name: 'c' });
    expect(doc).toMatchObject({ step: 1, owner: lease.owner });
    expect(doc?.leaseUntil).toBeUndefined();
    expect(await lease.renew()).toBe(false);
    expect(await takeLease(items(), { name: 'c' }, 60_000, { owner: 'two' })).toBeDefined();
  });

  it('when many instances race for one free lease then exactly one gets it', async () => {
    at(0);
    await items().insertOne({ name: 'd' });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => takeLease(items(), { name: 'd' }, 60_000, { owner: `i${i}` })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

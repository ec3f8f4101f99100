import mongoose, { Schema } from 'mongoose';
import { INSERT_CHUNK } from '../../src/db/duplicate-key';
import { insertWithCommand } from '../../src/db/insert-command';
import { useTestDatabase } from '../support/database';
import { startCountingCommands } from '../../src/db/command-monitor';

useTestDatabase({ monitorCommands: true });

const Keyed = mongoose.model(
  'InsertCommandProbe',
  new Schema({ key: { type: String, required: true, unique: true }, n: Number }),
);

const docsFor = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => ({ key: `k${from + i}`, n: from + i }));

describe('insertWithCommand', () => {
  beforeAll(() => Keyed.init());

  it('when some documents already exist then it stores the others and returns the positions of the skipped ones, across chunks', async () => {
    // Existing keys on both sides of the first chunk boundary and in the last chunk.
    const existing = [3, INSERT_CHUNK - 1, INSERT_CHUNK, INSERT_CHUNK + 7, 2 * INSERT_CHUNK + 40];
    await Keyed.insertMany(existing.map((i) => ({ key: `k${i}`, n: -1 })));
    const docs = docsFor(0, 2 * INSERT_CHUNK + 50);
    const stopCounting = startCountingCommands();
    const skipped = await insertWithCommand(Keyed.collection, docs);
    expect(stopCounting().insert).toBe(3);
    expect(skipped).toEqual(existing);
    expect(await Keyed.countDocuments({})).toBe(docs.length);
    // The skipped documents were left as they were, not overwritten.
    expect(await Keyed.countDocuments({ n: -1 })).toBe(existing.length);
    expect((await Keyed.findOne({ key: 'k4' }).lean())?.n).toBe(4);
  });

  it('when the same documents are sent again then every position comes back and nothing is stored twice', async () => {
    const docs = docsFor(10_000, 10_020);
    const before = await Keyed.countDocuments({});
    expect(await insertWithCommand(Keyed.collection, docs)).toEqual([]);
    expect(await insertWithCommand(Keyed.collection, docs)).toEqual(docs.map((_, i) => i));
    expect(await Keyed.countDocuments({})).toBe(before + 20);
  });

  it('when a document is refused for another reason than a duplicate key then the error is thrown', async () => {
    await expect(
      insertWithCommand(Keyed.collection, [
        { key: 'fine', n: 1 },
        { _id: [1, 2], key: 'array id' },
      ]),
    ).rejects.toThrow(/insert into insertcommandprobes/);
    // Unordered: the acceptable document is stored even so.
    expect(await Keyed.countDocuments({ key: 'fine' })).toBe(1);
  });
});

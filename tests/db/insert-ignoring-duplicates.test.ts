import mongoose, { Schema } from 'mongoose';
import { INSERT_CHUNK, insertIgnoringDuplicates } from '../../src/db/duplicate-key';
import { useTestDatabase } from '../support/database';

useTestDatabase();

const Keyed = mongoose.model(
  'InsertIgnoringDuplicatesProbe',
  new Schema({ key: { type: String, required: true, unique: true }, n: Number }),
);

const docsFor = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => ({ key: `k${from + i}`, n: from + i }));

describe('insertIgnoringDuplicates', () => {
  beforeAll(() => Keyed.init());

  it('when most documents of a large insert already exist then it stores the new ones, counts them and sends bounded chunks', async () => {
    await Keyed.insertMany(docsFor(0, 1_200));
    const sizes: number[] = [];
    const inserted = await insertIgnoringDuplicates(docsFor(0, 2_500), (chunk) => {
      sizes.push(chunk.length);
      return Keyed.insertMany(chunk, { ordered: false });
    });
    expect(inserted).toBe(1_300);
    expect(await Keyed.countDocuments({})).toBe(2_500);
    // Each chunk stays within the bound that keeps the driver's duplicate matching linear.
    expect(Math.max(...sizes)).toBeLessThanOrEqual(INSERT_CHUNK);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(2_500);
    // Replayed whole: nothing new, nothing thrown.
    await expect(
      insertIgnoringDuplicates(docsFor(0, 2_500), (chunk) => Keyed.insertMany(chunk, { ordered: false })),
    ).resolves.toBe(0);
  });

  it('when a chunk fails for another reason than a duplicate key then the error is thrown', async () => {
    await expect(
      insertIgnoringDuplicates([{ key: 'fine', n: 1 }, { n: 2 }], (chunk) =>
        Keyed.insertMany(chunk, { ordered: false, throwOnValidationError: true }),
      ),
    ).rejects.toThrow(/validation/i);
  });
});

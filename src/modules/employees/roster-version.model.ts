import type { Schema } from 'mongoose';
import { Schema as MongooseSchema, model } from 'mongoose';

/**
 * One document whose `version` moves on after every write to employees. Ingest's roster cache
 * (roster-cache.service.ts) keeps what it read about the people who punch only while the version
 * it read before is still the current one, so a change made on one instance reaches every
 * instance's next batch.
 */
const rosterVersionSchema = new MongooseSchema(
  { _id: { type: String, required: true }, version: { type: Number, required: true } },
  { versionKey: false },
);

export const RosterVersion = model('RosterVersion', rosterVersionSchema);

const EMPLOYEES = 'employees';

export async function currentRosterVersion(): Promise<number> {
  const row = await RosterVersion.findById(EMPLOYEES).lean();
  return row?.version ?? 0;
}

/** What every write to employees does after it (and the bench before each ingest run: a cold roster). */
export async function advanceRosterVersion(): Promise<void> {
  await RosterVersion.updateOne({ _id: EMPLOYEES }, { $inc: { version: 1 } }, { upsert: true });
}

/** Query writes Mongoose runs middleware for; the document and model writes are added below. */
const QUERY_WRITES = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'replaceOne',
  'findOneAndReplace',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
] as const;

/**
 * Moves the roster version on after each write through the model (after, not before: a reader
 * that sees the new version then reads the written document). A write that failed runs no post
 * hook and changed nothing.
 */
export function trackRosterWrites(schema: Schema): void {
  for (const operation of QUERY_WRITES) schema.post(operation, advanceRosterVersion);
  schema.post('save', advanceRosterVersion);
  schema.post('insertMany', advanceRosterVersion);
  schema.post('bulkWrite', advanceRosterVersion);
}

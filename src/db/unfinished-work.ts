import type { Collection, Schema, mongo } from 'mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';
import { logger } from '../lib/logger';
import type { Actor } from '../lib/request-context';
import { currentContext, runWithContext } from '../lib/request-context';

/**
 * Work a command still owes after its change is written: ledger entries, its audit entry, the events
 * integrations and notifications hear. Without multi-document transactions the change and a marker
 * of what remains are written in ONE single-document update; the command then finishes the work and
 * removes the marker. If the process dies in between, a sweeper finishes the work from the marker.
 * Every step of a finisher is idempotent (unique keys), so finishing twice is harmless; and a
 * marker exists only on a document whose change was written, so nothing is finished for a change
 * that did not happen.
 */
export interface UnfinishedWork {
  id: string;
  /** The audit action of the command, e.g. `leave_request.approve`. */
  action: string;
  at: Date;
  actor: Actor;
  /** What the finisher needs that the document does not hold (a comment, the status before). */
  data?: Record<string, unknown>;
}

/** What the sweeper passes a finisher: the document as stored, without Mongoose defaults. */
export type StoredDocument = mongo.Document;
type Finisher = (doc: StoredDocument, work: UnfinishedWork) => Promise<void>;

/** Any Mongoose model (only its name and collection are used). */
export interface TrackedModel {
  modelName: string;
  collection: Collection;
}

/** How the sweeper sees a tracked collection: documents that may hold markers. */
interface WorkHolder {
  _id: mongo.ObjectId;
  unfinishedWork?: UnfinishedWork[];
}

interface Registered {
  collection: mongo.Collection<WorkHolder>;
  finishers: Map<string, Finisher>;
}

const FIELD = 'unfinishedWork';
const registry = new Map<string, Registered>();

/** Adds the marker field and the index the sweeper reads to a schema whose commands owe work. */
export function trackUnfinishedWork(schema: Schema): void {
  const work = new MongooseSchema(
    {
      id: { type: String, required: true },
      action: { type: String, required: true },
      at: { type: Date, required: true },
      actor: { type: MongooseSchema.Types.Mixed, required: true },
      data: { type: MongooseSchema.Types.Mixed },
    },
    { _id: false },
  );
  schema.add({ [FIELD]: { type: [work], default: undefined } });
  // Sparse: only documents with work outstanding (a few, for seconds) are in it.
  schema.index({ [`${FIELD}.at`]: 1 }, { sparse: true });
}

/** A marker for `action`, made by whoever the current request or job acts as. */
export function newWork(action: string, data?: Record<string, unknown>): UnfinishedWork {
  const actor: Actor = currentContext()?.actor ?? { kind: 'anonymous' };
  return { id: new Types.ObjectId().toHexString(), action, at: new Date(), actor, ...(data ? { data } : {}) };
}

/** The command's update plus the marker, so both are written together or not at all. */
export function withWork<U extends object>(
  update: U,
  work: UnfinishedWork,
): U & { $push: Record<string, unknown> } {
  // Keeps the command's own $push (a history entry) next to the marker.
  const own: unknown = '$push' in update ? update.$push : undefined;
  return { ...update, $push: { ...(own && typeof own === 'object' ? own : {}), [FIELD]: work } };
}

/** A new document's fields plus the marker (a create owes its work like an update does). */
export function createdWithWork<T extends object>(fields: T, work: UnfinishedWork): T {
  return { ...fields, unfinishedWork: [work] };
}

/** Names how to finish one action on one model; the same function serves the command and the sweeper. */
export function registerFinisher(
  model: TrackedModel,
  action: string,
  finish: (doc: StoredDocument, work: UnfinishedWork) => Promise<void>,
): void {
  const entry = registry.get(model.modelName) ?? { collection: holders(model), finishers: new Map() };
  entry.finishers.set(action, finish);
  registry.set(model.modelName, entry);
}

/** The command is done with its work: the marker goes (other markers on the document stay). */
export async function markFinished(
  model: TrackedModel,
  id: mongo.ObjectId,
  work: UnfinishedWork,
): Promise<void> {
  await holders(model).updateOne({ _id: id }, { $pull: { unfinishedWork: { id: work.id } } });
}

/** The model's collection, seen through the one field this file reads and writes. */
function holders(model: TrackedModel): mongo.Collection<WorkHolder> {
  return model.collection as unknown as mongo.Collection<WorkHolder>;
}

/**
 * A batch finished its work (an import): each marker goes from its document, in one bulk write of
 * updates by `_id`. Not one `updateMany` with an `$in` of every work id: matching a long `$in`
 * list costs a comparison per element and document on the stand-in, while `_id` is a key lookup.
 */
export async function markAllFinished(
  model: TrackedModel,
  finished: Array<{ id: mongo.ObjectId; work: UnfinishedWork }>,
): Promise<void> {
  if (finished.length === 0) return;
  await holders(model).bulkWrite(
    finished.map(({ id, work }) => ({
      updateOne: { filter: { _id: id }, update: { $pull: { unfinishedWork: { id: work.id } } } },
    })),
    { ordered: false },
  );
}

/** Runs the registered finisher of `work` on the document, then removes the marker. */
export async function finishWork(
  model: TrackedModel,
  doc: StoredDocument,
  work: UnfinishedWork,
): Promise<void> {
  const finish = registry.get(model.modelName)?.finishers.get(work.action);
  if (!finish) throw new Error(`No finisher for ${model.modelName} ${work.action}`);
  await finish(doc, work);
  await markFinished(model, doc._id as mongo.ObjectId, work);
}

async function finishLeftOver(entry: Registered, doc: WorkHolder, work: UnfinishedWork): Promise<boolean> {
  const finish = entry.finishers.get(work.action);
  if (!finish) return false;
  try {
    // As the actor who made the change, so the recovered audit entry names them.
    await runWithContext({ requestId: `recovered:${work.id}`, actor: work.actor }, () => finish(doc, work));
    await entry.collection.updateOne({ _id: doc._id }, { $pull: { unfinishedWork: { id: work.id } } });
    logger.warn(
      `Finished ${work.action} left unfinished on ${String(doc._id)} since ${work.at.toISOString()}`,
    );
    return true;
  } catch (err) {
    logger.error(`Could not finish ${work.action} on ${String(doc._id)}; the next sweep tries again`, {
      err,
    });
    return false;
  }
}

/**
 * Finishes work left by commands whose process died (or failed) after their change: markers older
 * than `olderThanMs`, so a command still running finishes its own. Returns how many it finished.
 */
export async function sweepUnfinishedWork(olderThanMs: number, limit = 200): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanMs);
  let finished = 0;
  for (const entry of registry.values()) {
    const docs = await entry.collection
      .find({ [`${FIELD}.at`]: { $lte: cutoff } })
      .limit(limit)
      .toArray();
    for (const doc of docs) {
      for (const work of (doc.unfinishedWork ?? []).filter((w) => w.at <= cutoff)) {
        if (await finishLeftOver(entry, doc, work)) finished += 1;
      }
    }
  }
  return finished;
}

/** How many markers are older than `before` (the invariant checker warns: no instance sweeps). */
export async function countUnfinishedWork(before: Date): Promise<number> {
  let total = 0;
  for (const entry of registry.values())
    total += await entry.collection.countDocuments({ [`${FIELD}.at`]: { $lt: before } });
  return total;
}

let stopping = false;
let running: Promise<unknown> = Promise.resolve();

/** Sweeps every `intervalMs` (and once at start) for work older than the same interval. */
export function startUnfinishedWorkSweeper(intervalMs: number): { stop(): Promise<void> } {
  stopping = false;
  const sweep = () => {
    if (stopping) return;
    running = running
      .then(() => sweepUnfinishedWork(intervalMs))
      .catch((err: unknown) => logger.error('Sweeping unfinished work failed', { err }));
  };
  setImmediate(sweep);
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopping = true;
      clearInterval(timer);
      await running;
    },
  };
}

import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { mongo } from 'mongoose';
import { now } from '../lib/clock';

type Collection = mongo.Collection;
type Document = mongo.Document;
type Filter<T> = mongo.Filter<T>;

/** This process, as named in lease documents (`owner`): host, pid and a per-start nonce. */
export const INSTANCE_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

let leasesTaken = 0;
/** Each lease gets an owner token of its own, so a takeover (even by this process) changes it. */
function ownerToken(instance: string): string {
  leasesTaken += 1;
  return `${instance}#${leasesTaken}`;
}

/**
 * A lease is the right to work on one document until `leaseUntil`: whoever holds it renews it while
 * the work goes on; when its holder dies the lease runs out and another instance takes it over.
 * Every write of the holder is conditional on `{owner, leaseUntil}` still being its own, so a holder
 * that stalled past its expiry learns it lost the lease instead of overwriting the new holder.
 * Time comes from lib/clock, so tests move it instead of sleeping.
 */
export class Lease {
  private until: Date;
  private lostIt = false;
  private ended = false;
  /** Renewals, finish and release run one after another, never interleaved. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly collection: Collection,
    readonly id: unknown,
    readonly owner: string,
    private readonly ms: number,
    until: Date,
    private readonly clock: () => Date = now,
  ) {
    this.until = until;
  }

  get leaseUntil(): Date {
    return this.until;
  }

  /** True once a renewal found the document leased to someone else (or gone). */
  get lost(): boolean {
    return this.lostIt;
  }

  private mine(): Filter<Document> {
    return { _id: this.id, owner: this.owner } as Filter<Document>;
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Extends the lease by its length from now; false when it was taken over (or ended) meanwhile. */
  renew(): Promise<boolean> {
    return this.serial(async () => {
      if (this.lostIt || this.ended) return false;
      const until = new Date(this.clock().getTime() + this.ms);
      const result = await this.collection.updateOne(this.mine(), { $set: { leaseUntil: until } });
      if (result.matchedCount === 1) this.until = until;
      else this.lostIt = true;
      return !this.lostIt;
    });
  }

  /** Deletes the leased document if it is still ours (named locks). */
  release(): Promise<boolean> {
    return this.serial(async () => {
      if (this.lostIt || this.ended) return false;
      this.ended = true;
      const result = await this.collection.deleteOne(this.mine());
      return result.deletedCount === 1;
    });
  }

  /**
   * Ends the lease with a final write (`$set` of the outcome; `owner` stays, naming the last holder);
   * false when the lease was lost, in which case nothing is written: the new holder decides.
   */
  finish(set: Document = {}, unsetOthers: Document = {}, inc?: Document): Promise<boolean> {
    return this.serial(async () => {
      if (this.lostIt || this.ended) return false;
      this.ended = true;
      const result = await this.collection.updateOne(this.mine(), {
        $set: set,
        $unset: { leaseUntil: '', ...unsetOthers },
        ...(inc ? { $inc: inc } : {}),
      });
      if (result.matchedCount !== 1) this.lostIt = true;
      return !this.lostIt;
    });
  }

  /** Renews every third of the lease length until the returned function is called. */
  keepAlive(onError: (err: unknown) => void): () => void {
    const timer = setInterval(
      () => {
        this.renew().catch(onError);
      },
      Math.max(1, Math.floor(this.ms / 3)),
    );
    timer.unref();
    return () => clearInterval(timer);
  }
}

export interface LeaseOptions {
  /** The instance taking the lease (default: this process). */
  owner?: string;
  /** Lease times come from lib/clock unless given (locks use the wall clock: a TTL index sweeps them). */
  clock?: () => Date;
}

/** A document is free when nobody leases it or its lease has run out. */
export function leaseIsFree(at: Date): Filter<Document> {
  return { $or: [{ leaseUntil: null }, { leaseUntil: { $lte: at } }] };
}

/**
 * Takes the lease of the first document matching `filter` that is free, in `sort` order, and applies
 * `extra` in the same write (e.g. `$inc: {attempts: 1}`). Undefined when none is free.
 */
export async function takeLease(
  collection: Collection,
  filter: Document,
  ms: number,
  options: LeaseOptions & { sort?: Record<string, 1 | -1>; inc?: Record<string, number> } = {},
): Promise<{ lease: Lease; doc: Document } | undefined> {
  const clock = options.clock ?? now;
  const at = clock();
  const owner = ownerToken(options.owner ?? INSTANCE_ID);
  const until = new Date(at.getTime() + ms);
  const doc = await collection.findOneAndUpdate(
    { $and: [filter, leaseIsFree(at)] },
    { $set: { owner, leaseUntil: until }, ...(options.inc ? { $inc: options.inc } : {}) },
    { returnDocument: 'after', ...(options.sort ? { sort: options.sort } : {}) },
  );
  if (!doc) return undefined;
  return { lease: new Lease(collection, doc._id, owner, ms, until, clock), doc };
}

/** Inserts `doc` already leased to this instance (the first holder of a new document). */
export async function insertLeased(
  collection: Collection,
  doc: Document,
  ms: number,
  options: LeaseOptions = {},
): Promise<Lease> {
  const clock = options.clock ?? now;
  const owner = ownerToken(options.owner ?? INSTANCE_ID);
  const until = new Date(clock().getTime() + ms);
  const result = await collection.insertOne({ ...doc, owner, leaseUntil: until });
  return new Lease(collection, result.insertedId, owner, ms, until, clock);
}

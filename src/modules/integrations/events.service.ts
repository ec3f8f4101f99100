import mongoose, { Types } from 'mongoose';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import type { IntegrationEventRecord } from './integration-event.model';
import { IntegrationEvent } from './integration-event.model';
import type { EventType, IntegrationEventDto } from './integrations.schemas';

export interface NewIntegrationEvent {
  /** Names the change once: a second write with the same key is a no-op. */
  key: string;
  type: EventType;
  occurredAt: Date;
  data: Record<string, unknown>;
}

type StoredEvent = IntegrationEventRecord & { _id: Types.ObjectId };

const MAX_SEQUENCE_TRIES = 200;
const listeners: Array<() => void> = [];

/** Called after each new event (the delivery worker looks sooner than its next poll). */
export function onEventRecorded(listener: () => void): void {
  listeners.push(listener);
}

/** Plain JSON (dates as ISO strings), so the feed, the webhook body and the record agree. */
function asJson(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

/** The highest sequence number this process saw stored: a hint, checked before each use. */
let lastSeen = 0;

async function highestStoredSequence(): Promise<number> {
  const last = await IntegrationEvent.findOne({}, { seq: 1 }).sort({ seq: -1 }).lean<StoredEvent>();
  return (lastSeen = last?.seq ?? 0);
}

/**
 * The highest stored number plus one. The remembered one is used while it is still stored (an
 * equality read on the unique index) instead of sorting for the highest on every event, which the
 * stand-in does by sorting the whole collection; if another instance wrote the next one meanwhile,
 * the insert collides and the caller asks again with `fresh`.
 */
async function nextSequence(fresh = false): Promise<number> {
  if (fresh || lastSeen === 0 || !(await IntegrationEvent.exists({ seq: lastSeen }))) {
    return (await highestStoredSequence()) + 1;
  }
  return lastSeen + 1;
}

/**
 * Writes the event unless its key is stored already. The sequence number is the highest stored one
 * plus one; two writers racing for it collide on the unique index and the loser takes the next one,
 * so numbers are dense and number n+1 is never visible before n (the feed never skips one).
 * Returns whether this call wrote it.
 */
export async function recordIntegrationEvent(event: NewIntegrationEvent): Promise<boolean> {
  if (await IntegrationEvent.exists({ key: event.key })) return false;
  const doc = { ...event, _id: new Types.ObjectId(), data: asJson(event.data) };
  for (let attempt = 0; attempt < MAX_SEQUENCE_TRIES; attempt++) {
    try {
      const seq = await nextSequence(attempt > 0);
      await IntegrationEvent.collection.insertOne({ ...doc, seq });
      lastSeen = Math.max(lastSeen, seq);
      for (const listener of listeners) listener();
      return true;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      if (await IntegrationEvent.exists({ key: event.key })) return false;
    }
  }
  throw new Error(`No sequence number for integration event ${event.key} after ${MAX_SEQUENCE_TRIES} tries`);
}

export function toEventDto(doc: StoredEvent): IntegrationEventDto {
  return {
    id: doc._id.toHexString(),
    type: doc.type as EventType,
    occurredAt: doc.occurredAt.toISOString(),
    data: doc.data as Record<string, unknown>,
  };
}

/** Events after the cursor, oldest first; `next` is the cursor to ask with next time. */
export async function listEvents(
  after: number,
  limit: number,
): Promise<{ data: IntegrationEventDto[]; next: string }> {
  const docs = await readEventsAfter(after, limit);
  const last = docs.at(-1);
  return { data: docs.map(toEventDto), next: String(last ? last.seq : after) };
}

export async function readEventsAfter(after: number, limit: number): Promise<StoredEvent[]> {
  return IntegrationEvent.find({ seq: mongoose.trusted({ $gt: after }) })
    .sort({ seq: 1 })
    .limit(limit)
    .lean<StoredEvent[]>();
}

/** The newest sequence number (0 without events): where a new webhook starts. */
export async function latestSequence(): Promise<number> {
  return highestStoredSequence();
}

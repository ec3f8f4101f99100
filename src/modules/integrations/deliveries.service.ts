import { performance } from 'node:perf_hooks';
import { Types } from 'mongoose';
import { getConfig } from '../../config';
import { insertIgnoringDuplicates } from '../../db/duplicate-key';
import type { Lease } from '../../db/lease';
import { takeLease } from '../../db/lease';
import { now } from '../../lib/clock';
import { logger } from '../../lib/logger';
import { Delivery } from './delivery.model';
import { readEventsAfter } from './events.service';
import type { IntegrationEventRecord } from './integration-event.model';
import { IntegrationEvent } from './integration-event.model';
import { signedHeaders } from './signature';
import { refusalOf } from './url-guard';
import type { WebhookRecord } from './webhook.model';
import { Webhook } from './webhook.model';

/** Turning events into deliveries, and one attempt of one delivery. */

const FAN_OUT_PAGE = 200;
const MAX_DELAY_MS = 3 * 3600 * 1000;

type StoredWebhook = WebhookRecord & { _id: Types.ObjectId };
type StoredEvent = IntegrationEventRecord & { _id: Types.ObjectId };

/** base, 2x, 4x ... at most 3 h, each drawn at random from its upper half (jitter). */
export function retryDelayMs(attempts: number, baseMs: number, random = Math.random()): number {
  const delay = Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(delay / 2 + (delay / 2) * random);
}

/**
 * Adds a delivery per endpoint for each event after its cursor that it subscribed to, then moves the
 * cursor. Idempotent (one delivery per webhook and event, a unique index), so instances may race.
 */
export async function fanOut(): Promise<number> {
  let added = 0;
  for (const webhook of await Webhook.find().lean<StoredWebhook[]>()) {
    let cursor = webhook.cursor;
    for (;;) {
      const events = await readEventsAfter(cursor, FAN_OUT_PAGE);
      const last = events.at(-1);
      if (!last) break;
      const wanted = events.filter((e) => webhook.events.includes(e.type));
      const at = now();
      if (wanted.length > 0)
        await insertIgnoringDuplicates(
          wanted.map((e) => ({
            webhookId: webhook._id,
            eventId: e._id,
            eventSeq: e.seq,
            eventType: e.type,
            nextAttemptAt: at,
          })),
          (chunk) => Delivery.insertMany(chunk, { ordered: false }),
        );
      added += wanted.length;
      const moved = await Webhook.updateOne({ _id: webhook._id, cursor }, { $set: { cursor: last.seq } });
      if (moved.matchedCount === 0) break;
      cursor = last.seq;
      if (events.length < FAN_OUT_PAGE) break;
    }
  }
  return added;
}

export interface ClaimedDelivery {
  lease: Lease;
  id: Types.ObjectId;
  webhookId: string;
  attempts: number;
  firstAttemptAt: Date | undefined;
  eventId: Types.ObjectId;
}

/**
 * Leases the next due delivery, skipping endpoints that already have as many in flight here as they
 * may. The lease outlasts one attempt (its timeout), so no other instance sends it meanwhile.
 */
export async function claimNextDelivery(busyWebhooks: string[]): Promise<ClaimedDelivery | undefined> {
  const config = getConfig();
  const taken = await takeLease(
    Delivery.collection,
    {
      status: 'pending',
      nextAttemptAt: { $lte: now() },
      ...(busyWebhooks.length
        ? { webhookId: { $nin: busyWebhooks.map((id) => new Types.ObjectId(id)) } }
        : {}),
    },
    config.WEBHOOK_TIMEOUT_MS + config.LEASE_SECONDS * 1000,
    { sort: { nextAttemptAt: 1 }, inc: { attempts: 1 } },
  );
  if (!taken) return undefined;
  const doc = taken.doc as {
    webhookId: Types.ObjectId;
    attempts: number;
    firstAttemptAt?: Date;
    eventId: Types.ObjectId;
  };
  return {
    lease: taken.lease,
    id: taken.lease.id as Types.ObjectId,
    webhookId: doc.webhookId.toHexString(),
    attempts: doc.attempts,
    firstAttemptAt: doc.firstAttemptAt,
    eventId: doc.eventId,
  };
}

interface Outcome {
  ok: boolean;
  responseCode?: number;
  error?: string;
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<Outcome> {
  const refusal = getConfig().WEBHOOK_ALLOW_PRIVATE ? undefined : await refusalOf(url);
  if (refusal) return { ok: false, error: `url ${refusal}` };
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(getConfig().WEBHOOK_TIMEOUT_MS),
    });
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, responseCode: response.status, ...(ok ? {} : { error: `HTTP ${response.status}` }) };
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    const error = name === 'TimeoutError' ? 'timed out' : err instanceof Error ? err.message : String(err);
    return { ok: false, error };
  }
}

/** The body integrators receive: Standard Webhooks' `{type, timestamp, data}` plus the event id. */
export function deliveryBody(event: StoredEvent): string {
  return JSON.stringify({
    id: event._id.toHexString(),
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    data: event.data as unknown,
  });
}

/**
 * One attempt: POST the signed event, record the attempt, then either done, retried later (backoff
 * with jitter) or, once the retry window is over, failed. Every write is conditional on still
 * holding the lease; the endpoint or event having gone away ends the delivery.
 */
export async function attemptDelivery(claimed: ClaimedDelivery): Promise<void> {
  const config = getConfig();
  const mine = { _id: claimed.id, owner: claimed.lease.owner };
  const [webhook, event] = await Promise.all([
    Webhook.findById(claimed.webhookId).lean<StoredWebhook>(),
    IntegrationEvent.findById(claimed.eventId).lean<StoredEvent>(),
  ]);
  if (!webhook || !event) {
    await Delivery.collection.deleteOne(mine);
    return;
  }
  const at = now();
  const body = deliveryBody(event);
  const started = performance.now();
  const outcome = await post(
    webhook.url,
    signedHeaders(webhook.secret, claimed.id.toHexString(), body, at),
    body,
  );
  const durationMs = Math.round(performance.now() - started);
  const entry = {
    attempt: claimed.attempts,
    at,
    outcome: outcome.ok ? 'succeeded' : 'failed',
    durationMs,
    ...(outcome.responseCode ? { responseCode: outcome.responseCode } : {}),
    ...(outcome.error ? { error: outcome.error.slice(0, 500) } : {}),
  };
  const first = claimed.firstAttemptAt ?? at;
  const finished = now();
  const windowOver = finished.getTime() - first.getTime() >= config.WEBHOOK_RETRY_HOURS * 3600 * 1000;
  const next = outcome.ok
    ? { status: 'delivered', deliveredAt: finished }
    : windowOver
      ? { status: 'failed' }
      : {
          nextAttemptAt: new Date(
            finished.getTime() + retryDelayMs(claimed.attempts, config.WEBHOOK_RETRY_BASE_MS),
          ),
        };
  const result = await Delivery.updateOne(mine, {
    $set: { ...next, firstAttemptAt: first },
    $unset: { leaseUntil: '' },
    $push: { log: entry },
  });
  if (result.matchedCount === 0)
    logger.warn('Webhook delivery lease was lost during an attempt', {
      deliveryId: claimed.id.toHexString(),
    });
  if (!outcome.ok)
    logger.info(`Webhook delivery ${claimed.id.toHexString()} failed (attempt ${claimed.attempts})`, {
      error: outcome.error,
    });
}

import mongoose, { Types } from 'mongoose';
import { getConfig } from '../../config';
import { BusinessRuleError, ConflictError, NotFoundError } from '../../lib/errors';
import { now } from '../../lib/clock';
import { recordAudit } from '../audit';
import type { DeliveryRecord } from './delivery.model';
import { Delivery } from './delivery.model';
import { latestSequence } from './events.service';
import type {
  CreateWebhookInput,
  CreatedWebhookDto,
  DeliveryDto,
  EventType,
  WebhookDto,
} from './integrations.schemas';
import { newSecret } from './signature';
import { refusalOf } from './url-guard';
import type { WebhookRecord } from './webhook.model';
import { Webhook } from './webhook.model';

/** Registering, listing and removing endpoints; their deliveries and redelivery by hand. */

type StoredWebhook = WebhookRecord & { _id: Types.ObjectId; createdAt: Date };
type StoredDelivery = DeliveryRecord & { _id: Types.ObjectId; createdAt: Date };

/** Refuses URLs that reach inside the network, unless WEBHOOK_ALLOW_PRIVATE says otherwise. */
export async function assertUrlAllowed(url: string): Promise<void> {
  if (getConfig().WEBHOOK_ALLOW_PRIVATE) return;
  const refusal = await refusalOf(url);
  if (refusal)
    throw new BusinessRuleError(`url ${refusal}`, { errors: [{ field: 'url', message: refusal }] });
}

function toWebhookDto(doc: StoredWebhook): WebhookDto {
  return {
    id: doc._id.toHexString(),
    url: doc.url,
    events: doc.events as EventType[],
    ...(doc.description ? { description: doc.description } : {}),
    createdAt: doc.createdAt.toISOString(),
  };
}

/** A new endpoint hears the events recorded from now on (its cursor starts at the newest one). */
export async function createWebhook(input: CreateWebhookInput): Promise<CreatedWebhookDto> {
  await assertUrlAllowed(input.url);
  const secret = newSecret();
  const created = await Webhook.create({
    url: input.url,
    events: input.events,
    description: input.description,
    secret,
    cursor: await latestSequence(),
  });
  const dto = toWebhookDto(created.toObject<StoredWebhook>());
  await recordAudit({ action: 'webhook.create', entityType: 'Webhook', entityId: dto.id, after: dto });
  return { ...dto, secret };
}

export async function listWebhooks(): Promise<{ data: WebhookDto[] }> {
  const docs = await Webhook.find().sort({ _id: 1 }).lean<StoredWebhook[]>();
  return { data: docs.map(toWebhookDto) };
}

async function findWebhook(id: string): Promise<StoredWebhook> {
  const doc = await Webhook.findById(id).lean<StoredWebhook>();
  if (!doc) throw new NotFoundError('Webhook not found');
  return doc;
}

/** Removes the endpoint; its pending deliveries go with it (an attempt in flight finishes unrecorded). */
export async function deleteWebhook(id: string): Promise<void> {
  const doc = await findWebhook(id);
  await Webhook.deleteOne({ _id: doc._id });
  await Delivery.deleteMany({ webhookId: doc._id });
  await recordAudit({
    action: 'webhook.delete',
    entityType: 'Webhook',
    entityId: id,
    before: toWebhookDto(doc),
  });
}

export function toDeliveryDto(doc: StoredDelivery): DeliveryDto {
  return {
    id: doc._id.toHexString(),
    eventId: doc.eventId.toHexString(),
    eventType: doc.eventType as EventType,
    status: doc.status,
    attempts: doc.log.map((a) => ({
      attempt: a.attempt,
      at: a.at.toISOString(),
      outcome: a.outcome,
      ...(a.responseCode ? { responseCode: a.responseCode } : {}),
      durationMs: a.durationMs,
      ...(a.error ? { error: a.error } : {}),
    })),
    ...(doc.status === 'pending' ? { nextAttemptAt: doc.nextAttemptAt.toISOString() } : {}),
    createdAt: doc.createdAt.toISOString(),
  };
}

/** The endpoint's latest deliveries, newest first. */
export async function listDeliveries(webhookId: string, limit = 100): Promise<{ data: DeliveryDto[] }> {
  const webhook = await findWebhook(webhookId);
  const docs = await Delivery.find({ webhookId: webhook._id })
    .sort({ _id: -1 })
    .limit(limit)
    .lean<StoredDelivery[]>();
  return { data: docs.map(toDeliveryDto) };
}

/**
 * Sends a delivery again soon, with the same `webhook-id` (receivers de-duplicate by it): a failed
 * one gets a fresh retry window, a delivered one is sent once more. One in flight: 409.
 */
export async function redeliver(webhookId: string, deliveryId: string): Promise<DeliveryDto> {
  const webhook = await findWebhook(webhookId);
  const at = now();
  const updated = await Delivery.findOneAndUpdate(
    {
      _id: new Types.ObjectId(deliveryId),
      webhookId: webhook._id,
      $or: [{ leaseUntil: null }, { leaseUntil: mongoose.trusted({ $lte: at }) }],
    },
    { $set: { status: 'pending', nextAttemptAt: at, firstAttemptAt: at } },
    { returnDocument: 'after' },
  ).lean<StoredDelivery>();
  if (!updated) {
    if (await Delivery.exists({ _id: new Types.ObjectId(deliveryId), webhookId: webhook._id }))
      throw new ConflictError('The delivery is being attempted right now');
    throw new NotFoundError('Delivery not found');
  }
  await recordAudit({
    action: 'webhook.redeliver',
    entityType: 'Webhook',
    entityId: webhookId,
    metadata: { deliveryId },
  });
  return toDeliveryDto(updated);
}

import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';

/**
 * One event for one endpoint: unique per (webhook, event), so fanning out twice adds nothing, and
 * its `_id` is the `webhook-id` header of every attempt. A worker leases it (owner, leaseUntil)
 * for the length of one attempt; `log` keeps every attempt.
 */
const attemptSchema = new Schema(
  {
    attempt: { type: Number, required: true },
    at: { type: Date, required: true },
    outcome: { type: String, enum: ['succeeded', 'failed'], required: true },
    responseCode: { type: Number },
    durationMs: { type: Number, required: true },
    error: { type: String },
  },
  { _id: false },
);

const deliverySchema = new Schema(
  {
    webhookId: { type: Schema.Types.ObjectId, required: true },
    eventId: { type: Schema.Types.ObjectId, required: true },
    eventSeq: { type: Number, required: true },
    eventType: { type: String, required: true },
    status: { type: String, enum: ['pending', 'delivered', 'failed'], required: true, default: 'pending' },
    attempts: { type: Number, required: true, default: 0 },
    firstAttemptAt: { type: Date },
    nextAttemptAt: { type: Date, required: true },
    log: { type: [attemptSchema], default: [] },
    owner: { type: String },
    leaseUntil: { type: Date },
    deliveredAt: { type: Date },
  },
  { versionKey: false, timestamps: { createdAt: true, updatedAt: false } },
);

deliverySchema.index({ webhookId: 1, eventId: 1 }, { unique: true });
deliverySchema.index({ status: 1, nextAttemptAt: 1 });
deliverySchema.index({ webhookId: 1, _id: -1 });

export type DeliveryRecord = InferSchemaType<typeof deliverySchema>;

export const Delivery = model('WebhookDelivery', deliverySchema);

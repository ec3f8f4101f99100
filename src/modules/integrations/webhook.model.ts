import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';

/**
 * A registered endpoint. `secret` signs its deliveries (shown to the admin once, kept to sign);
 * `cursor` is the last event sequence number already turned into deliveries for it.
 */
const webhookSchema = new Schema(
  {
    url: { type: String, required: true },
    events: { type: [String], required: true },
    description: { type: String },
    secret: { type: String, required: true },
    cursor: { type: Number, required: true, default: 0 },
    owner: { type: String },
    leaseUntil: { type: Date },
  },
  { versionKey: false, timestamps: true },
);

export type WebhookRecord = InferSchemaType<typeof webhookSchema>;

export const Webhook = model('Webhook', webhookSchema);

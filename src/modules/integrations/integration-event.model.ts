import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';

/**
 * The integrations outbox: one record per change integrations see. `key` names the change (e.g.
 * `leave.approved:<requestId>`), so writing it again is a no-op; `seq` is the feed's cursor, taken as
 * the highest stored one plus one and made unique, so number n+1 can only exist once n does.
 */
const integrationEventSchema = new Schema(
  {
    key: { type: String, required: true },
    seq: { type: Number, required: true },
    type: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    data: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false, minimize: false },
);

integrationEventSchema.index({ key: 1 }, { unique: true });
integrationEventSchema.index({ seq: 1 }, { unique: true });

export type IntegrationEventRecord = InferSchemaType<typeof integrationEventSchema>;

export const IntegrationEvent = model('IntegrationEvent', integrationEventSchema);

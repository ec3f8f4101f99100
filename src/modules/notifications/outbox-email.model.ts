import { Schema, model } from 'mongoose';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;

/**
 * Emails waiting to be sent. Requests only add rows (unique key per event and recipient, so an
 * event never mails twice); a pump outside the request sends them, retrying with backoff.
 */
const outboxEmailSchema = new Schema(
  {
    key: { type: String, required: true },
    to: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    status: { type: String, enum: OUTBOX_STATUSES, required: true, default: 'pending' },
    attempts: { type: Number, required: true, default: 0 },
    nextAttemptAt: { type: Date, required: true, default: () => new Date() },
    lastError: { type: String },
    sentAt: { type: Date },
  },
  { timestamps: true, versionKey: false },
);

outboxEmailSchema.index({ key: 1 }, { unique: true });
outboxEmailSchema.index({ status: 1, nextAttemptAt: 1 });

export const OutboxEmail = model('OutboxEmail', outboxEmailSchema);

import { Schema, model } from 'mongoose';
import { tryGetConfig } from '../../config';
import { now } from '../../lib/clock';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;

/** An iCalendar invitation sent with the email (stored, so every attempt sends the same one). */
const calendarPartSchema = new Schema(
  {
    method: { type: String, required: true },
    filename: { type: String, required: true },
    content: { type: String, required: true },
  },
  { _id: false },
);

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
    calendar: { type: calendarPartSchema, required: false },
    status: { type: String, enum: OUTBOX_STATUSES, required: true, default: 'pending' },
    attempts: { type: Number, required: true, default: 0 },
    nextAttemptAt: { type: Date, required: true, default: () => now() },
    /** While being sent: the instance holding the email's lease and until when (db/lease.ts). */
    owner: { type: String },
    leaseUntil: { type: Date },
    lastError: { type: String },
    sentAt: { type: Date },
    /** SMTP acceptances recorded; more than 1 means a resend after a crash (the invariant checker reports it). */
    sendCount: { type: Number },
  },
  { timestamps: true, versionKey: false },
);

outboxEmailSchema.index({ key: 1 }, { unique: true });
outboxEmailSchema.index({ status: 1, nextAttemptAt: 1 });
// Operator view: failed and pending emails, newest first.
outboxEmailSchema.index({ status: 1, createdAt: -1 });
// Sent mails are deleted OUTBOX_RETENTION_DAYS after sending (only sent ones have `sentAt`).
outboxEmailSchema.index(
  { sentAt: 1 },
  { expireAfterSeconds: (tryGetConfig()?.OUTBOX_RETENTION_DAYS ?? 30) * 86_400, name: 'outbox_retention' },
);

export const OutboxEmail = model('OutboxEmail', outboxEmailSchema);

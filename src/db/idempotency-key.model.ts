import { Schema, model } from 'mongoose';

/**
 * One `Idempotency-Key` a caller sent with a creating POST: which request it stood for (a hash of
 * method, path and body), whether that request is still being served, and the answer to replay.
 * The `_id` is a hash of the caller and the key, so two instances racing on one key meet on the
 * unique `_id`; a TTL index forgets keys once they expire.
 */
const idempotencyKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    fingerprint: { type: String, required: true },
    state: { type: String, enum: ['in_flight', 'done'], required: true },
    /** While `in_flight`: the request owns the key until then; a crashed instance's claim lapses. */
    leasedUntil: { type: Date, required: true },
    response: {
      status: Number,
      location: String,
      body: Schema.Types.Mixed,
    },
    /** IDEMPOTENCY_KEY_HOURS after the first request; MongoDB's TTL monitor removes the key then. */
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);

idempotencyKeySchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const IdempotencyKey = model('IdempotencyKey', idempotencyKeySchema);

import { Schema, model } from 'mongoose';

/**
 * Short-lived named locks (`leave:<employeeId>`, `punch:<employeeId>`): a check-then-write that
 * must not interleave with another holds one, so no multi-document transaction is needed.
 * Each is a lease (db/lease.ts): `owner` holds it until `leaseUntil`, renewing while it works.
 */
const lockSchema = new Schema(
  {
    _id: { type: String, required: true },
    owner: { type: String },
    leaseUntil: { type: Date },
  },
  { versionKey: false },
);

// A lock whose holder died is taken over when its lease expires and swept a minute later.
lockSchema.index({ leaseUntil: 1 }, { expireAfterSeconds: 60 });

export const Lock = model('Lock', lockSchema);

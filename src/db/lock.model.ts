import { Schema, model } from 'mongoose';

/**
 * Short-lived named locks (`leave:<employeeId>`, `punch:<employeeId>`): a check-then-write that
 * must not interleave with another holds one, so no multi-document transaction is needed.
 */
const employeeLockSchema = new Schema(
  {
    _id: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);

employeeLockSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 60 });

export const Lock = model('Lock', employeeLockSchema);

import { Schema, model } from 'mongoose';

/**
 * One short-lived lock per employee while a leave request is checked and written, so two
 * concurrent submissions cannot both pass the overlap and balance checks (no transactions needed).
 */
const employeeLockSchema = new Schema(
  {
    _id: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);

employeeLockSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 60 });

export const EmployeeLeaveLock = model('EmployeeLeaveLock', employeeLockSchema);

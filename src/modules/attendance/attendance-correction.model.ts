import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';
import { CORRECTION_STATUSES } from './attendance-exceptions.schemas';

/**
 * An employee's request to correct their own day (a forgotten punch, a punch on the wrong day).
 * Decided once by their manager or an admin: the decision is a conditional update on `status`.
 * An approved correction becomes manual punches placed by the one day rule.
 */
const attendanceCorrectionSchema = new Schema(
  {
    employeeId: { type: Schema.Types.ObjectId, ref: 'Employee', required: true },
    date: { type: String, required: true },
    checkIn: { type: Date },
    checkOut: { type: Date },
    reason: { type: String, required: true, trim: true },
    status: { type: String, enum: CORRECTION_STATUSES, required: true, default: 'pending' },
    requestedBy: { type: String, required: true },
    decidedBy: { type: String },
    decidedAt: { type: Date },
    comment: { type: String, trim: true },
  },
  { timestamps: true, versionKey: false },
);

attendanceCorrectionSchema.index({ employeeId: 1, status: 1, createdAt: -1 });
attendanceCorrectionSchema.index({ status: 1, createdAt: -1 });

export type AttendanceCorrectionRecord = InferSchemaType<typeof attendanceCorrectionSchema>;
export const AttendanceCorrection = model('AttendanceCorrection', attendanceCorrectionSchema);

import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';
import { EXCEPTION_KINDS } from './punch-pairing';

export const EXCEPTION_STATUSES = ['open', 'resolved'] as const;

/**
 * Something in an employee's attendance a manager should look at. Raised by ingest, check-in/out,
 * corrections and the close-day job; `key` (employee, day, kind, the punch or event it is about)
 * is unique, so raising the same finding again changes nothing.
 */
const attendanceExceptionSchema = new Schema(
  {
    key: { type: String, required: true },
    /** Absent only for a refused device push that named nobody known. */
    employeeId: { type: Schema.Types.ObjectId, ref: 'Employee' },
    date: { type: String, required: true },
    kind: { type: String, enum: EXCEPTION_KINDS, required: true },
    detail: { type: String, required: true },
    punchId: { type: Schema.Types.ObjectId, ref: 'Punch' },
    deviceId: { type: Schema.Types.ObjectId, ref: 'Device' },
    status: { type: String, enum: EXCEPTION_STATUSES, required: true, default: 'open' },
    resolvedBy: { type: String },
    resolvedAt: { type: Date },
    resolution: { type: String, trim: true },
  },
  { timestamps: true, versionKey: false },
);

attendanceExceptionSchema.index({ key: 1 }, { unique: true });
attendanceExceptionSchema.index({ date: 1, employeeId: 1 });
attendanceExceptionSchema.index({ employeeId: 1, date: 1 });

export type AttendanceExceptionRecord = InferSchemaType<typeof attendanceExceptionSchema>;
export const AttendanceException = model('AttendanceException', attendanceExceptionSchema);

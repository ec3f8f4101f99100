import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';

export const DAY_STATUSES = [
  'present',
  'absent',
  'on_leave',
  'half_day_leave',
  'holiday',
  'weekend',
] as const;
export type DayStatus = (typeof DAY_STATUSES)[number];

/** One record per employee and working day, recomputed from punches, leave and holidays. */
const attendanceDaySchema = new Schema(
  {
    employeeId: { type: Schema.Types.ObjectId, ref: 'Employee', required: true },
    date: { type: String, required: true },
    status: { type: String, enum: DAY_STATUSES, required: true },
    firstIn: { type: Date },
    lastOut: { type: Date },
    workedMinutes: { type: Number, required: true, default: 0 },
    late: { type: Boolean, required: true, default: false },
    lateMinutes: { type: Number, required: true, default: 0 },
    earlyLeave: { type: Boolean, required: true, default: false },
    overtimeMinutes: { type: Number, required: true, default: 0 },
    missingCheckOut: { type: Boolean, required: true, default: false },
    punchCount: { type: Number, required: true, default: 0 },
    /** Stored at write time so reports group without date operators the stand-in lacks. */
    month: { type: String, required: true },
  },
  { timestamps: true, versionKey: false },
);

attendanceDaySchema.index({ employeeId: 1, date: 1 }, { unique: true });
attendanceDaySchema.index({ date: 1, status: 1 });
// The list's order (date, then employee): a page is read from the index instead of sorting every match.
attendanceDaySchema.index({ date: 1, employeeId: 1 });
attendanceDaySchema.index({ month: 1, employeeId: 1 });

export type AttendanceDayRecord = InferSchemaType<typeof attendanceDaySchema>;
export const AttendanceDay = model('AttendanceDay', attendanceDaySchema);

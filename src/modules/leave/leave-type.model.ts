import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';

export const LEAVE_UNITS = ['working_day', 'calendar_day'] as const;
export const ACCRUAL_KINDS = ['none', 'yearly', 'monthly'] as const;
export type LeaveUnit = (typeof LEAVE_UNITS)[number];
export type AccrualKind = (typeof ACCRUAL_KINDS)[number];
export const APPROVER_KINDS = ['manager', 'department_head', 'admin'] as const;
export type ApproverKind = (typeof APPROVER_KINDS)[number];

const approvalStepSchema = new Schema(
  {
    approver: { type: String, enum: APPROVER_KINDS, required: true },
    /** The step applies only to requests counting at least this many days; absent: always. */
    minDays: { type: Number, min: 0, max: 366 },
  },
  { _id: false },
);

const leaveTypeSchema = new Schema(
  {
    code: { type: String, required: true, uppercase: true, trim: true },
    name: { type: String, required: true, trim: true },
    paid: { type: Boolean, required: true, default: true },
    unit: { type: String, enum: LEAVE_UNITS, required: true, default: 'working_day' },
    /** Days per leave year (calendar year). */
    annualEntitlement: { type: Number, required: true, min: 0, default: 0 },
    accrual: { type: String, enum: ACCRUAL_KINDS, required: true, default: 'yearly' },
    /** Most days that move into the next leave year; 0 means none. */
    carryOverMax: { type: Number, required: true, min: 0, default: 0 },
    /** Carried-over days not used within this many months of the new year lapse; absent: never. */
    carryOverExpiryMonths: { type: Number, min: 1, max: 12 },
    allowNegative: { type: Boolean, required: true, default: false },
    requiresApproval: { type: Boolean, required: true, default: true },
    /** Who approves, in order; absent or empty: one step, the employee's manager. */
    approvalSteps: { type: [approvalStepSchema], default: undefined },
    allowHalfDay: { type: Boolean, required: true, default: true },
    /** Requests must start at least this many days after today (the employee's today). */
    noticeDays: { type: Number, min: 0, max: 365 },
    maxConsecutiveDays: { type: Number, min: 0.5, max: 366 },
    /** Requests longer than this many days need a supporting document before approval; absent: never. */
    attachmentRequiredAfterDays: { type: Number, min: 0, max: 366 },
    active: { type: Boolean, required: true, default: true },
  },
  { timestamps: true, versionKey: false },
);

leaveTypeSchema.index({ code: 1 }, { unique: true });
leaveTypeSchema.index({ active: 1 });

export type LeaveTypeRecord = InferSchemaType<typeof leaveTypeSchema>;
export const LeaveType = model('LeaveType', leaveTypeSchema);

import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';
import { trackUnfinishedWork } from '../../db/unfinished-work';

export const PERIOD_STATUSES = ['open', 'closed'] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

/** One close or reopen, in order: who did it, when and (reopen) why. */
const periodEventSchema = new Schema(
  {
    action: { type: String, enum: ['close', 'reopen'], required: true },
    at: { type: Date, required: true },
    by: { type: String, required: true },
    reason: { type: String },
  },
  { _id: false },
);

/**
 * A payroll period: calendar dates `from`..`to` (inclusive). While `closed`, nothing that touches a
 * date inside it is written (see period-guard.service.ts). Periods never overlap one another; the
 * check-and-insert runs under the `payroll-periods` lock (no multi-document transactions).
 */
const payrollPeriodSchema = new Schema(
  {
    from: { type: String, required: true },
    to: { type: String, required: true },
    status: { type: String, enum: PERIOD_STATUSES, required: true, default: 'closed' },
    closedAt: { type: Date },
    closedBy: { type: String },
    reopenedAt: { type: Date },
    reopenedBy: { type: String },
    reopenReason: { type: String },
    history: { type: [periodEventSchema], default: [] },
  },
  { timestamps: true, versionKey: false },
);

// The guard asks "a closed period with from <= last date and to >= first date": status and from first.
// Create, close and reopen owe an audit entry after their write (periods.service.ts finishes it).
trackUnfinishedWork(payrollPeriodSchema);
payrollPeriodSchema.index({ status: 1, from: 1, to: 1 });
payrollPeriodSchema.index({ from: 1, to: 1 });

export type PayrollPeriodRecord = InferSchemaType<typeof payrollPeriodSchema>;
export const PayrollPeriod = model('PayrollPeriod', payrollPeriodSchema);

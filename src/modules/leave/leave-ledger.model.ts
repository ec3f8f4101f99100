import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';

/**
 * The balance ledger. Every change to a balance is one entry with a unique key derived from what
 * caused it (`usage:<requestId>:<year>`, `accrual:<employee>:<type>:2026-03`, ...), so a retried
 * request or a job run twice can never count twice. Balances are sums over entries.
 *
 * Signs: accrual, carry_over and release kinds add days; usage, hold and expiry subtract them;
 * adjustments carry their own sign.
 */
export const LEDGER_KINDS = [
  'accrual',
  'carry_over',
  'carry_over_expiry',
  'adjustment',
  'hold',
  'hold_release',
  'usage',
  'usage_release',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

const ledgerEntrySchema = new Schema(
  {
    key: { type: String, required: true },
    employeeId: { type: Schema.Types.ObjectId, ref: 'Employee', required: true },
    leaveTypeId: { type: Schema.Types.ObjectId, ref: 'LeaveType', required: true },
    year: { type: Number, required: true },
    kind: { type: String, enum: LEDGER_KINDS, required: true },
    days: { type: Number, required: true },
    requestId: { type: Schema.Types.ObjectId, ref: 'LeaveRequest' },
    reason: { type: String },
    createdBy: { type: String },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false },
);

ledgerEntrySchema.index({ key: 1 }, { unique: true });
ledgerEntrySchema.index({ employeeId: 1, year: 1, leaveTypeId: 1 });
ledgerEntrySchema.index({ year: 1, leaveTypeId: 1, kind: 1 });

export type LedgerEntryRecord = InferSchemaType<typeof ledgerEntrySchema>;
export const LedgerEntry = model('LeaveLedgerEntry', ledgerEntrySchema);

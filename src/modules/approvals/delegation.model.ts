import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';

/**
 * A manager's stand-in for a date range: during it the delegate sees and decides the manager's
 * approvals and gets their approval notifications. Revoking keeps the record (the audit trail and
 * decisions taken under it refer to it).
 */
const delegationSchema = new Schema(
  {
    delegatorUserId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    /** The delegator's employee record: approvals are routed to employees. */
    delegatorEmployeeId: { type: Schema.Types.ObjectId, ref: 'Employee', required: true },
    delegateUserId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    reason: { type: String, trim: true },
    createdBy: { type: String, required: true },
    revokedAt: { type: Date },
    revokedBy: { type: String },
  },
  { timestamps: true, versionKey: false },
);

// Who stands in for whom on a date: both directions are asked on every approval.
delegationSchema.index({ delegateUserId: 1, to: 1 });
delegationSchema.index({ delegatorEmployeeId: 1, to: 1 });
delegationSchema.index({ delegatorUserId: 1, to: 1 });

export type DelegationRecord = InferSchemaType<typeof delegationSchema>;
export const Delegation = model('Delegation', delegationSchema);

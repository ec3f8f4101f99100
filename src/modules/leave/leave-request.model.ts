import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';
import { amendmentEntrySchema, pendingAmendmentSchema } from './leave-amendment.model';
import { trackUnfinishedWork } from '../../db/unfinished-work';
import { APPROVER_KINDS } from './leave-type.model';

export const LEAVE_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];
/** Statuses that hold days and block overlapping requests. */
export const ACTIVE_LEAVE_STATUSES: LeaveStatus[] = ['pending', 'approved'];

const yearDays = new Schema(
  { year: { type: Number, required: true }, days: { type: Number, required: true } },
  { _id: false },
);

export const STEP_STATUSES = ['waiting', 'pending', 'approved', 'rejected', 'skipped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** One approval step of a request (see docs/approval-workflows.md). */
const approvalSchema = new Schema(
  {
    step: { type: Number, required: true },
    approver: { type: String, enum: APPROVER_KINDS, required: true },
    status: { type: String, enum: STEP_STATUSES, required: true },
    /** The employee asked to decide; absent on a started step: the admins. */
    assignedTo: { type: Schema.Types.ObjectId, ref: 'Employee' },
    /** Who would have been asked, had they not been away (on approved leave, without a delegate). */
    reroutedFrom: { type: Schema.Types.ObjectId, ref: 'Employee' },
    startedAt: { type: Date },
    /** The next level, asked too once the step waited APPROVAL_ESCALATION_DAYS working days. */
    escalatedTo: { type: Schema.Types.ObjectId, ref: 'Employee' },
    escalatedToAdmins: { type: Boolean },
    escalatedAt: { type: Date },
    decidedBy: { type: String },
    decidedAt: { type: Date },
    comment: { type: String, trim: true },
    /** The manager a delegate decided for. */
    onBehalfOf: { type: Schema.Types.ObjectId, ref: 'Employee' },
    /** An admin approved beyond the department's maxAbsent, for this reason. */
    coverageOverride: { type: String, trim: true },
  },
  { _id: false },
);

const leaveRequestSchema = new Schema(
  {
    employeeId: { type: Schema.Types.ObjectId, ref: 'Employee', required: true },
    leaveTypeId: { type: Schema.Types.ObjectId, ref: 'LeaveType', required: true },
    startDate: { type: String, required: true },
    endDate: { type: String, required: true },
    halfDayStart: { type: Boolean, default: false },
    halfDayEnd: { type: Boolean, default: false },
    days: { type: Number, required: true },
    /** A request across 31 December counts into both leave years. */
    daysByYear: [yearDays],
    reason: { type: String, trim: true },
    status: { type: String, enum: LEAVE_STATUSES, required: true, default: 'pending' },
    requestedBy: { type: String, required: true },
    decidedBy: { type: String },
    decidedAt: { type: Date },
    decisionComment: { type: String, trim: true },
    /** The approval steps, in order (absent on requests from before steps: one manager step). */
    approvals: { type: [approvalSchema], default: undefined },
    /** The step being decided while pending (1-based). */
    currentStep: { type: Number },
    cancelledBy: { type: String },
    cancelledAt: { type: Date },
    /** Recounts so far (absent: none); a recount updates only the revision it read. */
    countRevision: { type: Number },
    /** Each recount: the new and the previous count, why, and the status it was applied to. */
    dayCountHistory: [
      {
        _id: false,
        revision: { type: Number, required: true },
        days: { type: Number, required: true },
        daysByYear: [yearDays],
        previousDays: { type: Number, required: true },
        previousDaysByYear: [yearDays],
        reason: { type: String, required: true },
        status: { type: String, enum: LEAVE_STATUSES, required: true },
        at: { type: Date, required: true },
      },
    ],
    /** Edits and amendments so far (absent on older requests: 0); they update only the version they read. */
    version: { type: Number, default: 0 },
    /** Every edit of a pending request and amendment of an approved one, oldest first. */
    amendments: { type: [amendmentEntrySchema], default: undefined },
    /** An extension of an approved request waiting for a decision. */
    pendingAmendment: { type: pendingAmendmentSchema, default: undefined },
  },
  { timestamps: true, versionKey: false },
);

// Submit, decide and cancel owe ledger, audit and events after their write (leave-request-finishers.ts).
trackUnfinishedWork(leaveRequestSchema);
leaveRequestSchema.index({ employeeId: 1, status: 1, startDate: 1 });
leaveRequestSchema.index({ status: 1, startDate: 1, endDate: 1 });
leaveRequestSchema.index({ leaveTypeId: 1 });
// Requests waiting on an approver outside the employee's management line (department head, escalation).
leaveRequestSchema.index({ 'approvals.assignedTo': 1, status: 1 });
leaveRequestSchema.index({ 'approvals.escalatedTo': 1, status: 1 });
// The list's order (newest start first, read backwards): a page comes from the index, not a sort.
leaveRequestSchema.index({ startDate: 1, _id: 1 });

export type LeaveRequestRecord = InferSchemaType<typeof leaveRequestSchema>;
export const LeaveRequest = model('LeaveRequest', leaveRequestSchema);

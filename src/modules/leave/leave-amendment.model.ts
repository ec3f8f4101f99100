import { Schema } from 'mongoose';

/**
 * The stored parts of amendments (a pending request edited, an approved one amended), embedded in
 * the leave request: its history and the amendment waiting for a decision. No model of their own:
 * a request and its amendments change together, by one conditional update on the request's version.
 */

export const AMENDMENT_KINDS = ['edit', 'amend'] as const;
export const AMENDMENT_STATUSES = ['applied', 'pending', 'approved', 'rejected', 'withdrawn'] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

const yearDays = new Schema(
  { year: { type: Number, required: true }, days: { type: Number, required: true } },
  { _id: false },
);

/** What a request covered before or after an amendment. */
const coverage = new Schema(
  {
    leaveTypeId: { type: Schema.Types.ObjectId, ref: 'LeaveType', required: true },
    startDate: { type: String, required: true },
    endDate: { type: String, required: true },
    halfDayStart: { type: Boolean, required: true },
    halfDayEnd: { type: Boolean, required: true },
    days: { type: Number, required: true },
  },
  { _id: false },
);

/** One entry of a request's `amendments`, oldest first; only its status and decision change later. */
export const amendmentEntrySchema = new Schema(
  {
    kind: { type: String, enum: AMENDMENT_KINDS, required: true },
    from: { type: coverage, required: true },
    to: { type: coverage, required: true },
    reason: { type: String, required: true, trim: true },
    by: { type: String, required: true },
    at: { type: Date, required: true },
    status: { type: String, enum: AMENDMENT_STATUSES, required: true },
    decidedBy: { type: String },
    decidedAt: { type: Date },
    comment: { type: String, trim: true },
  },
  { _id: false },
);

/** An extension of an approved request waiting for an approver; the original stays approved meanwhile. */
export const pendingAmendmentSchema = new Schema(
  {
    /** Its entry in `amendments`. */
    index: { type: Number, required: true },
    startDate: { type: String, required: true },
    endDate: { type: String, required: true },
    halfDayStart: { type: Boolean, required: true },
    halfDayEnd: { type: Boolean, required: true },
    days: { type: Number, required: true },
    daysByYear: [yearDays],
    /** Days held per leave year while it waits (what it adds), released when it is decided or withdrawn. */
    held: [yearDays],
    /** The request's version when it was asked for: keys its ledger entries. */
    version: { type: Number, required: true },
    reason: { type: String, required: true, trim: true },
    requestedBy: { type: String, required: true },
    requestedAt: { type: Date, required: true },
  },
  { _id: false },
);

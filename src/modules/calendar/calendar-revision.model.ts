import { Schema, model } from 'mongoose';

/**
 * One change to a leave's calendar event (approved, amended, cancelled) and the SEQUENCE it got.
 * `key` names the change, so a retried event finds its earlier SEQUENCE instead of taking a new one;
 * `{requestId, sequence}` is unique, so two changes racing for the same number cannot both win.
 */
const calendarRevisionSchema = new Schema(
  {
    requestId: { type: Schema.Types.ObjectId, required: true },
    key: { type: String, required: true },
    sequence: { type: Number, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

calendarRevisionSchema.index({ key: 1 }, { unique: true });
calendarRevisionSchema.index({ requestId: 1, sequence: -1 }, { unique: true });

export const CalendarRevision = model('CalendarRevision', calendarRevisionSchema);

import { Schema, model } from 'mongoose';

/** A secret feed URL: only the SHA-256 of its token is stored; revoking keeps the row for the audit trail. */
const calendarFeedSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    tokenHash: { type: String, required: true },
    revokedAt: { type: Date },
    lastFetchedAt: { type: Date },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

calendarFeedSchema.index({ tokenHash: 1 }, { unique: true });
calendarFeedSchema.index({ userId: 1 });

export const CalendarFeed = model('CalendarFeed', calendarFeedSchema);

import { Schema, model } from 'mongoose';

/** What a user chose to receive; a user without a row gets the defaults (preferences.service.ts). */
const notificationPreferenceSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    calendarInvitations: {
      /** Invitations for one's own approved leave. */
      self: { type: Boolean, required: true },
      /** Invitations for the approved leave of one's direct reports. */
      asManager: { type: Boolean, required: true },
    },
  },
  { timestamps: true, versionKey: false },
);

notificationPreferenceSchema.index({ userId: 1 }, { unique: true });

export const NotificationPreference = model('NotificationPreference', notificationPreferenceSchema);

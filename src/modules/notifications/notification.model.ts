import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';

/** In-app notification; `key` (event + recipient) makes creating it twice impossible. */
const notificationSchema = new Schema(
  {
    key: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    type: { type: String, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    data: { type: Schema.Types.Mixed },
    readAt: { type: Date },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

notificationSchema.index({ key: 1 }, { unique: true });
notificationSchema.index({ userId: 1, createdAt: -1 });

export type NotificationRecord = InferSchemaType<typeof notificationSchema>;
export const Notification = model('Notification', notificationSchema);

import { Types } from 'mongoose';
import { recordAudit } from '../audit';
import { NotificationPreference } from './notification-preference.model';
import type { NotificationPreferencesDto } from './notifications.schemas';

/** Without a choice of their own, people get invitations for their own leave, not their team's. */
export const DEFAULT_PREFERENCES: NotificationPreferencesDto = {
  calendarInvitations: { self: true, asManager: false },
};

export async function getPreferences(userId: string): Promise<NotificationPreferencesDto> {
  const stored = await NotificationPreference.findOne({ userId: new Types.ObjectId(userId) }).lean();
  if (!stored?.calendarInvitations) return DEFAULT_PREFERENCES;
  const { self, asManager } = stored.calendarInvitations;
  return { calendarInvitations: { self, asManager } };
}

/** Replaces the caller's preferences (one row per user: an upsert on the unique userId). */
export async function setPreferences(
  userId: string,
  next: NotificationPreferencesDto,
): Promise<NotificationPreferencesDto> {
  const before = await getPreferences(userId);
  await NotificationPreference.updateOne(
    { userId: new Types.ObjectId(userId) },
    { $set: { calendarInvitations: next.calendarInvitations } },
    { upsert: true },
  );
  await recordAudit({
    action: 'notification_preferences.update',
    entityType: 'NotificationPreference',
    entityId: userId,
    before,
    after: next,
  });
  return next;
}

import ical, { ICalCalendarMethod } from 'ical-generator';
import mongoose, { Types } from 'mongoose';
import { getConfig } from '../../config';
import { NotFoundError } from '../../lib/errors';
import { addDays, todayIn } from '../../lib/dates';
import { recordAudit } from '../audit';
import { generateOpaqueToken, hashOpaqueToken } from '../auth';
import { getLeaveCalendar } from '../leave';
import { allDayBounds, latestSequences, leaveEventUid } from './calendar-invitations.service';
import { CalendarFeed } from './calendar-feed.model';
import type { CalendarFeedDto } from './calendar.schemas';

/** How far the feed reaches: half a year back and ahead (the team calendar serves at most 366 days). */
const FEED_DAYS_BACK = 180;
const FEED_DAYS_AHEAD = 180;

export interface FeedOwner {
  id: string;
  role: string;
  employeeId?: string | undefined;
}

/**
 * Issues a new secret feed URL for the caller and revokes their earlier ones, so a leaked URL is
 * ended by asking for a new one (or by DELETE).
 */
export async function issueFeed(owner: FeedOwner): Promise<CalendarFeedDto> {
  const token = generateOpaqueToken();
  await revokeFeeds(owner.id);
  const feed = await CalendarFeed.create({
    userId: new Types.ObjectId(owner.id),
    tokenHash: hashOpaqueToken(token),
  });
  await recordAudit({
    action: 'calendar_feed.issue',
    entityType: 'CalendarFeed',
    entityId: feed._id.toHexString(),
  });
  const base = getConfig().PUBLIC_BASE_URL ?? `http://localhost:${getConfig().PORT}`;
  return { url: `${base}/api/v1/calendar/feeds/${token}.ics` };
}

export async function revokeFeeds(userId: string): Promise<number> {
  const result = await CalendarFeed.updateMany(
    { userId: new Types.ObjectId(userId), revokedAt: mongoose.trusted({ $exists: false }) },
    { $set: { revokedAt: new Date() } },
  );
  if (result.modifiedCount > 0) {
    await recordAudit({
      action: 'calendar_feed.revoke',
      entityType: 'CalendarFeed',
      entityId: userId,
      metadata: { feeds: result.modifiedCount },
    });
  }
  return result.modifiedCount;
}

/**
 * The iCalendar body for a feed token: the owner's approved leave and, for managers and admins,
 * everyone in their scope, as all-day events. UIDs derive from request ids, so calendar apps update
 * events in place instead of duplicating them (the emailed invitations use the same UIDs).
 */
export async function renderFeed(
  token: string,
  lookupOwner: (userId: string) => Promise<FeedOwner | undefined>,
): Promise<string> {
  const feed = await CalendarFeed.findOne({
    tokenHash: hashOpaqueToken(token),
    revokedAt: mongoose.trusted({ $exists: false }),
  }).lean();
  const owner = feed ? await lookupOwner(feed.userId.toHexString()) : undefined;
  if (!feed || !owner) throw new NotFoundError('Feed not found');
  await CalendarFeed.updateOne({ _id: feed._id }, { $set: { lastFetchedAt: new Date() } });
  const today = todayIn(getConfig().COMPANY_TIMEZONE);
  const entries = await getLeaveCalendar(owner, {
    from: addDays(today, -FEED_DAYS_BACK),
    to: addDays(today, FEED_DAYS_AHEAD),
  });
  const calendar = ical({
    name: 'Leave',
    prodId: { company: 'attendance-leave-api', product: 'leave-feed' },
    method: ICalCalendarMethod.PUBLISH,
  });
  // The same UID and SEQUENCE as the emailed invitations (calendar-invitations.service.ts).
  const sequences = await latestSequences(entries.map((e) => e.requestId));
  for (const entry of entries) {
    const own = entry.employeeId === owner.employeeId;
    calendar.createEvent({
      id: leaveEventUid(entry.requestId),
      sequence: sequences.get(entry.requestId) ?? 0,
      allDay: true,
      ...allDayBounds(entry.startDate, entry.endDate),
      summary: `${own ? 'You' : entry.employeeName}: ${entry.leaveTypeCode ?? 'Leave'} (${entry.days} day${entry.days === 1 ? '' : 's'})`,
      description:
        [entry.halfDayStart ? 'Starts with a half day.' : '', entry.halfDayEnd ? 'Ends with a half day.' : '']
          .filter(Boolean)
          .join(' ') || undefined,
    });
  }
  return calendar.toString();
}

import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import { ICalEventBusyStatus, ICalEventTransparency } from 'ical-generator';
import mongoose, { Types } from 'mongoose';
import { getConfig } from '../../config';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { addDays } from '../../lib/dates';
import { CalendarRevision } from './calendar-revision.model';

/**
 * iCalendar invitations (RFC 5546) for one leave request. The UID is the one the subscribed feed
 * uses and SEQUENCE grows with every change, so a calendar that has the event from the feed or from
 * an earlier email updates it in place.
 */

/** The UID of a leave request's event, in the feed and in every invitation. */
export function leaveEventUid(requestId: string): string {
  return `leave-${requestId}@attendance-leave-api`;
}

/** All-day bounds: DTSTART the first day, DTEND the day after the last (exclusive), as DATE values. */
export function allDayBounds(startDate: string, endDate: string): { start: Date; end: Date } {
  return { start: new Date(`${startDate}T00:00:00Z`), end: new Date(`${addDays(endDate, 1)}T00:00:00Z`) };
}

/**
 * The SEQUENCE of a change to a request's event: 0 for the first, one more than the last for each
 * later one. A change already numbered (a retried event) gets its number back.
 */
export async function sequenceFor(requestId: string, changeKey: string): Promise<number> {
  const requestObjectId = new Types.ObjectId(requestId);
  for (;;) {
    const known = await CalendarRevision.findOne({ key: changeKey }).lean();
    if (known) return known.sequence;
    const last = await CalendarRevision.findOne({ requestId: requestObjectId }).sort({ sequence: -1 }).lean();
    const sequence = last ? last.sequence + 1 : 0;
    try {
      await CalendarRevision.create({ requestId: requestObjectId, key: changeKey, sequence });
      return sequence;
    } catch (err) {
      // Another change took this number, or this change was numbered meanwhile: look again.
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
}

/** The latest SEQUENCE of each request that has one (the feed shows the same number). */
export async function latestSequences(requestIds: string[]): Promise<Map<string, number>> {
  if (requestIds.length === 0) return new Map();
  const rows = await CalendarRevision.find(
    { requestId: mongoose.trusted({ $in: requestIds.map((id) => new Types.ObjectId(id)) }) },
    { requestId: 1, sequence: 1 },
  ).lean();
  const latest = new Map<string, number>();
  for (const row of rows) {
    const id = row.requestId.toHexString();
    latest.set(id, Math.max(latest.get(id) ?? 0, row.sequence));
  }
  return latest;
}

export interface Party {
  name: string;
  email: string;
}

/** The organizer: the sender of outgoing mail (MAIL_FROM, `Name <address>` or a bare address). */
export function organizer(): Party {
  const from = getConfig().MAIL_FROM;
  const match = /^\s*"?([^"<]*?)"?\s*<([^>\s]+)>\s*$/.exec(from);
  return match ? { name: match[1] || match[2]!, email: match[2]! } : { name: from, email: from.trim() };
}

export interface InvitationInput {
  method: 'REQUEST' | 'CANCEL';
  requestId: string;
  sequence: number;
  startDate: string;
  endDate: string;
  summary: string;
  description: string;
  /** The employee on leave. */
  attendee: Party;
  /** Someone else who gets a copy (the manager): listed too, as a non-participant, so clients accept it. */
  copyTo?: Party | undefined;
}

/** One VEVENT in a VCALENDAR with METHOD:REQUEST or METHOD:CANCEL. */
export function renderInvitation(input: InvitationInput): string {
  const cancel = input.method === 'CANCEL';
  const calendar = ical({
    prodId: { company: 'attendance-leave-api', product: 'leave-invitation' },
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  const from = organizer();
  calendar.createEvent({
    id: leaveEventUid(input.requestId),
    sequence: input.sequence,
    allDay: true,
    ...allDayBounds(input.startDate, input.endDate),
    summary: input.summary,
    description: input.description,
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    busystatus: cancel ? null : ICalEventBusyStatus.OOF,
    transparency: ICalEventTransparency.OPAQUE,
    organizer: { name: from.name, email: from.email },
    attendees: [
      {
        name: input.attendee.name,
        email: input.attendee.email,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.ACCEPTED,
        rsvp: false,
      },
      ...(input.copyTo && input.copyTo.email !== input.attendee.email
        ? [
            {
              name: input.copyTo.name,
              email: input.copyTo.email,
              role: ICalAttendeeRole.NON,
              rsvp: false,
            },
          ]
        : []),
    ],
  });
  return calendar.toString();
}

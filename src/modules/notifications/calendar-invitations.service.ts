import { createHash } from 'node:crypto';
import type { DomainEvents, LeaveEventPayload } from '../../lib/domain-events';
import type { UserContact } from '../auth';
import { findContactOfEmployee } from '../auth';
import type { Party } from '../calendar';
import { renderInvitation, sequenceFor } from '../calendar';
import type { EmployeeDto } from '../employees';
import { findEmployeeProfile } from '../employees';
import { approvedLeaveBetween } from '../leave';
import { pumpOutboxSoon, queueEmails } from './outbox.service';
import { getPreferences } from './preferences.service';
import type { InvitationChange } from './templates';
import { invitationMessage } from './templates';

/**
 * Calendar invitations by email (RFC 5546): approved leave sends METHOD:REQUEST, an amendment a
 * REQUEST with a higher SEQUENCE, a cancellation METHOD:CANCEL, all with the feed's UID. The employee
 * gets them unless they opted out; their manager when the manager opted in.
 */

/** An amended request as `leave.amended` announces it: the request as it is after the amendment. */
export type AmendedLeave = LeaveEventPayload & {
  halfDayStart?: boolean | undefined;
  halfDayEnd?: boolean | undefined;
  /** Tells amendments of one request apart (a counter or the amendment's time); else the new dates do. */
  revision?: number | string | undefined;
};

interface Recipient {
  contact: UserContact;
  party: Party;
  forManager: boolean;
}

/** Who gets the invitation, and the employee as its ATTENDEE. */
async function recipientsFor(
  employee: EmployeeDto,
): Promise<{ employeeParty: Party; recipients: Recipient[] }> {
  const owner = await findContactOfEmployee(employee.id);
  const employeeParty = { name: employee.fullName, email: owner?.email ?? employee.email };
  const recipients: Recipient[] = [];
  if (owner && (await getPreferences(owner.id)).calendarInvitations.self)
    recipients.push({ contact: owner, party: employeeParty, forManager: false });
  const managerProfile = employee.managerId ? await findEmployeeProfile(employee.managerId) : undefined;
  const manager = managerProfile ? await findContactOfEmployee(managerProfile.id) : undefined;
  if (managerProfile && manager && manager.id !== owner?.id) {
    if ((await getPreferences(manager.id)).calendarInvitations.asManager)
      recipients.push({
        contact: manager,
        party: { name: managerProfile.fullName, email: manager.email },
        forManager: true,
      });
  }
  return { employeeParty, recipients };
}

/** Half days from the event when it says, else from the approved request as stored. */
async function halfDaysOf(e: AmendedLeave): Promise<{ start: boolean; end: boolean }> {
  if (e.halfDayStart !== undefined || e.halfDayEnd !== undefined)
    return { start: e.halfDayStart === true, end: e.halfDayEnd === true };
  const lookup = await approvedLeaveBetween([e.employeeId], e.startDate, e.endDate);
  return {
    start: lookup(e.employeeId, e.startDate)?.halfDay === true,
    end: lookup(e.employeeId, e.endDate)?.halfDay === true,
  };
}

/**
 * Numbers the change (SEQUENCE, kept per change key, so a retried event sends the same invitation)
 * and queues one email with the invitation per recipient, keyed by change and recipient.
 */
export async function sendLeaveInvitations(
  change: InvitationChange,
  e: AmendedLeave,
  changeKey: string,
): Promise<void> {
  const employee = await findEmployeeProfile(e.employeeId);
  if (!employee) return;
  // Numbered even when nobody is mailed: the feed shows the same SEQUENCE.
  const sequence = await sequenceFor(e.requestId, changeKey);
  const { employeeParty, recipients } = await recipientsFor(employee);
  if (recipients.length === 0) return;
  const half = change === 'cancelled' ? { start: false, end: false } : await halfDaysOf(e);
  await queueEmails(
    recipients.map((r) => {
      const message = invitationMessage(change, employee.fullName, e, half, r.forManager);
      const method = change === 'cancelled' ? 'CANCEL' : 'REQUEST';
      const content = renderInvitation({
        method,
        requestId: e.requestId,
        sequence,
        startDate: e.startDate,
        endDate: e.endDate,
        summary: message.summary,
        description: message.description,
        attendee: employeeParty,
        copyTo: r.forManager ? r.party : undefined,
      });
      return {
        key: `calendar:${changeKey}:${r.contact.email}`,
        to: r.contact.email,
        subject: message.title,
        text: message.text,
        calendar: { method, filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', content },
      };
    }),
  );
  pumpOutboxSoon();
}

/** `leave.decided`: approved leave (also auto-approved at submission) is invited; rejections send nothing. */
export async function inviteOnLeaveDecided(e: DomainEvents['leave.decided']): Promise<void> {
  if (e.status !== 'approved') return;
  await sendLeaveInvitations('approved', e, `leave.approved:${e.requestId}`);
}

/** `leave.cancelled`: only leave that was approved had an invitation to cancel. */
export async function inviteOnLeaveCancelled(e: DomainEvents['leave.cancelled']): Promise<void> {
  if (e.status !== 'approved') return;
  await sendLeaveInvitations('cancelled', e, `leave.cancelled:${e.requestId}`);
}

/**
 * `leave.amended` (subscribe it where that event is declared): an approved request's new dates as an
 * update with a higher SEQUENCE. A pending amendment is not announced as an update until it applies.
 */
export async function inviteOnLeaveAmended(e: AmendedLeave): Promise<void> {
  if (e.status !== 'approved') return;
  const revision =
    e.revision ??
    createHash('sha256')
      .update([e.startDate, e.endDate, e.halfDayStart, e.halfDayEnd, e.days].join('|'))
      .digest('hex')
      .slice(0, 16);
  await sendLeaveInvitations('amended', e, `leave.amended:${e.requestId}:${revision}`);
}

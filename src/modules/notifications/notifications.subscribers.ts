import { onDomainEvent } from '../../lib/domain-events';
import { inviteOnLeaveCancelled, inviteOnLeaveDecided } from './calendar-invitations.service';
import {
  onLeaveCancelled,
  onLeaveDecided,
  onLeaveRecounted,
  onLeaveSubmitted,
} from './notifications.service';
import {
  queueAdminPasswordResetEmail,
  queueInvitationEmail,
  queueSelfServicePasswordResetEmail,
} from './user-emails';

/** Who hears about what: in-app notifications and emails for leave and account events. */
export function subscribeNotificationsToEvents(): void {
  onDomainEvent('leave.submitted', onLeaveSubmitted);
  onDomainEvent('leave.decided', onLeaveDecided);
  onDomainEvent('leave.cancelled', onLeaveCancelled);
  onDomainEvent('leave.recounted', onLeaveRecounted);
  // Calendar invitations; `inviteOnLeaveAmended` (index.ts) is subscribed where leave.amended is declared.
  onDomainEvent('leave.decided', inviteOnLeaveDecided);
  onDomainEvent('leave.cancelled', inviteOnLeaveCancelled);
  onDomainEvent('user.invited', queueInvitationEmail);
  onDomainEvent('user.password_reset_issued', queueAdminPasswordResetEmail);
  onDomainEvent('user.password_reset_requested', queueSelfServicePasswordResetEmail);
}

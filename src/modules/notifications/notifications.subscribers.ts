import { onDomainEvent } from '../../lib/domain-events';
import {
  onLeaveAmended,
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
  onDomainEvent('leave.amended', onLeaveAmended);
  onDomainEvent('user.invited', queueInvitationEmail);
  onDomainEvent('user.password_reset_issued', queueAdminPasswordResetEmail);
  onDomainEvent('user.password_reset_requested', queueSelfServicePasswordResetEmail);
}

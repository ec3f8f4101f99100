import { onDomainEvent } from '../../lib/domain-events';
import {
  inviteOnLeaveAmended,
  inviteOnLeaveCancelled,
  inviteOnLeaveDecided,
} from './calendar-invitations.service';
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
  // Calendar invitations: approval, cancellation, and an amendment once it takes effect (the version
  // numbers the change, so each applied amendment gets its own SEQUENCE).
  onDomainEvent('leave.decided', inviteOnLeaveDecided);
  onDomainEvent('leave.cancelled', inviteOnLeaveCancelled);
  onDomainEvent('leave.amended', (e) =>
    e.stage === 'applied' || e.stage === 'approved'
      ? inviteOnLeaveAmended({ ...e, revision: e.version })
      : Promise.resolve(),
  );
  onDomainEvent('user.invited', queueInvitationEmail);
  onDomainEvent('user.password_reset_issued', queueAdminPasswordResetEmail);
  onDomainEvent('user.password_reset_requested', queueSelfServicePasswordResetEmail);
}

import { onDomainEvent } from '../../lib/domain-events';
import {
  notifyStepApprovers,
  onApprovalEscalated,
  onApprovalReminder,
  onStepApproved,
} from './approval-notifications';
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
  // A request with approval steps: its first step's approvers and their delegates are asked.
  onDomainEvent('leave.submitted', ({ approval, ...e }) =>
    approval
      ? notifyStepApprovers(
          `leave.submitted:${e.requestId}`,
          'leave.submitted',
          { ...e, approval },
          'requested',
        )
      : onLeaveSubmitted(e),
  );
  onDomainEvent('leave.step_approved', onStepApproved);
  onDomainEvent('leave.approval_reminder', onApprovalReminder);
  onDomainEvent('leave.approval_escalated', onApprovalEscalated);
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

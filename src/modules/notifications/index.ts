import { onDomainEvent } from '../../lib/domain-events';
import { onLeaveCancelled, onLeaveDecided, onLeaveSubmitted } from './notifications.service';
import { queueAdminPasswordResetEmail, queueInvitationEmail } from './user-emails';

export { notificationRoutes } from './notifications.routes';
export { outboxAdminRoutes } from './outbox-admin.routes';
export { NotificationShape } from './notifications.schemas';
export type { NotificationDto } from './notifications.schemas';
export { sendLeaveReminders } from './notifications.service';
export { processOutbox, startOutboxPump } from './outbox.service';

onDomainEvent('leave.submitted', onLeaveSubmitted);
onDomainEvent('leave.decided', onLeaveDecided);
onDomainEvent('leave.cancelled', onLeaveCancelled);
onDomainEvent('user.invited', queueInvitationEmail);
onDomainEvent('user.password_reset_issued', queueAdminPasswordResetEmail);
export { exportNotifications } from './notifications.service';
export { checkOutboxInvariants } from './invariants.service';

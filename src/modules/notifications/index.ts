import { onDomainEvent } from '../../lib/domain-events';
import { onLeaveCancelled, onLeaveDecided, onLeaveSubmitted } from './notifications.service';

export { notificationRoutes, NOTIFICATION_SCHEMAS } from './notifications.routes';
export { sendLeaveReminders } from './notifications.service';
export { processOutbox, startOutboxPump } from './outbox.service';

onDomainEvent('leave.submitted', onLeaveSubmitted);
onDomainEvent('leave.decided', onLeaveDecided);
onDomainEvent('leave.cancelled', onLeaveCancelled);
export { exportNotifications } from './notifications.service';

export { notificationRoutes } from './notifications.routes';
export { outboxAdminRoutes } from './outbox-admin.routes';
export { NotificationShape } from './notifications.schemas';
export type { NotificationDto } from './notifications.schemas';
export { notify, sendLeaveReminders } from './notifications.service';
export { processOutbox, startOutboxPump } from './outbox.service';
export { subscribeNotificationsToEvents } from './notifications.subscribers';
export { exportNotifications } from './notifications.service';
export { checkOutboxInvariants } from './invariants.service';

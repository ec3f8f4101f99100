import { NO_CONTENT, jsonResponse, problemResponses } from '../../http/openapi/components';
import type { RouteDefinition } from '../../http/routes';
import { ID_PARAMS } from '../../http/shape/common';
import { ANY_ROLE } from '../auth';
import * as notifications from './notifications.controller';
import { NotificationListQuery, NotificationPage } from './notifications.schemas';

const tags = ['Notifications'];

export const notificationRoutes: RouteDefinition[] = [
  {
    method: 'get',
    path: '/api/v1/notifications',
    access: ANY_ROLE,
    request: { query: NotificationListQuery },
    handlers: [notifications.listNotificationsHandler],
    doc: {
      tags,
      operationId: 'listNotifications',
      summary: 'Your notifications, newest first',
      responses: { '200': jsonResponse('A page of notifications', NotificationPage) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/notifications/:id/read',
    access: ANY_ROLE,
    request: { params: ID_PARAMS },
    handlers: [notifications.markNotificationReadHandler],
    doc: {
      tags,
      operationId: 'markNotificationRead',
      summary: 'Mark one of your notifications read',
      responses: { '204': NO_CONTENT, ...problemResponses(404) },
    },
  },
];

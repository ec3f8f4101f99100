import { NO_CONTENT, jsonResponse, problemResponses } from '../../http/openapi/components';
import type { RouteDefinition } from '../../http/routes';
import { ID_PARAMS } from '../../http/shape/common';
import { ANY_ROLE } from '../auth';
import * as notifications from './notifications.controller';
import {
  NotificationListQuery,
  NotificationPage,
  NotificationPreferencesShape,
} from './notifications.schemas';

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
  {
    method: 'get',
    path: '/api/v1/notifications/preferences',
    access: ANY_ROLE,
    handlers: [notifications.getPreferencesHandler],
    doc: {
      tags,
      operationId: 'getNotificationPreferences',
      summary: 'Your notification preferences (calendar invitations by email)',
      responses: { '200': jsonResponse('Your preferences', NotificationPreferencesShape) },
    },
  },
  {
    method: 'put',
    path: '/api/v1/notifications/preferences',
    access: ANY_ROLE,
    request: {
      body: NotificationPreferencesShape,
      example: { calendarInvitations: { self: true, asManager: true } },
    },
    handlers: [notifications.setPreferencesHandler],
    doc: {
      tags,
      operationId: 'setNotificationPreferences',
      summary: 'Choose which calendar invitations you get by email',
      description:
        'self: an iCalendar invitation when your own leave is approved, amended or cancelled. asManager: the same for the leave of your direct reports.',
      responses: {
        '200': jsonResponse('Your preferences as stored', NotificationPreferencesShape),
        ...problemResponses(400),
      },
    },
  },
];

import type { Request, Response } from 'express';
import { query } from 'express-validator';
import {
  NO_CONTENT,
  PAGE_PARAMETERS,
  jsonResponse,
  pageOf,
  problemResponses,
  queryParam,
} from '../../http/openapi/components';
import type { SchemaObject } from '../../http/openapi/types';
import { requireUser } from '../../http/authenticate';
import { pathParam, validQuery } from '../../http/request-data';
import type { RouteDefinition } from '../../http/routes';
import { pageRequest, paginationQuery } from '../../lib/pagination';
import { idParam } from '../../lib/validators';
import { ANY_ROLE } from '../auth/roles';
import { listNotifications, markNotificationRead } from './notifications.service';

export const NOTIFICATION_SCHEMAS: Record<string, SchemaObject> = {
  Notification: {
    type: 'object',
    required: ['id', 'type', 'title', 'body', 'read', 'createdAt'],
    properties: {
      id: { type: 'string' },
      type: {
        type: 'string',
        examples: [
          'leave.submitted',
          'leave.approved',
          'leave.rejected',
          'leave.cancelled',
          'leave.reminder',
        ],
      },
      title: { type: 'string' },
      body: { type: 'string' },
      data: { type: 'object', description: 'e.g. requestId, employeeId, startDate, endDate' },
      read: { type: 'boolean' },
      readAt: { type: ['string', 'null'], format: 'date-time' },
      createdAt: { type: 'string', format: 'date-time' },
    },
  },
};

async function listHandler(req: Request, res: Response): Promise<void> {
  const q = validQuery<{ unread?: boolean; page?: number; limit?: number }>(req);
  res.json(await listNotifications(requireUser(req).id, { unread: q.unread === true }, pageRequest(q)));
}

async function readHandler(req: Request, res: Response): Promise<void> {
  await markNotificationRead(requireUser(req).id, pathParam(req));
  res.status(204).end();
}

export const notificationRoutes: RouteDefinition[] = [
  {
    method: 'get',
    path: '/api/v1/notifications',
    access: ANY_ROLE,
    validators: [
      ...paginationQuery(),
      query('unread').optional().isBoolean().withMessage('must be true or false').toBoolean(),
    ],
    handlers: [listHandler],
    doc: {
      tags: ['Notifications'],
      summary: 'Your notifications, newest first',
      parameters: [...PAGE_PARAMETERS, queryParam('unread', { type: 'boolean' })],
      responses: { '200': jsonResponse('A page of notifications', pageOf('Notification')) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/notifications/:id/read',
    access: ANY_ROLE,
    validators: [idParam()],
    handlers: [readHandler],
    doc: {
      tags: ['Notifications'],
      summary: 'Mark one of your notifications read',
      responses: { '204': NO_CONTENT, ...problemResponses(404) },
    },
  },
];

import { jsonResponse, problemResponses } from '../../http/openapi/components';
import type { RouteDefinition } from '../../http/routes';
import { ID_PARAMS } from '../../http/shape/common';
import { ADMIN_ONLY } from '../auth';
import { listOutboxHandler, retryOutboxEmailHandler } from './outbox-admin.controller';
import { OutboxEmailShape, OutboxListQuery, OutboxPage } from './outbox-admin.schemas';

const tags = ['Operations'];

/** The email outbox for operators: what is stuck, and a way to send it again. */
export const outboxAdminRoutes: RouteDefinition[] = [
  {
    method: 'get',
    path: '/api/v1/admin/outbox',
    access: ADMIN_ONLY,
    request: { query: OutboxListQuery },
    handlers: [listOutboxHandler],
    doc: {
      tags,
      operationId: 'listOutboxEmails',
      summary: 'Failed and pending emails, newest first (bodies are not shown: they may hold links)',
      responses: { '200': jsonResponse('A page of outbox emails', OutboxPage) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/admin/outbox/:id/retry',
    access: ADMIN_ONLY,
    request: { params: ID_PARAMS },
    handlers: [retryOutboxEmailHandler],
    doc: {
      tags,
      operationId: 'retryOutboxEmail',
      summary: 'Send a failed or waiting email again now, with a fresh set of attempts',
      description: 'An email that has been sent already: 409 (it is never sent twice on purpose).',
      responses: {
        '202': jsonResponse('Queued; the pump sends it shortly', OutboxEmailShape),
        ...problemResponses(404, 409),
      },
    },
  },
];

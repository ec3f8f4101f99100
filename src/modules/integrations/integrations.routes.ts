import { NO_CONTENT, jsonResponse, problemResponses } from '../../http/openapi/components';
import type { RouteDefinition } from '../../http/routes';
import { ID_PARAMS } from '../../http/shape/common';
import { ADMIN_ONLY } from '../auth';
import * as integrations from './integrations.controller';
import {
  CreateWebhookBody,
  CreatedWebhookShape,
  DELIVERY_PARAMS,
  DeliveryList,
  DeliveryShape,
  EventsPage,
  EventsQuery,
  WebhookList,
} from './integrations.schemas';

const tags = ['Integrations'];

/** The events feed and webhooks, for admins connecting payroll, chat or identity systems. */
export const integrationRoutes: RouteDefinition[] = [
  {
    method: 'get',
    path: '/api/v1/events',
    access: ADMIN_ONLY,
    request: { query: EventsQuery },
    handlers: [integrations.listEventsHandler],
    doc: {
      tags,
      operationId: 'listEvents',
      summary: 'Events in the order they were recorded, after a cursor',
      description:
        'Start without `after`, then ask with `after=<next>`; the cursor never skips an event (docs/integrations.md).',
      responses: { '200': jsonResponse('A page of events', EventsPage) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/webhooks',
    access: ADMIN_ONLY,
    request: { body: CreateWebhookBody },
    handlers: [integrations.createWebhookHandler],
    doc: {
      tags,
      operationId: 'createWebhook',
      summary: 'Register an endpoint for some event types; the signing secret is shown only here',
      description:
        'A URL pointing at a private, loopback or reserved address (after DNS resolution) is refused: 422 naming `url`.',
      responses: {
        '201': jsonResponse('Registered; deliveries start with the next event', CreatedWebhookShape),
        ...problemResponses(422),
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/webhooks',
    access: ADMIN_ONLY,
    handlers: [integrations.listWebhooksHandler],
    doc: {
      tags,
      operationId: 'listWebhooks',
      summary: 'Registered endpoints (without their secrets)',
      responses: { '200': jsonResponse('The endpoints', WebhookList) },
    },
  },
  {
    method: 'delete',
    path: '/api/v1/webhooks/:id',
    access: ADMIN_ONLY,
    request: { params: ID_PARAMS },
    handlers: [integrations.deleteWebhookHandler],
    doc: {
      tags,
      operationId: 'deleteWebhook',
      summary: 'Remove an endpoint and its pending deliveries',
      responses: { '204': NO_CONTENT, ...problemResponses(404) },
    },
  },
  {
    method: 'get',
    path: '/api/v1/webhooks/:id/deliveries',
    access: ADMIN_ONLY,
    request: { params: ID_PARAMS },
    handlers: [integrations.listDeliveriesHandler],
    doc: {
      tags,
      operationId: 'listWebhookDeliveries',
      summary: "The endpoint's latest 100 deliveries, newest first, each with every attempt",
      responses: { '200': jsonResponse('Deliveries', DeliveryList), ...problemResponses(404) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/webhooks/:id/deliveries/:deliveryId/redeliver',
    access: ADMIN_ONLY,
    request: { params: DELIVERY_PARAMS },
    handlers: [integrations.redeliverHandler],
    doc: {
      tags,
      operationId: 'redeliverWebhookDelivery',
      summary: 'Send a delivery again now, with the same webhook-id',
      description: 'A delivery being attempted at this moment: 409.',
      responses: {
        '202': jsonResponse('Queued; the worker sends it shortly', DeliveryShape),
        ...problemResponses(404, 409),
      },
    },
  },
];

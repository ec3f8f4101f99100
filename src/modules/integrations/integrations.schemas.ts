import { s } from '../../http/shape/builders';
import type { Infer } from '../../http/shape/field';

/** The events integrations see, the feed that lists them, webhooks and their deliveries. */

export const EVENT_TYPES = [
  'leave.requested',
  'leave.approved',
  'leave.rejected',
  'leave.cancelled',
  'leave.amended',
  'attendance.day_closed',
  'employee.created',
  'employee.updated',
  'employee.deactivated',
  'period.closed',
  'period.reopened',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const LEAVE_EXAMPLE = {
  requestId: '6566f1a2b3c4d5e6f7a8b9c0',
  employeeId: '6566f1a2b3c4d5e6f7a8b9c1',
  leaveTypeName: 'Annual leave',
  startDate: '2026-12-21',
  endDate: '2026-12-23',
  days: 3,
  status: 'approved',
};

export const IntegrationEventShape = s
  .object({
    id: s.id().describe('The event; the same in the feed and in every webhook body'),
    type: s.enum(EVENT_TYPES),
    occurredAt: s.dateTime(),
    data: s.record(s.unknown()).describe('What changed; per type in docs/integrations.md'),
  })
  .named('IntegrationEvent')
  .example({
    id: '6566f1a2b3c4d5e6f7a8b9d0',
    type: 'leave.approved',
    occurredAt: '2026-12-02T10:15:00.000Z',
    data: LEAVE_EXAMPLE,
  });
export type IntegrationEventDto = Infer<typeof IntegrationEventShape>;

export const EventsQuery = s.object({
  after: s
    .string({ max: 20, pattern: '^[0-9]+$', hint: 'must be a cursor from `next`' })
    .optional()
    .describe('The `next` of the previous page; leave out to start at the first event'),
  limit: s.int({ min: 1, max: 500 }).optional().default(100).describe('Events per page'),
});

export const EventsPage = s
  .object({
    data: s.list(IntegrationEventShape),
    next: s
      .str()
      .describe('Ask with `after=<next>` for the events after these (the same value when none came)'),
  })
  .named('EventsPage')
  .example({ data: [], next: '42' });

export const CreateWebhookBody = s
  .object({
    url: s
      .string({ max: 2000, pattern: '^https?://[^\\s]+$', hint: 'must be an http:// or https:// URL' })
      .example('https://payroll.example.com/hooks/attendance'),
    events: s
      .array(s.enum(EVENT_TYPES), { min: 1, max: EVENT_TYPES.length, unique: true })
      .example(['leave.approved']),
    description: s.text({ max: 200 }).optional().example('Payroll sync'),
  })
  .named('CreateWebhook');
export type CreateWebhookInput = Infer<typeof CreateWebhookBody>;

export const WebhookShape = s
  .object({
    id: s.id(),
    url: s.str(),
    events: s.list(s.enum(EVENT_TYPES)),
    description: s.str().optional(),
    createdAt: s.dateTime(),
  })
  .named('Webhook');
export type WebhookDto = Infer<typeof WebhookShape>;

export const CreatedWebhookShape = s
  .object({
    id: s.id(),
    secret: s.str().describe('`whsec_` and the base64 signing key; shown only in this answer'),
    url: s.str(),
    events: s.list(s.enum(EVENT_TYPES)),
    description: s.str().optional(),
    createdAt: s.dateTime(),
  })
  .named('CreatedWebhook')
  .example({
    id: '6566f1a2b3c4d5e6f7a8b9e0',
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    url: 'https://payroll.example.com/hooks/attendance',
    events: ['leave.approved'],
    createdAt: '2026-12-02T10:00:00.000Z',
  });
export type CreatedWebhookDto = Infer<typeof CreatedWebhookShape>;

export const WebhookList = s.object({ data: s.list(WebhookShape) }).named('WebhookList');

export const DeliveryAttemptShape = s.object({
  attempt: s.int({ min: 1 }),
  at: s.dateTime(),
  outcome: s.enum(['succeeded', 'failed'] as const),
  responseCode: s.int({ min: 100 }).optional().describe('Absent when no answer came (timeout, refused)'),
  durationMs: s.int({ min: 0 }),
  error: s.str().optional(),
});

export const DeliveryShape = s
  .object({
    id: s.id().describe('Sent as `webhook-id`: the same on every attempt, for de-duplication'),
    eventId: s.id(),
    eventType: s.enum(EVENT_TYPES),
    status: s.enum(['pending', 'delivered', 'failed'] as const),
    attempts: s.list(DeliveryAttemptShape),
    nextAttemptAt: s.dateTime().optional().describe('When a pending delivery is tried next'),
    createdAt: s.dateTime(),
  })
  .named('WebhookDelivery');
export type DeliveryDto = Infer<typeof DeliveryShape>;

export const DeliveryList = s.object({ data: s.list(DeliveryShape) }).named('WebhookDeliveryList');

export const DELIVERY_PARAMS = s.object({ id: s.id(), deliveryId: s.id() });

import { s } from '../../http/shape/builders';
import { PAGE_QUERY, pageOf } from '../../http/shape/common';
import type { Infer } from '../../http/shape/field';

/** The operator's view of the email outbox: what is waiting or has given up, never the bodies. */
export const OutboxListQuery = s.object({
  ...PAGE_QUERY,
  status: s
    .enum(['pending', 'failed'] as const)
    .optional()
    .describe('Default: both pending and failed emails'),
});
export type OutboxFilters = Omit<Infer<typeof OutboxListQuery>, 'page' | 'limit'>;

export const OutboxEmailShape = s
  .object({
    id: s.id(),
    to: s.str().example('manager@example.com'),
    subject: s.str().example('Dana Smith requests annual leave'),
    status: s.enum(['pending', 'sent', 'failed'] as const),
    attempts: s.int({ min: 0 }).describe('Send attempts so far'),
    nextAttemptAt: s.dateTime().describe('When a pending email is due (next retry)'),
    leaseUntil: s
      .dateTime()
      .optional()
      .describe('Present while an instance is sending it; another takes over after this instant'),
    lastError: s.str().optional().describe('Why the last attempt failed'),
    createdAt: s.dateTime(),
  })
  .named('OutboxEmail');
export type OutboxEmailDto = Infer<typeof OutboxEmailShape>;

export const OutboxPage = pageOf(OutboxEmailShape);

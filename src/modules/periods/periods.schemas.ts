import { s } from '../../http/shape/builders';
import { PAGE_QUERY, pageOf } from '../../http/shape/common';
import type { Infer } from '../../http/shape/field';
import { PERIOD_STATUSES } from './payroll-period.model';

/** Payroll periods, declared once: request checks, the document and the types. */

export const PayrollPeriodCreateBody = s
  .object({
    from: s.date().example('2026-11-01').describe('First day of the period'),
    to: s
      .date()
      .example('2026-11-30')
      .describe('Last day of the period (inclusive); at most 366 days after `from`, not before it (422)'),
  })
  .named('PayrollPeriodCreate');
export type PayrollPeriodCreateInput = Infer<typeof PayrollPeriodCreateBody>;

export const PayrollPeriodReopenBody = s
  .object({
    reason: s
      .text({ max: 500 })
      .example('Late sick note for 2026-11-12')
      .describe('Why the period is reopened; kept in its history and the audit log'),
  })
  .named('PayrollPeriodReopen');
export type PayrollPeriodReopenInput = Infer<typeof PayrollPeriodReopenBody>;

export const PayrollPeriodListQuery = s.object({
  status: s.enum(PERIOD_STATUSES).optional().describe('Only open (reopened) or closed periods'),
  ...PAGE_QUERY,
});

const PeriodEventShape = s
  .object({
    action: s.enum(['close', 'reopen'] as const),
    at: s.dateTime(),
    by: s.str().describe('The user id of the admin'),
    reason: s.str().nullable().describe('Why it was reopened (reopen only)'),
  })
  .named('PayrollPeriodEvent');

export const PayrollPeriodShape = s
  .object({
    id: s.id(),
    from: s.date(),
    to: s.date(),
    status: s
      .enum(PERIOD_STATUSES)
      .describe('closed: writes touching its dates are refused (409 period-closed); open: reopened'),
    closedAt: s.dateTime().nullable().describe('When it was last closed'),
    closedBy: s.str().nullable(),
    reopenedAt: s.dateTime().nullable().describe('When it was last reopened'),
    reopenedBy: s.str().nullable(),
    reopenReason: s.str().nullable(),
    history: s.list(PeriodEventShape).describe('Every close and reopen, oldest first'),
    createdAt: s.dateTime(),
  })
  .named('PayrollPeriod')
  .example({
    id: '665f1c2e9b1e8a0012345680',
    from: '2026-11-01',
    to: '2026-11-30',
    status: 'closed',
    closedAt: '2026-12-02T09:00:00.000Z',
    closedBy: '665f1c2e9b1e8a0012345601',
    reopenedAt: null,
    reopenedBy: null,
    reopenReason: null,
    history: [
      { action: 'close', at: '2026-12-02T09:00:00.000Z', by: '665f1c2e9b1e8a0012345601', reason: null },
    ],
    createdAt: '2026-12-02T09:00:00.000Z',
  });
export type PayrollPeriodDto = Infer<typeof PayrollPeriodShape>;

export const PayrollPeriodPage = pageOf(PayrollPeriodShape);

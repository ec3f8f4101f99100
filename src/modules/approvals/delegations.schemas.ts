import { s } from '../../http/shape/builders';
import { PAGE_QUERY, pageOf } from '../../http/shape/common';
import type { Infer } from '../../http/shape/field';

/** Delegations, declared once: request checks, the document and the types. */

export const DelegationCreateBody = s
  .object({
    delegateUserId: s.id().describe('The login (a manager or an admin) who stands in'),
    from: s.date().example('2026-12-21').describe('First day of the delegation'),
    to: s
      .date()
      .example('2027-01-04')
      .describe('Last day (inclusive): not before from, not in the past, within 366 days of from (422)'),
    reason: s.text({ max: 500 }).optional().example('Annual leave'),
    delegatorUserId: s.id().optional().describe('Admins only: the manager who delegates (default: you)'),
  })
  .named('DelegationCreate');
export type DelegationCreateInput = Infer<typeof DelegationCreateBody>;

export const DelegationShape = s
  .object({
    id: s.id(),
    delegatorUserId: s.id(),
    delegatorEmployeeId: s.id(),
    delegateUserId: s.id(),
    from: s.date(),
    to: s.date(),
    reason: s.str().nullable(),
    createdBy: s.str(),
    createdAt: s.dateTime(),
    active: s.boolean().describe("Covers today (the server's date)"),
  })
  .named('Delegation');
export type DelegationDto = Infer<typeof DelegationShape>;

export const DelegationListQuery = s.object({
  current: s.boolean().optional().describe('Only delegations that have not ended'),
  ...PAGE_QUERY,
});

export const DelegationPage = pageOf(DelegationShape).named('DelegationPage');

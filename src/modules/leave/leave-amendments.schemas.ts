import { s } from '../../http/shape/builders';
import type { Infer } from '../../http/shape/field';

/** Shapes of edits (PATCH a pending request) and amendments (an approved one), declared once. */

const coverage = () =>
  s.object({
    leaveTypeId: s.id(),
    startDate: s.date(),
    endDate: s.date(),
    halfDayStart: s.boolean(),
    halfDayEnd: s.boolean(),
    days: s.num(),
  });

export const AmendmentEntryShape = s
  .object({
    kind: s
      .enum(['edit', 'amend'] as const)
      .describe('edit: a pending request changed; amend: an approved one'),
    from: coverage(),
    to: coverage(),
    reason: s.str().example('Back a day early for the release'),
    by: s.str().describe('The user who asked for it'),
    at: s.dateTime(),
    status: s
      .enum(['applied', 'pending', 'approved', 'rejected', 'withdrawn'] as const)
      .describe(
        'applied: took effect at once; pending: waits for an approver; withdrawn: the request was cancelled first',
      ),
    decidedBy: s.str().nullable(),
    decidedAt: s.dateTime().nullable(),
    comment: s.str().nullable(),
  })
  .named('LeaveAmendment');

export const PendingAmendmentShape = s
  .object({
    startDate: s.date(),
    endDate: s.date(),
    halfDayStart: s.boolean(),
    halfDayEnd: s.boolean(),
    days: s.num(),
    daysByYear: s.list(s.object({ year: s.int({ min: 0 }), days: s.num() })),
    reason: s.str().example('One more day with the family'),
    requestedBy: s.str(),
    requestedAt: s.dateTime(),
  })
  .named('PendingLeaveAmendment');

const REASON = () => s.text({ max: 1000 });

export const LeaveRequestEditBody = s
  .object({
    leaveTypeId: s.id().optional(),
    startDate: s.date().optional(),
    endDate: s.date().optional().describe('Not before startDate (else 422)'),
    halfDayStart: s.boolean().optional(),
    halfDayEnd: s.boolean().optional(),
    reason: REASON().nullable().optional().describe('null clears it'),
  })
  .nonEmpty()
  .named('LeaveRequestEdit');
export type LeaveRequestEditInput = Infer<typeof LeaveRequestEditBody>;

export const LeaveAmendBody = s
  .object({
    startDate: s.date(),
    endDate: s.date().describe('Not before startDate (else 422)'),
    halfDayStart: s.boolean().optional().default(false),
    halfDayEnd: s.boolean().optional().default(false),
    reason: REASON().describe('Why the leave changes; kept in its history and the ledger'),
  })
  .named('LeaveAmend');
export type LeaveAmendInput = Infer<typeof LeaveAmendBody>;

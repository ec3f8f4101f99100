import { s } from '../../http/shape/builders';
import type { Infer } from '../../http/shape/field';
import { STEP_STATUSES } from './leave-request.model';
import { APPROVER_KINDS } from './leave-type.model';
import { AmendmentEntryShape, PendingAmendmentShape } from './leave-amendments.schemas';

/** Leave request, balance and calendar shapes, declared once: request checks, the document and the types. */

const LEAVE_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;

export const ApprovalShape = s
  .object({
    step: s.int({ min: 1 }),
    approver: s.enum(APPROVER_KINDS),
    status: s
      .enum(STEP_STATUSES)
      .describe('waiting: an earlier step is being decided; skipped: the request ended before this step'),
    assignedTo: s
      .id()
      .nullable()
      .describe(
        'The employee asked to decide (null: the admins; a started manager step also any manager above)',
      ),
    reroutedFrom: s
      .id()
      .nullable()
      .describe('The approver passed over because they were on approved leave without a delegate'),
    escalatedTo: s
      .str()
      .nullable()
      .describe(
        'After APPROVAL_ESCALATION_DAYS working days: the next level (an employee id, or "admins"), who may decide too',
      ),
    escalatedAt: s.dateTime().nullable(),
    decidedBy: s.str().nullable().describe('The user id who decided the step'),
    decidedAt: s.dateTime().nullable(),
    comment: s.str().nullable(),
    onBehalfOf: s.id().nullable().describe('The manager a delegate decided for'),
    coverageOverride: s
      .str()
      .nullable()
      .describe("An admin's reason for approving beyond the department's maxAbsent"),
  })
  .named('Approval');
const days = () => s.num();
const year = () => s.int({ min: 2000, max: 2100 });

export const LeaveRequestShape = s
  .object({
    id: s.id(),
    employeeId: s.id(),
    leaveTypeId: s.id(),
    leaveTypeCode: s.str().nullable(),
    startDate: s.date(),
    endDate: s.date(),
    halfDayStart: s.boolean(),
    halfDayEnd: s.boolean(),
    days: days().describe('Working days (or calendar days for calendar-day types)'),
    daysByYear: s.list(s.object({ year: s.int({ min: 0 }), days: days() })),
    dayCountHistory: s
      .list(
        s.object({
          days: days(),
          reason: s.str().example('Holiday added, moved or removed on 2026-12-24'),
          at: s.dateTime(),
        }),
      )
      .describe(
        'The count at submission, then one entry per recount (a holiday added, moved or removed, or a change of the work week, shift, time zone or holiday calendar), oldest first',
      ),
    reason: s.str().nullable(),
    status: s.enum(LEAVE_STATUSES),
    requestedBy: s.str(),
    decidedBy: s.str().nullable(),
    decidedAt: s.dateTime().nullable(),
    decisionComment: s.str().nullable(),
    approvals: s
      .list(ApprovalShape)
      .describe("The type's approval steps that apply, in order; empty when the type needs no approval"),
    currentStep: s.int({ min: 1 }).nullable().describe('The step being decided while pending'),
    cancelledBy: s.str().nullable(),
    cancelledAt: s.dateTime().nullable(),
    createdAt: s.dateTime(),
    updatedAt: s.dateTime(),
    version: s.int({ min: 0 }).describe('Edits and amendments so far'),
    amendments: s
      .list(AmendmentEntryShape)
      .describe('Every edit (while pending) and amendment (once approved), oldest first'),
    pendingAmendment: PendingAmendmentShape.nullable().describe(
      'An extension waiting for an approver; the request stays approved as it is meanwhile',
    ),
  })
  .named('LeaveRequest');

export const LeaveRequestCreateBody = s
  .object({
    employeeId: s.id().optional().describe('Admins only: request on behalf of this employee'),
    leaveTypeId: s.id(),
    startDate: s.date(),
    endDate: s.date().describe('Not before startDate (else 422)'),
    halfDayStart: s.boolean().optional().default(false),
    halfDayEnd: s.boolean().optional().default(false),
    reason: s.text({ max: 1000 }).optional(),
  })
  .named('LeaveRequestCreate');
export type LeaveRequestCreateInput = Infer<typeof LeaveRequestCreateBody>;

export const LeaveDecisionBody = s
  .object({
    comment: s.text({ max: 1000 }).optional(),
    coverageOverrideReason: s
      .text({ max: 500 })
      .optional()
      .describe(
        "Admins only: approve although the department's maxAbsent would be exceeded, for this reason (kept on the step and in the audit log)",
      ),
  })
  .named('LeaveDecision');

export const LeaveDecisionsBody = s
  .object({
    ids: s
      .array(s.string({ max: 64 }), { min: 1, max: 100, unique: true })
      .describe('Requests to decide, each on its own: an unknown or refused id is reported, the rest go on'),
    decision: s.enum(['approve', 'reject'] as const),
    comment: s.text({ max: 1000 }).optional(),
  })
  .named('LeaveDecisions');

export const LeaveDecisionResultShape = s
  .object({
    id: s.str(),
    status: s
      .enum([...LEAVE_STATUSES, 'failed'] as const)
      .describe('The request after the decision (pending: a further step waits), or failed'),
    currentStep: s.int({ min: 1 }).nullable().optional(),
    error: s.str().optional().describe('Why the item was refused (as the single decision would say)'),
    code: s.int({ min: 400, max: 599 }).optional().describe('The status the single decision would answer'),
  })
  .named('LeaveDecisionResult');

export const LeaveDecisionsResponse = s
  .object({ results: s.list(LeaveDecisionResultShape) })
  .named('LeaveDecisionResults');

export const balanceParts = {
  entitled: s.num(),
  carriedOver: s.num().describe('Carried over from last year, less any lapsed part'),
  adjustments: s.num(),
  used: s.num(),
  pending: s.num(),
  available: s.num().describe('entitled + carriedOver + adjustments - used - pending'),
};

export const LeaveBalanceShape = s
  .object({
    leaveTypeId: s.id(),
    code: s.str(),
    name: s.str(),
    unit: s.str(),
    year: s.int({ min: 0 }),
    ...balanceParts,
  })
  .named('LeaveBalance');

export const BalancesQuery = s.object({
  employeeId: s.id().optional().describe('Default: you'),
  year: year().optional().describe('Leave year; default: this year'),
});

export const LeaveAdjustmentCreateBody = s
  .object({
    employeeId: s.id(),
    leaveTypeId: s.id(),
    year: year(),
    days: s
      .number({ min: -366, max: 366, step: 0.25 })
      .except(0)
      .message('must be a non-zero number of days from -366 to 366, in quarter days at most')
      .describe('Positive grants, negative deducts; in quarter days; not zero'),
    reason: s.text({ max: 500 }),
  })
  .named('LeaveAdjustmentCreate');
export type LeaveAdjustmentCreateInput = Infer<typeof LeaveAdjustmentCreateBody>;

export const LeaveAdjustmentShape = s
  .object({
    id: s.str(),
    employeeId: s.id(),
    leaveTypeId: s.id(),
    year: s.int({ min: 0 }),
    days: s.num(),
    reason: s.str(),
    balance: s.object(balanceParts),
  })
  .named('LeaveAdjustment');

export const LeaveCalendarEntryShape = s
  .object({
    requestId: s.id(),
    employeeId: s.id(),
    employeeName: s.str(),
    departmentId: s.str().nullable(),
    leaveTypeId: s.id(),
    leaveTypeCode: s.str().nullable(),
    startDate: s.date(),
    endDate: s.date(),
    halfDayStart: s.boolean(),
    halfDayEnd: s.boolean(),
    days: days(),
    status: s.enum(['approved', 'pending'] as const),
  })
  .named('LeaveCalendarEntry');

export const LeaveCalendarQuery = s.object({
  from: s.date(),
  to: s.date().describe('At most 366 days after from, not before it (else 422)'),
  departmentId: s.id().optional(),
  includePending: s.boolean().optional().describe('Pending requests too'),
});

import { s, partialOf } from '../../http/shape/builders';
import type { Infer } from '../../http/shape/field';
import { ACCRUAL_KINDS, APPROVER_KINDS, LEAVE_UNITS } from './leave-type.model';

/** Leave type and holiday shapes, declared once: request checks, the document and the types. */

const halfDays = (max: number) => s.number({ min: 0, max, step: 0.5 });

export const ApprovalStepShape = s
  .object({
    approver: s
      .enum(APPROVER_KINDS)
      .describe(
        "manager: the employee's manager (any manager above them may decide too); department_head: the head of the employee's department; admin: any admin",
      ),
    minDays: halfDays(366)
      .nullable()
      .optional()
      .describe('The step applies only to requests of at least this many days; absent: always'),
  })
  .named('ApprovalStep');

export const LeaveTypeCreateBody = s
  .object({
    code: s
      .string({ max: 20, pattern: '^[A-Za-z0-9_-]+$', hint: 'must be 1 to 20 letters, digits, _ or -' })
      .tidied((code) => code.toUpperCase())
      .example('ANNUAL'),
    name: s.text({ max: 100 }).example('Annual leave'),
    paid: s.boolean().optional().default(true),
    unit: s.enum(LEAVE_UNITS).optional().default('working_day'),
    annualEntitlement: halfDays(366).example(25),
    accrual: s.enum(ACCRUAL_KINDS).optional().default('yearly'),
    carryOverMax: halfDays(366).optional().default(0),
    carryOverExpiryMonths: s
      .int({ min: 1, max: 12 })
      .nullable()
      .optional()
      .describe('Carried days lapse after this many months of the new year'),
    allowNegative: s.boolean().optional().default(false),
    requiresApproval: s.boolean().optional().default(true).describe('false: requests are approved at once'),
    approvalSteps: s
      .array(ApprovalStepShape, { min: 1, max: 5 })
      .optional()
      .describe(
        "Who approves, in order (default: one step, the employee's manager). Each step is decided by someone else; any rejection ends the request",
      )
      .example([{ approver: 'manager' }, { approver: 'admin', minDays: 6 }]),
    allowHalfDay: s.boolean().optional().default(true),
    noticeDays: s.int({ min: 0, max: 365 }).nullable().optional(),
    maxConsecutiveDays: s.number({ min: 0.5, max: 366, step: 0.5 }).nullable().optional(),
    attachmentRequiredAfterDays: s
      .int({ min: 0, max: 366 })
      .nullable()
      .optional()
      .describe('Requests longer than this many days need an attachment (e.g. a sick note) before approval')
      .example(3),
    active: s.boolean().optional().default(true),
  })
  .named('LeaveTypeCreate');

export const LeaveTypeUpdateBody = partialOf(LeaveTypeCreateBody).nonEmpty().named('LeaveTypeUpdate');
export type LeaveTypeInput = Infer<typeof LeaveTypeUpdateBody>;

export const LeaveTypeListQuery = s.object({
  includeInactive: s.boolean().optional().describe('Admins only: list deactivated types too'),
});

export const LeaveTypeShape = s
  .object({
    id: s.id(),
    code: s.str().example('ANNUAL'),
    name: s.str(),
    paid: s.boolean(),
    unit: s.enum(LEAVE_UNITS),
    annualEntitlement: s.number({ min: 0, max: 366 }),
    accrual: s.enum(ACCRUAL_KINDS),
    carryOverMax: s.number({ min: 0, max: 366 }),
    carryOverExpiryMonths: s.int({ min: 1, max: 12 }).nullable(),
    allowNegative: s.boolean(),
    requiresApproval: s.boolean(),
    approvalSteps: s.list(ApprovalStepShape),
    allowHalfDay: s.boolean(),
    noticeDays: s.int({ min: 0, max: 365 }).nullable(),
    maxConsecutiveDays: s.number({ min: 0.5, max: 366 }).nullable(),
    attachmentRequiredAfterDays: s.int({ min: 0, max: 366 }).nullable(),
    active: s.boolean(),
    createdAt: s.dateTime(),
    updatedAt: s.dateTime(),
  })
  .named('LeaveType');
export type LeaveTypeDto = Infer<typeof LeaveTypeShape>;
export const LeaveTypeList = s.array(LeaveTypeShape, { max: 1000 });

export const calendarName = () =>
  s
    .string({ max: 40, pattern: '^[A-Za-z0-9_-]+$', hint: 'must be 1 to 40 letters, digits, _ or -' })
    .describe('"default" is company-wide; others (e.g. DE-BY) apply to employees assigned to them');

export const HolidayCreateBody = s
  .object({
    date: s.date().example('2026-12-25'),
    name: s.text({ max: 100 }).example('Christmas Day'),
    calendar: calendarName().optional().default('default'),
  })
  .named('HolidayCreate');
export type HolidayCreateInput = Infer<typeof HolidayCreateBody>;
export const HolidayUpdateBody = partialOf(HolidayCreateBody).nonEmpty().named('HolidayUpdate');
export type HolidayInput = Infer<typeof HolidayUpdateBody>;

export const HolidayListQuery = s.object({
  year: s.int({ min: 2000, max: 2100 }).optional().describe('Default: this year'),
  calendar: calendarName().optional(),
});

export const HolidayShape = s
  .object({ id: s.id(), date: s.date(), name: s.str(), calendar: s.str() })
  .named('Holiday');
export type HolidayDto = Infer<typeof HolidayShape>;
export const HolidayList = s.array(HolidayShape, { max: 10_000 });

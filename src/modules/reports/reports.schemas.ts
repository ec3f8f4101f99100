import { s } from '../../http/shape/builders';
import type { Infer } from '../../http/shape/field';
import { LeaveCalendarEntryShape } from '../leave';

/** Report queries and rows, declared once: request checks, the document, the types and the CSV columns. */

export const REPORT_FORMATS = ['json', 'csv'] as const;
export const SUMMARY_GROUPS = ['employee', 'department', 'day'] as const;
export const UTILIZATION_GROUPS = ['type', 'department', 'month'] as const;
export type SummaryGroup = (typeof SUMMARY_GROUPS)[number];
export type UtilizationGroup = (typeof UTILIZATION_GROUPS)[number];

const RANGE = {
  from: s.date().optional().describe('Default: 30 days before `to`'),
  to: s
    .date()
    .optional()
    .describe(
      'Default: today (company time zone). At most 366 days after `from`; a range out of order is 422',
    ),
};
const FORMAT = {
  format: s
    .enum(REPORT_FORMATS)
    .optional()
    .default('json')
    .describe('csv: the same rows as CSV with a header row, as an attachment'),
};

/** absenteeism, overtime and compliance: a date range. */
export const RangeReportQuery = s.object({ ...RANGE, ...FORMAT });

export const AttendanceSummaryQuery = s.object({
  ...RANGE,
  groupBy: s.enum(SUMMARY_GROUPS).optional().default('employee'),
  departmentId: s.id().optional().describe('Only employees of this department'),
  ...FORMAT,
});

export const LeaveUtilizationQuery = s.object({
  year: s.int({ min: 2000, max: 2100 }).optional().describe('Leave year; default this year'),
  groupBy: s.enum(UTILIZATION_GROUPS).optional().default('type'),
  ...FORMAT,
});

const employeeColumns = {
  employeeId: s.id(),
  employeeName: s.str().example('Ada Lovelace'),
  employeeCode: s.str().example('E-1001'),
};
const count = () => s.int({ min: 0 });

export const AttendanceSummaryRowShape = s
  .object({
    key: s.str().describe('The employee id, department id ("none": no department) or date of the group'),
    label: s.str(),
    days: count(),
    present: count(),
    absent: count(),
    onLeave: s.num().describe('Days on leave; a half day of leave counts 0.5'),
    late: count(),
    workedMinutes: count(),
    overtimeMinutes: count(),
  })
  .named('AttendanceSummaryRow')
  .example({
    key: '665f1c2e9b1e8a0012345678',
    label: 'Ada Lovelace (E-1001)',
    days: 12,
    present: 3,
    absent: 6,
    onLeave: 0,
    late: 1,
    workedMinutes: 1390,
    overtimeMinutes: 130,
  });
export type AttendanceSummaryRow = Infer<typeof AttendanceSummaryRowShape>;

export const LeaveUtilizationRowShape = s
  .object({
    key: s.str().describe('The leave type id, department id or month (YYYY-MM) of the group'),
    label: s.str(),
    taken: s.num(),
    pending: s.num(),
    entitled: s.num().describe('Accrued, carried over and adjusted; 0 by month'),
    remaining: s.num().describe('entitled - taken - pending; 0 by month'),
  })
  .named('LeaveUtilizationRow')
  .example({
    key: '665f1c2e9b1e8a0012345679',
    label: 'Annual leave',
    taken: 4,
    pending: 1,
    entitled: 40,
    remaining: 35,
  });
export type LeaveUtilizationRow = Infer<typeof LeaveUtilizationRowShape>;

export const AbsenteeismRowShape = s
  .object({
    ...employeeColumns,
    absenceDays: count(),
    spells: count().describe('Runs of absent working days; days off in between do not break a run'),
    bradfordFactor: count().describe('spells x spells x absenceDays'),
  })
  .named('AbsenteeismRow')
  .example({
    employeeId: '665f1c2e9b1e8a0012345678',
    employeeName: 'Ada Lovelace',
    employeeCode: 'E-1001',
    absenceDays: 6,
    spells: 3,
    bradfordFactor: 54,
  });
export type AbsenteeismRow = Infer<typeof AbsenteeismRowShape>;

export const OvertimeRowShape = s
  .object({ ...employeeColumns, days: count(), overtimeMinutes: count() })
  .named('OvertimeRow')
  .example({
    employeeId: '665f1c2e9b1e8a0012345678',
    employeeName: 'Ada Lovelace',
    employeeCode: 'E-1001',
    days: 1,
    overtimeMinutes: 130,
  });
export type OvertimeRow = Infer<typeof OvertimeRowShape>;

export const COMPLIANCE_RULES = ['daily_max', 'weekly_average', 'min_rest'] as const;

export const ComplianceViolationShape = s
  .object({
    ...employeeColumns,
    rule: s.enum(COMPLIANCE_RULES),
    date: s.date().describe('The day; for weekly_average the end of the range'),
    valueMinutes: s.int({ min: 0 }),
    limitMinutes: s.int({ min: 0 }),
  })
  .named('ComplianceViolation')
  .example({
    employeeId: '665f1c2e9b1e8a0012345678',
    employeeName: 'Ada Lovelace',
    employeeCode: 'E-1001',
    rule: 'daily_max',
    date: '2026-11-05',
    valueMinutes: 610,
    limitMinutes: 600,
  });
export type ComplianceViolation = Infer<typeof ComplianceViolationShape>;

export const TodayAnalyticsShape = s
  .object({
    date: s.date().describe('Today in the company time zone'),
    employees: count(),
    present: count().describe('Checked in today'),
    onLeave: count(),
    absent: count().describe('Shift over without a punch'),
    notYetIn: count().describe('Shift not over yet, no punch'),
    dayOff: count().describe('Weekend, holiday or not in their work week'),
    upcomingLeave: s.list(LeaveCalendarEntryShape).describe('Approved leave in the next 14 days'),
  })
  .named('TodayAnalytics');
export type TodayAnalytics = Infer<typeof TodayAnalyticsShape>;

import { s } from '../../http/shape/builders';
import type { Infer } from '../../http/shape/field';

/** Team coverage of a leave request, declared once: the document and the types. */

export const CoverageShape = s
  .object({
    requestId: s.id(),
    employeeId: s.id(),
    departmentId: s.id().nullable().describe('null: the employee has no department, so nobody else counts'),
    departmentName: s.str().nullable(),
    maxAbsent: s.int({ min: 1 }).nullable().describe("The department's limit of members away on one day"),
    startDate: s.date(),
    endDate: s.date(),
    away: s
      .list(
        s
          .object({
            employeeId: s.id(),
            employeeName: s.str(),
            requestId: s.id(),
            leaveTypeCode: s.str().nullable(),
            startDate: s.date(),
            endDate: s.date(),
            status: s.enum(['approved', 'pending'] as const),
          })
          .named('CoverageAbsence'),
      )
      .describe('Other members of the department with approved or pending leave overlapping the request'),
    days: s
      .list(
        s
          .object({
            date: s.date(),
            approvedAway: s.int({ min: 0 }).describe('Other members on approved leave that day'),
            pendingAway: s.int({ min: 0 }).describe('Other members with pending leave that day'),
            exceedsLimit: s.boolean().describe('Approving this request would put more than maxAbsent away'),
          })
          .named('CoverageDay'),
      )
      .describe('Each day the request counts as leave for the employee (their work week, without holidays)'),
    exceedsLimit: s.boolean().describe('Approving would exceed maxAbsent on at least one day'),
  })
  .named('LeaveCoverage');
export type CoverageDto = Infer<typeof CoverageShape>;

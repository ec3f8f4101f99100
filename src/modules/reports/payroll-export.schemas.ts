import { s } from '../../http/shape/builders';
import type { Infer } from '../../http/shape/field';
import { REPORT_FORMATS } from './reports.schemas';

/** The payroll export of one period: one row per employee with daily records in it. */

export const PayrollExportQuery = s.object({
  format: s
    .enum(REPORT_FORMATS)
    .optional()
    .default('json')
    .describe('csv: the same rows as CSV with a header row, as an attachment'),
});

const count = () => s.int({ min: 0 });

export const PayrollExportRowShape = s
  .object({
    employeeId: s.id(),
    employeeName: s.str().example('Ada Lovelace'),
    employeeCode: s.str().example('E-1001'),
    from: s.date().describe('First day of the period'),
    to: s.date().describe('Last day of the period'),
    workedMinutes: count().describe('As the attendance summary for the period'),
    overtimeMinutes: count().describe('As the attendance summary and the overtime report'),
    paidLeaveDays: s.num().describe('Days on leave of a paid leave type; a half day counts 0.5'),
    unpaidLeaveDays: s.num().describe('Days on leave of an unpaid leave type; a half day counts 0.5'),
    absentDays: count().describe('As the attendance summary and the absenteeism report'),
    lateCount: count().describe('Days checked in late, as the attendance summary'),
  })
  .named('PayrollExportRow')
  .example({
    employeeId: '665f1c2e9b1e8a0012345678',
    employeeName: 'Ada Lovelace',
    employeeCode: 'E-1001',
    from: '2026-11-01',
    to: '2026-11-30',
    workedMinutes: 8880,
    overtimeMinutes: 130,
    paidLeaveDays: 2,
    unpaidLeaveDays: 0.5,
    absentDays: 1,
    lateCount: 1,
  });
export type PayrollExportRow = Infer<typeof PayrollExportRowShape>;

import { s } from '../../http/shape/builders';
import { PAGE_QUERY } from '../../http/shape/common';

/** The list of daily records: its filters, and `format=csv` for a streamed download. */
export const AttendanceListQuery = s.object({
  ...PAGE_QUERY,
  employeeId: s.id().optional(),
  from: s.date().optional().describe('Default: 30 days before `to`'),
  to: s.date().optional().describe('Default: today (company time zone)'),
  format: s
    .enum(['json', 'csv'] as const)
    .optional()
    .default('json')
    .describe('csv: every matching daily record as a CSV download'),
});

export const ATTENDANCE_CSV_COLUMNS = [
  'date',
  'employeeId',
  'employeeCode',
  'employeeName',
  'status',
  'firstIn',
  'lastOut',
  'workedMinutes',
  'late',
  'lateMinutes',
  'earlyLeave',
  'overtimeMinutes',
  'missingCheckOut',
  'punchCount',
] as const;

export const ATTENDANCE_CSV_EXAMPLE = `${ATTENDANCE_CSV_COLUMNS.join(',')}
2026-11-18,665f1c2e9b1e8a0012345678,E-1001,Ada Lovelace,present,2026-11-18T08:58:00.000Z,2026-11-18T17:05:00.000Z,487,false,0,false,7,false,2
`;

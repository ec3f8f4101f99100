import { s } from '../../http/shape/builders';
import { PAGE_QUERY } from '../../http/shape/common';
import type { Infer } from '../../http/shape/field';
import { LEAVE_STATUSES } from './leave-request.model';

/** The list of leave requests: its filters, and `format=csv` for a streamed download. */
export const LeaveRequestListQuery = s.object({
  ...PAGE_QUERY,
  status: s.enum(LEAVE_STATUSES).optional(),
  employeeId: s.id().optional(),
  leaveTypeId: s.id().optional(),
  from: s.date().optional().describe('Requests ending on or after this date'),
  to: s.date().optional().describe('Requests starting on or before this date'),
  format: s
    .enum(['json', 'csv'] as const)
    .optional()
    .default('json')
    .describe('csv: every matching request as a CSV download'),
});
export type LeaveRequestListFilters = Omit<Infer<typeof LeaveRequestListQuery>, 'page' | 'limit' | 'format'>;

export const LEAVE_REQUEST_CSV_COLUMNS = [
  'id',
  'employeeId',
  'employeeCode',
  'employeeName',
  'leaveTypeCode',
  'startDate',
  'endDate',
  'halfDayStart',
  'halfDayEnd',
  'days',
  'status',
  'reason',
  'requestedBy',
  'decidedBy',
  'decidedAt',
  'decisionComment',
  'createdAt',
] as const;

export const LEAVE_REQUEST_CSV_EXAMPLE = `${LEAVE_REQUEST_CSV_COLUMNS.join(',')}
665f1c2e9b1e8a0012345679,665f1c2e9b1e8a0012345678,E-1001,Ada Lovelace,ANNUAL,2026-12-21,2026-12-24,false,true,3.5,approved,Family visit,665f1c2e9b1e8a00123456aa,665f1c2e9b1e8a00123456bb,2026-12-01T09:30:00.000Z,,2026-11-30T16:02:11.000Z
`;

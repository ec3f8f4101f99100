import type { Types } from 'mongoose';
import { assertDateRange } from '../../lib/date-range';
import { aggregateAttendanceDays } from '../attendance';
import type { ScopeActor } from '../employees';
import type { EmployeeNames, Range } from './pipeline';
import { employeeColumns, employeeLookup, scopeMatch } from './pipeline';
import type { OvertimeRow } from './reports.schemas';

/** Days with overtime and the overtime minutes per employee, most overtime first. */
export async function overtime(actor: ScopeActor, range: Range): Promise<OvertimeRow[]> {
  assertDateRange(range);
  const rows = await aggregateAttendanceDays<{
    _id: Types.ObjectId;
    employee: EmployeeNames;
    days: number;
    overtimeMinutes: number;
  }>([
    {
      $match: {
        date: { $gte: range.from, $lte: range.to },
        ...(await scopeMatch(actor)),
        overtimeMinutes: { $gt: 0 },
      },
    },
    { $group: { _id: '$employeeId', days: { $sum: 1 }, overtimeMinutes: { $sum: '$overtimeMinutes' } } },
    ...employeeLookup('_id'),
    { $sort: { overtimeMinutes: -1, _id: 1 } },
  ]);
  return rows.map((r) => ({
    ...employeeColumns(r._id, r.employee),
    days: r.days,
    overtimeMinutes: r.overtimeMinutes,
  }));
}

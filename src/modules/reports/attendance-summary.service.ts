import { Types } from 'mongoose';
import { assertDateRange } from '../../lib/date-range';
import { aggregateAttendanceDays } from '../attendance';
import type { ScopeActor } from '../employees';
import type { EmployeeNames, Range } from './pipeline';
import { countWhere, employeeLookup, fieldIs, keyOf, scopeMatch } from './pipeline';
import type { AttendanceSummaryRow, SummaryGroup } from './reports.schemas';

export interface AttendanceSummaryQuery extends Range {
  groupBy: SummaryGroup;
  departmentId?: string | undefined;
}

type SummaryGroupRow = Omit<AttendanceSummaryRow, 'key' | 'label'> & {
  _id: unknown;
  employee?: EmployeeNames;
  department?: Array<{ name: string }>;
};

/** Days present, absent, on leave and late, minutes worked and overtime, per employee, department or day. */
export async function attendanceSummary(
  actor: ScopeActor,
  query: AttendanceSummaryQuery,
): Promise<AttendanceSummaryRow[]> {
  assertDateRange(query);
  const needsEmployee = query.groupBy !== 'day' || Boolean(query.departmentId);
  const groupKey =
    query.groupBy === 'employee'
      ? '$employeeId'
      : query.groupBy === 'day'
        ? '$date'
        : '$employee.departmentId';
  const rows = await aggregateAttendanceDays<SummaryGroupRow>([
    { $match: { date: { $gte: query.from, $lte: query.to }, ...(await scopeMatch(actor)) } },
    ...(needsEmployee ? employeeLookup : []),
    ...(query.departmentId
      ? [{ $match: { 'employee.departmentId': new Types.ObjectId(query.departmentId) } }]
      : []),
    {
      $group: {
        _id: groupKey,
        employee: { $first: '$employee' },
        days: { $sum: 1 },
        present: countWhere(fieldIs('status', 'present')),
        absent: countWhere(fieldIs('status', 'absent')),
        onLeave: {
          $sum: {
            $cond: [
              fieldIs('status', 'on_leave'),
              1,
              { $cond: [fieldIs('status', 'half_day_leave'), 0.5, 0] },
            ],
          },
        },
        late: countWhere(fieldIs('late', true)),
        workedMinutes: { $sum: '$workedMinutes' },
        overtimeMinutes: { $sum: '$overtimeMinutes' },
      },
    },
    ...(query.groupBy === 'department'
      ? [{ $lookup: { from: 'departments', localField: '_id', foreignField: '_id', as: 'department' } }]
      : []),
    { $sort: { _id: 1 } },
  ]);
  return rows.map((r) => ({
    key: keyOf(r._id),
    label: labelOf(query.groupBy, r),
    days: r.days,
    present: r.present,
    absent: r.absent,
    onLeave: r.onLeave,
    late: r.late,
    workedMinutes: r.workedMinutes,
    overtimeMinutes: r.overtimeMinutes,
  }));
}

function labelOf(groupBy: SummaryGroup, row: SummaryGroupRow): string {
  if (groupBy === 'employee' && row.employee) {
    const e = row.employee;
    return `${e.firstName} ${e.lastName} (${e.employeeCode})`;
  }
  if (groupBy === 'department') return row.department?.[0]?.name ?? 'No department';
  return keyOf(row._id);
}

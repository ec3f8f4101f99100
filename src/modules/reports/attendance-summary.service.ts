import type { PipelineStage } from 'mongoose';
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

export type SummaryGroupRow = Omit<AttendanceSummaryRow, 'key' | 'label'> & {
  _id: unknown;
  employee?: EmployeeNames;
  department?: Array<{ name: string }>;
};

const summaryFigures = {
  days: { $sum: 1 },
  present: countWhere(fieldIs('status', 'present')),
  absent: countWhere(fieldIs('status', 'absent')),
  onLeave: {
    $sum: {
      $cond: [fieldIs('status', 'on_leave'), 1, { $cond: [fieldIs('status', 'half_day_leave'), 0.5, 0] }],
    },
  },
  late: countWhere(fieldIs('late', true)),
  workedMinutes: { $sum: '$workedMinutes' },
  overtimeMinutes: { $sum: '$overtimeMinutes' },
};

/**
 * The stages after the range match. Per employee, the records are grouped first and each group
 * joined to its employee: one join per employee instead of one per daily record (90 times fewer
 * over a quarter). Per department, or per day within a department, each record needs its
 * employee's department before grouping.
 */
function summaryStages(query: AttendanceSummaryQuery): PipelineStage[] {
  const inDepartment: PipelineStage[] = query.departmentId
    ? [{ $match: { 'employee.departmentId': new Types.ObjectId(query.departmentId) } }]
    : [];
  if (query.groupBy === 'employee') {
    return [
      { $group: { _id: '$employeeId', ...summaryFigures } },
      ...employeeLookup('_id'),
      ...inDepartment,
      { $sort: { _id: 1 } },
    ];
  }
  const byDepartment = query.groupBy === 'department';
  return [
    ...(byDepartment || query.departmentId ? [...employeeLookup(), ...inDepartment] : []),
    { $group: { _id: byDepartment ? '$employee.departmentId' : '$date', ...summaryFigures } },
    ...(byDepartment
      ? [{ $lookup: { from: 'departments', localField: '_id', foreignField: '_id', as: 'department' } }]
      : []),
    { $sort: { _id: 1 } },
  ];
}

/** The summary's rows with each employee's names (per employee), as the payroll export reads them. */
export async function attendanceSummaryGroups(
  actor: ScopeActor,
  query: AttendanceSummaryQuery,
): Promise<SummaryGroupRow[]> {
  assertDateRange(query);
  return aggregateAttendanceDays<SummaryGroupRow>([
    { $match: { date: { $gte: query.from, $lte: query.to }, ...(await scopeMatch(actor)) } },
    ...summaryStages(query),
  ]);
}

/** Days present, absent, on leave and late, minutes worked and overtime, per employee, department or day. */
export async function attendanceSummary(
  actor: ScopeActor,
  query: AttendanceSummaryQuery,
): Promise<AttendanceSummaryRow[]> {
  const rows = await attendanceSummaryGroups(actor, query);
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

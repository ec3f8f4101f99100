import type { Types } from 'mongoose';
import { aggregateAttendanceDays } from '../attendance';
import type { ScopeActor } from '../employees';
import { aggregateLeaveRequests } from '../leave';
import { getPeriod } from '../periods';
import { attendanceSummaryGroups } from './attendance-summary.service';
import type { Range } from './pipeline';
import { keyOf, nameOf, scopeMatch } from './pipeline';
import type { PayrollExportRow } from './payroll-export.schemas';

type LeaveSplit = Map<string, { paid: number; unpaid: number }>;

/**
 * The leave days of the attendance summary (`onLeave`: a day on leave 1, a half day 0.5), split by
 * whether the approved request covering each day is of a paid leave type. The days come from the
 * same daily records as the summary, so paid + unpaid always equals its `onLeave`.
 */
async function leaveDaysByPay(actor: ScopeActor, range: Range): Promise<LeaveSplit> {
  const scope = await scopeMatch(actor);
  const [days, requests] = await Promise.all([
    aggregateAttendanceDays<{ employeeId: Types.ObjectId; date: string; status: string }>([
      {
        $match: {
          date: { $gte: range.from, $lte: range.to },
          ...scope,
          status: { $in: ['on_leave', 'half_day_leave'] },
        },
      },
      { $project: { employeeId: 1, date: 1, status: 1 } },
    ]),
    aggregateLeaveRequests<{
      employeeId: Types.ObjectId;
      startDate: string;
      endDate: string;
      type: { paid?: boolean };
    }>([
      {
        $match: {
          startDate: { $lte: range.to },
          endDate: { $gte: range.from },
          status: 'approved',
          ...scope,
        },
      },
      { $lookup: { from: 'leavetypes', localField: 'leaveTypeId', foreignField: '_id', as: 'type' } },
      { $unwind: '$type' },
      { $project: { employeeId: 1, startDate: 1, endDate: 1, 'type.paid': 1 } },
    ]),
  ]);
  // Each day looks among its own employee's requests only, not every request of the period.
  const requestsOf = new Map<string, typeof requests>();
  for (const r of requests) {
    const id = r.employeeId.toHexString();
    const list = requestsOf.get(id);
    if (list) list.push(r);
    else requestsOf.set(id, [r]);
  }
  const split: LeaveSplit = new Map();
  for (const day of days) {
    const employeeId = day.employeeId.toHexString();
    const request = requestsOf.get(employeeId)?.find((r) => r.startDate <= day.date && r.endDate >= day.date);
    const weight = day.status === 'on_leave' ? 1 : 0.5;
    const sums = split.get(employeeId) ?? { paid: 0, unpaid: 0 };
    // A leave type is paid unless it says otherwise (the model's default).
    if (request?.type.paid === false) sums.unpaid += weight;
    else sums.paid += weight;
    split.set(employeeId, sums);
  }
  return split;
}

/**
 * One row per employee with daily records in the period: the attendance summary's figures for the
 * same range (worked and overtime minutes, absent days, late days) and its leave days split into
 * paid and unpaid. Built on the report pipelines, so the export cannot disagree with the reports.
 */
export async function payrollExport(actor: ScopeActor, periodId: string): Promise<PayrollExportRow[]> {
  const period = await getPeriod(periodId);
  const range = { from: period.from, to: period.to };
  const [summary, leave] = await Promise.all([
    attendanceSummaryGroups(actor, { ...range, groupBy: 'employee' }),
    leaveDaysByPay(actor, range),
  ]);
  return summary
    .flatMap((r) => {
      if (!r.employee) return [];
      const employeeId = keyOf(r._id);
      const split = leave.get(employeeId) ?? { paid: 0, unpaid: 0 };
      return [
        {
          employeeId,
          employeeName: nameOf(r.employee),
          employeeCode: r.employee.employeeCode,
          ...range,
          workedMinutes: r.workedMinutes,
          overtimeMinutes: r.overtimeMinutes,
          paidLeaveDays: split.paid,
          unpaidLeaveDays: split.unpaid,
          absentDays: r.absent,
          lateCount: r.late,
        },
      ];
    })
    .sort((a, b) => a.employeeName.localeCompare(b.employeeName) || a.employeeId.localeCompare(b.employeeId));
}

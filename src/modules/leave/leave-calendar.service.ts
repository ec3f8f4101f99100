import type { Types } from 'mongoose';
import { assertDateRange } from '../../lib/date-range';
import mongoose from 'mongoose';
import type { ScopeActor } from '../employees';
import { findEmployeesByIds, resolveEmployeeScope, scopeFilter } from '../employees';
import type { LeaveRequestRecord, LeaveStatus } from './leave-request.model';
import { LeaveRequest } from './leave-request.model';
import { leaveTypeCodes } from './leave-types.service';

export interface LeaveCalendarEntry {
  requestId: string;
  employeeId: string;
  employeeName: string;
  departmentId: string | null;
  leaveTypeId: string;
  leaveTypeCode: string | null;
  startDate: string;
  endDate: string;
  halfDayStart: boolean;
  halfDayEnd: boolean;
  days: number;
  status: Extract<LeaveStatus, 'approved' | 'pending'>;
}

export interface LeaveCalendarQuery {
  from: string;
  to: string;
  departmentId?: string;
  includePending?: boolean;
}

type StoredRequest = LeaveRequestRecord & { _id: Types.ObjectId };

/** Who is away when, within the caller's scope: approved leave (and pending, when asked) overlapping [from, to]. */
export async function getLeaveCalendar(
  actor: ScopeActor,
  query: LeaveCalendarQuery,
): Promise<LeaveCalendarEntry[]> {
  assertDateRange(query);
  const scope = await resolveEmployeeScope(actor);
  const statuses: LeaveStatus[] = query.includePending ? ['approved', 'pending'] : ['approved'];
  const rows = await LeaveRequest.find({
    ...scopeFilter(scope, 'employeeId'),
    status: mongoose.trusted({ $in: statuses }),
    startDate: mongoose.trusted({ $lte: query.to }),
    endDate: mongoose.trusted({ $gte: query.from }),
  })
    .sort({ startDate: 1, _id: 1 })
    .lean<StoredRequest[]>();
  const [employees, codes] = await Promise.all([
    findEmployeesByIds([...new Set(rows.map((r) => r.employeeId.toHexString()))]),
    leaveTypeCodes(),
  ]);
  return rows
    .map((r): LeaveCalendarEntry => {
      const employee = employees.get(r.employeeId.toHexString());
      return {
        requestId: r._id.toHexString(),
        employeeId: r.employeeId.toHexString(),
        employeeName: employee?.fullName ?? '',
        departmentId: employee?.departmentId ?? null,
        leaveTypeId: r.leaveTypeId.toHexString(),
        leaveTypeCode: codes.get(r.leaveTypeId.toHexString()) ?? null,
        startDate: r.startDate,
        endDate: r.endDate,
        halfDayStart: r.halfDayStart ?? false,
        halfDayEnd: r.halfDayEnd ?? false,
        days: r.days,
        // The query asked for approved (and pending) requests only.
        status: r.status === 'pending' ? 'pending' : 'approved',
      };
    })
    .filter((entry) => !query.departmentId || entry.departmentId === query.departmentId);
}

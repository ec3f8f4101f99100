import mongoose from 'mongoose';
import { withLock } from '../../db/locks';
import { eachDate, isoWeekday } from '../../lib/dates';
import { BusinessRuleError, ForbiddenError } from '../../lib/errors';
import type { Actor, EmployeeDto } from '../employees';
import { findDepartment, findDepartmentMembers, findEmployeeProfile } from '../employees';
import { calendarsFor, holidayDatesBetween } from './holidays.service';
import type { CoverageDto } from './leave-coverage.schemas';
import type { StoredRequest } from './leave-request-dto';
import { LeaveRequest } from './leave-request.model';
import { findVisible } from './leave-request-queries.service';
import { findLeaveType, leaveTypeCodes } from './leave-types.service';

/**
 * Who else in the employee's department is away on a request's days, and the department's limit
 * (`maxAbsent`): approving beyond it is refused unless an admin overrides with a reason.
 */

/** The days the request takes the employee away: their work week without their holidays. */
async function daysAway(employee: EmployeeDto, r: StoredRequest): Promise<string[]> {
  const type = await findLeaveType(r.leaveTypeId.toHexString());
  const dates = [...eachDate(r.startDate, r.endDate)];
  if (type?.unit === 'calendar_day') return dates;
  const holidays = await holidayDatesBetween(calendarsFor(employee.holidayCalendar), r.startDate, r.endDate);
  return dates.filter((d) => employee.workWeek.includes(isoWeekday(d)) && !holidays.has(d));
}

/** The requester and their department, read once for the limit check and the coverage. */
async function teamOf(r: StoredRequest) {
  const employee = await findEmployeeProfile(r.employeeId.toHexString());
  const department = employee?.departmentId ? await findDepartment(employee.departmentId) : undefined;
  return { employee, department };
}

async function coverageFor(
  r: StoredRequest,
  { employee, department }: Awaited<ReturnType<typeof teamOf>>,
): Promise<CoverageDto> {
  const base = {
    requestId: r._id.toHexString(),
    employeeId: r.employeeId.toHexString(),
    departmentId: department?.id ?? null,
    departmentName: department?.name ?? null,
    maxAbsent: department?.maxAbsent ?? null,
    startDate: r.startDate,
    endDate: r.endDate,
  };
  if (!employee || !department) return { ...base, away: [], days: [], exceedsLimit: false };
  const members = (await findDepartmentMembers(department.id)).filter((m) => m.id !== employee.id);
  const names = new Map(members.map((m) => [m.id, m.fullName]));
  const [others, codes, dates] = await Promise.all([
    LeaveRequest.find({
      employeeId: mongoose.trusted({ $in: members.map((m) => new mongoose.Types.ObjectId(m.id)) }),
      status: mongoose.trusted({ $in: ['approved', 'pending'] }),
      startDate: mongoose.trusted({ $lte: r.endDate }),
      endDate: mongoose.trusted({ $gte: r.startDate }),
    })
      .sort({ startDate: 1, _id: 1 })
      .lean<StoredRequest[]>(),
    leaveTypeCodes(),
    daysAway(employee, r),
  ]);
  const away = others.map((o) => ({
    employeeId: o.employeeId.toHexString(),
    employeeName: names.get(o.employeeId.toHexString()) ?? '',
    requestId: o._id.toHexString(),
    leaveTypeCode: codes.get(o.leaveTypeId.toHexString()) ?? null,
    startDate: o.startDate,
    endDate: o.endDate,
    status: o.status === 'approved' ? ('approved' as const) : ('pending' as const),
  }));
  const peopleOn = (date: string, status: string) =>
    new Set(
      away
        .filter((a) => a.status === status && a.startDate <= date && date <= a.endDate)
        .map((a) => a.employeeId),
    ).size;
  const days = dates.map((date) => {
    const approvedAway = peopleOn(date, 'approved');
    const exceedsLimit = department.maxAbsent != null && approvedAway + 1 > department.maxAbsent;
    return { date, approvedAway, pendingAway: peopleOn(date, 'pending'), exceedsLimit };
  });
  return { ...base, away, days, exceedsLimit: days.some((d) => d.exceedsLimit) };
}

export async function getCoverage(actor: Actor, id: string): Promise<CoverageDto> {
  const request = await findVisible(actor, id);
  return coverageFor(request, await teamOf(request));
}

/**
 * Runs `approve` while no other approval in the department can slip in between the limit check and
 * the write. Beyond maxAbsent: 422, unless an admin gives a reason (returned for the record).
 */
export async function withinCoverage<T>(
  actor: Actor,
  r: StoredRequest,
  overrideReason: string | undefined,
  approve: (override: string | undefined) => Promise<T>,
): Promise<T> {
  if (overrideReason !== undefined && actor.role !== 'admin')
    throw new ForbiddenError('Only an admin can approve beyond the department limit');
  const team = await teamOf(r);
  const { department } = team;
  if (!department?.maxAbsent) return approve(undefined);
  return withLock(`coverage:${department.id}`, async () => {
    const coverage = await coverageFor(r, team);
    if (!coverage.exceedsLimit) return approve(undefined);
    if (overrideReason) return approve(overrideReason);
    const over = coverage.days.filter((d) => d.exceedsLimit).map((d) => d.date);
    throw new BusinessRuleError(
      `Approving puts more than ${department.maxAbsent} of ${department.name} away on ${over.join(', ')}; an admin may approve anyway with coverageOverrideReason`,
      {
        errors: [
          { field: 'coverageOverrideReason', message: `needed: over maxAbsent on ${over.join(', ')}` },
        ],
      },
    );
  });
}

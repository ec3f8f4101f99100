import mongoose, { Types } from 'mongoose';
import {
  BusinessRuleError,
  ConflictError,
  ForbiddenError,
  TooManyRequestsError,
  unknownReference,
} from '../../lib/errors';
import { getConfig } from '../../config';
import { daysBetween, todayIn } from '../../lib/dates';
import { consumeOrWait, mongoRateLimiter } from '../../lib/mongo-rate-limiter';
import type { Actor, EmployeeDto } from '../employees';
import { findEmployeeProfile } from '../employees';
import { ACTIVE_LEAVE_STATUSES, LeaveRequest } from './leave-request.model';
import type { LeaveTypeDto } from './leave-types.service';
import { findLeaveType } from './leave-types.service';
import type { StoredRequest } from './leave-request-dto';

/** The checks a new request passes before anything is written. */

/** A well-formed request a rule refuses: 422 naming the field (docs/contract.md). */
function ruleError(field: string, message: string): BusinessRuleError {
  return new BusinessRuleError(`${field} ${message}`, { errors: [{ field, message }] });
}

export interface SubmitLeaveInput {
  employeeId?: string;
  leaveTypeId: string;
  startDate: string;
  endDate: string;
  halfDayStart?: boolean;
  halfDayEnd?: boolean;
  reason?: string;
}

const MAX_REQUEST_SPAN_DAYS = 366;

export async function resolveSubject(actor: Actor, employeeId: string | undefined): Promise<EmployeeDto> {
  const id = employeeId ?? actor.employeeId;
  if (!id) throw ruleError('employeeId', 'is required: your login has no employee record');
  if (id !== actor.employeeId && actor.role !== 'admin')
    throw new ForbiddenError('Only an admin can request leave for someone else');
  const employee = await findEmployeeProfile(id);
  if (!employee) throw unknownReference('employeeId', 'employee');
  if (employee.status !== 'active') throw new BusinessRuleError('The employee is not active');
  return employee;
}

export async function resolveType(leaveTypeId: string): Promise<LeaveTypeDto> {
  const type = await findLeaveType(leaveTypeId);
  if (!type) throw unknownReference('leaveTypeId', 'leave type');
  if (!type.active) throw new BusinessRuleError('This leave type is no longer available');
  return type;
}

export function checkShape(input: SubmitLeaveInput, type: LeaveTypeDto): void {
  if (input.endDate < input.startDate) throw ruleError('endDate', 'must not be before startDate');
  if (daysBetween(input.startDate, input.endDate) >= MAX_REQUEST_SPAN_DAYS) {
    throw ruleError('endDate', `must be within ${MAX_REQUEST_SPAN_DAYS} days of startDate`);
  }
  if (input.startDate === input.endDate && input.halfDayStart && input.halfDayEnd) {
    throw ruleError('halfDayEnd', 'a single day is either a half day or a whole day');
  }
  if (!type.allowHalfDay && (input.halfDayStart || input.halfDayEnd))
    throw new BusinessRuleError(`${type.name} cannot be taken in half days`);
}

export function checkRules(
  actor: Actor,
  employee: EmployeeDto,
  type: LeaveTypeDto,
  input: SubmitLeaveInput,
  days: number,
): void {
  if (days <= 0) throw new BusinessRuleError('The request covers no working days');
  if (input.startDate < employee.hireDate)
    throw new BusinessRuleError('Leave cannot start before the hire date');
  // Admins record leave after the fact (sickness, corrections), so notice applies to everyone else.
  const notice = daysBetween(todayIn(employee.timezone), input.startDate);
  if (type.noticeDays && actor.role !== 'admin' && notice < type.noticeDays) {
    throw new BusinessRuleError(
      `${type.name} needs ${type.noticeDays} day(s) notice; this starts in ${notice}`,
    );
  }
}

/** 409 when active leave of the employee overlaps the dates (other than `exceptId`, the one being changed). */
export async function assertNoOverlap(
  employeeId: string,
  startDate: string,
  endDate: string,
  exceptId?: Types.ObjectId,
): Promise<void> {
  const clash = await LeaveRequest.findOne(
    {
      ...(exceptId ? { _id: mongoose.trusted({ $ne: exceptId }) } : {}),
      employeeId: new Types.ObjectId(employeeId),
      status: mongoose.trusted({ $in: ACTIVE_LEAVE_STATUSES }),
      startDate: mongoose.trusted({ $lte: endDate }),
      endDate: mongoose.trusted({ $gte: startDate }),
    },
    { startDate: 1, endDate: 1, status: 1 },
  ).lean<StoredRequest>();
  if (clash) {
    throw new ConflictError(
      `Overlaps the ${clash.status} request ${clash._id.toHexString()} (${clash.startDate} to ${clash.endDate})`,
    );
  }
}

export const submissionLimiter = mongoRateLimiter(() => ({
  tableName: 'rate_limits',
  keyPrefix: 'leave-submit',
  points: getConfig().LEAVE_SUBMISSIONS_PER_HOUR,
  durationSeconds: 3600,
}));

/** A business-flow limit (OWASP API6): one user cannot script hundreds of leave requests. */
export async function assertSubmissionAllowed(userId: string): Promise<void> {
  const wait = await consumeOrWait(await submissionLimiter(), userId);
  if (wait !== undefined) throw new TooManyRequestsError('Too many leave requests; try again later', wait);
}

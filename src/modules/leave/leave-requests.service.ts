import { now } from '../../lib/clock';
import type { IfMatch } from '../../lib/entity-tag';
import { assertPrecondition, staleIfMatch } from '../../lib/entity-tag';
import { BusinessRuleError, ConflictError, ForbiddenError } from '../../lib/errors';
import { todayIn } from '../../lib/dates';
import { withLock } from '../../db/locks';
import { createdWithWork, finishWork, newWork, withWork } from '../../db/unfinished-work';
import type { Actor } from '../employees';
import { findEmployeeProfile } from '../employees';
import { assertDatesOpen } from '../periods';
import { assertAttachmentPossibleAtSubmit } from './attachment-rules';
import { assertBalance } from './leave-balance-check';
import { assertConsecutiveLimit } from './leave-consecutive';
import { countRequestDays } from './leave-day-count';
import { ACTIVE_LEAVE_STATUSES, LeaveRequest } from './leave-request.model';
import type { LeaveRequestDto, StoredRequest } from './leave-request-dto';
import { toDtoWithCodes } from './leave-request-dto';
import { AUTO_APPROVER } from './leave-request-finishers';
import { planApprovals } from './approval-routing';
import { stepsForRequest } from './approval-steps';
import { findStored, findVisible } from './leave-request-queries.service';
import { unchangedSince } from './leave-request-version';
import type { SubmitLeaveInput } from './leave-request-rules';
import {
  assertNoOverlap,
  assertSubmissionAllowed,
  checkRules,
  checkShape,
  resolveSubject,
  resolveType,
} from './leave-request-rules';

/** The life of a leave request: submit and cancel (deciding is in leave-decisions.service.ts). */

export async function submitLeaveRequest(actor: Actor, input: SubmitLeaveInput): Promise<LeaveRequestDto> {
  await assertSubmissionAllowed(actor.id);
  const employee = await resolveSubject(actor, input.employeeId);
  const type = await resolveType(input.leaveTypeId);
  checkShape(input, type);
  const count = await countRequestDays(employee, type, input);
  checkRules(actor, employee, type, input, count.total);
  assertAttachmentPossibleAtSubmit(type, count.total, !type.requiresApproval);
  await assertDatesOpen({ from: input.startDate, to: input.endDate }, 'startDate');

  return withLock(`leave:${employee.id}`, async () => {
    await assertNoOverlap(employee.id, input.startDate, input.endDate);
    await assertConsecutiveLimit({
      employee,
      type,
      startDate: input.startDate,
      endDate: input.endDate,
      days: count.total,
    });
    await assertBalance(employee, type, input, count.byYear);
    const autoApproved = !type.requiresApproval;
    const approvals = autoApproved
      ? undefined
      : await planApprovals(employee, stepsForRequest(type.approvalSteps, count.total), now());
    const work = newWork('leave_request.create');
    const created = await LeaveRequest.create(
      createdWithWork(
        {
          employeeId: employee.id,
          leaveTypeId: type.id,
          startDate: input.startDate,
          endDate: input.endDate,
          halfDayStart: input.halfDayStart ?? false,
          halfDayEnd: input.halfDayEnd ?? false,
          days: count.total,
          daysByYear: count.byYear,
          reason: input.reason,
          status: autoApproved ? 'approved' : 'pending',
          ...(approvals ? { approvals, currentStep: 1 } : {}),
          requestedBy: actor.id,
          ...(autoApproved ? { decidedBy: AUTO_APPROVER, decidedAt: new Date() } : {}),
        },
        work,
      ),
    );
    const stored = created.toObject<StoredRequest>();
    await finishWork(LeaveRequest, stored, work);
    const dto = await toDtoWithCodes(stored);
    return dto;
  });
}

/**
 * The owner cancels a request before it starts (in their time zone); an admin at any time.
 * A pending request's held days and an approved request's used days are released.
 */
export async function cancelLeaveRequest(
  actor: Actor,
  id: string,
  ifMatch?: IfMatch,
): Promise<LeaveRequestDto> {
  const request = await findVisible(actor, id);
  if (ifMatch !== undefined) assertPrecondition(await toDtoWithCodes(request), ifMatch);
  const isOwner = request.employeeId.toHexString() === actor.employeeId;
  if (!isOwner && actor.role !== 'admin')
    throw new ForbiddenError('Only the employee or an admin can cancel a request');
  if (!ACTIVE_LEAVE_STATUSES.includes(request.status))
    throw new ConflictError(`The request is already ${request.status}`);
  if (actor.role !== 'admin' && request.status === 'approved') {
    const employee = await findEmployeeProfile(request.employeeId.toHexString());
    if (employee && request.startDate <= todayIn(employee.timezone)) {
      throw new BusinessRuleError('This leave has already started; ask an admin to cancel it');
    }
  }
  await assertDatesOpen({ from: request.startDate, to: request.endDate }, 'startDate');
  const work = newWork('leave_request.cancel', {
    from: request.status,
    ...(request.pendingAmendment ? { pendingAmendment: request.pendingAmendment } : {}),
  });
  const before = await LeaveRequest.findOneAndUpdate(
    // The version the status and pending amendment were read at: the work records them.
    { ...unchangedSince(request, ifMatch), status: request.status },
    withWork(
      {
        $set: { status: 'cancelled', cancelledBy: actor.id, cancelledAt: new Date() },
        $unset: { pendingAmendment: 1 },
        $inc: { version: 1 },
      },
      work,
    ),
    { returnDocument: 'before' },
  ).lean<StoredRequest>();
  if (!before) {
    const current = await findStored(id);
    if (current && ACTIVE_LEAVE_STATUSES.includes(current.status)) {
      if (ifMatch !== undefined) throw staleIfMatch();
      // Changed since it was read (decided, amended): cancel what it is now.
      return cancelLeaveRequest(actor, id);
    }
    throw new ConflictError(`The request is already ${current?.status ?? 'gone'}`);
  }
  const after = await findStored(id);
  await finishWork(LeaveRequest, after ?? before, work);
  return toDtoWithCodes(after ?? before);
}

import type { IfMatch } from '../../lib/entity-tag';
import { assertPrecondition, staleIfMatch } from '../../lib/entity-tag';
import { BusinessRuleError, ConflictError, ForbiddenError } from '../../lib/errors';
import { todayIn } from '../../lib/dates';
import { withLock } from '../../db/locks';
import { createdWithWork, finishWork, newWork, withWork } from '../../db/unfinished-work';
import type { Actor } from '../employees';
import { findEmployeeProfile } from '../employees';
import { assertDatesOpen } from '../periods';
import { assertAttachmentBeforeApproval, assertAttachmentPossibleAtSubmit } from './attachment-rules';
import { assertBalance } from './leave-balance-check';
import { assertConsecutiveLimit } from './leave-consecutive';
import { countRequestDays } from './leave-day-count';
import type { LeaveStatus } from './leave-request.model';
import { ACTIVE_LEAVE_STATUSES, LeaveRequest } from './leave-request.model';
import { findLeaveType } from './leave-types.service';
import type { LeaveRequestDto, StoredRequest } from './leave-request-dto';
import { toDtoWithCodes } from './leave-request-dto';
import { AUTO_APPROVER, settleDecisionLedger } from './leave-request-finishers';
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

/** The life of a leave request: submit, decide (approve or reject), cancel. */

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
 * Approve or reject. Only the employee's manager (direct or higher up) or an admin may decide, never
 * the employee; the conditional update lets exactly one of any number of concurrent decisions win.
 */
export async function decideLeaveRequest(
  actor: Actor,
  id: string,
  decision: 'approve' | 'reject',
  comment?: string,
  ifMatch?: IfMatch,
): Promise<LeaveRequestDto> {
  const request = await findVisible(actor, id);
  if (ifMatch !== undefined) assertPrecondition(await toDtoWithCodes(request), ifMatch);
  if (request.employeeId.toHexString() === actor.employeeId)
    throw new ForbiddenError('Nobody can decide their own leave request');
  if (decision === 'approve') {
    const type = await findLeaveType(request.leaveTypeId.toHexString());
    await assertAttachmentBeforeApproval(type, request._id.toHexString(), request.days);
  }
  await assertDatesOpen({ from: request.startDate, to: request.endDate }, 'startDate');
  const status: LeaveStatus = decision === 'approve' ? 'approved' : 'rejected';
  const work = newWork(`leave_request.${decision}`, comment ? { comment } : undefined);
  // With If-Match the decision applies only to the version the approver read (an edit in between: 412).
  const decided = await LeaveRequest.findOneAndUpdate(
    {
      ...(ifMatch === undefined ? { _id: request._id } : unchangedSince(request, ifMatch)),
      status: 'pending',
    },
    withWork(
      {
        $set: {
          status,
          decidedBy: actor.id,
          decidedAt: new Date(),
          ...(comment ? { decisionComment: comment } : {}),
        },
        $inc: { version: 1 },
      },
      work,
    ),
    { returnDocument: 'after' },
  ).lean<StoredRequest>();
  if (!decided) {
    const current = await findStored(id);
    // A decision whose process died after the status write: its idempotent ledger steps (unique
    // keys) are completed by the retry, which still gets 409, so the balance always equals its ledger.
    if (current?.status === status)
      await settleDecisionLedger(current, status, current.decidedBy ?? actor.id);
    if (ifMatch !== undefined && current?.status === 'pending') throw staleIfMatch();
    throw new ConflictError(`The request is already ${current?.status ?? 'gone'}`);
  }
  await finishWork(LeaveRequest, decided, work);
  return toDtoWithCodes(decided);
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

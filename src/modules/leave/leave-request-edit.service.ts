import type { IfMatch } from '../../lib/entity-tag';
import { assertPrecondition, staleIfMatch } from '../../lib/entity-tag';
import { ConflictError } from '../../lib/errors';
import { withLock } from '../../db/locks';
import { finishWork, withWork } from '../../db/unfinished-work';
import { now } from '../../lib/clock';
import type { Actor, EmployeeDto } from '../employees';
import { planApprovals } from './approval-routing';
import { stepsForRequest } from './approval-steps';
import type { LeaveTypeDto } from './leave-types.service';
import { assertDatesOpen } from '../periods';
import { assertAttachmentPossibleAtSubmit } from './attachment-rules';
import type { LeaveRequestEditInput } from './leave-amendments.schemas';
import { addedDays, assertMayChange, correctionEntries, datesOf, sameDates } from './leave-amendment-rules';
import { assertBalance } from './leave-balance-check';
import { assertConsecutiveLimit } from './leave-consecutive';
import { countRequestDays } from './leave-day-count';
import type { LeaveRequestDto, StoredRequest } from './leave-request-dto';
import { toDtoWithCodes } from './leave-request-dto';
import { lapseOf, planWork } from './leave-change-plan';
import { findStored, findVisible } from './leave-request-queries.service';
import { assertNoOverlap, checkRules, checkShape, resolveSubject, resolveType } from './leave-request-rules';
import { LeaveRequest } from './leave-request.model';
import { nextVersion, unchangedSince } from './leave-request-version';

/**
 * Editing a pending request (PATCH): the dates, half days, type or reason, checked by the same rules
 * as a new request (shape, notice, hire date, overlap 409, consecutive days and balance 422). The
 * request changes by one conditional update on the version read, so of two racing edits one lands
 * and the other is 409; the held days are then corrected by keyed ledger entries.
 */
async function restartedApprovals(employee: EmployeeDto, type: LeaveTypeDto, days: number) {
  return {
    approvals: await planApprovals(employee, stepsForRequest(type.approvalSteps, days), now()),
    currentStep: 1,
  };
}

export async function editLeaveRequest(
  actor: Actor,
  id: string,
  input: LeaveRequestEditInput,
  ifMatch?: IfMatch,
): Promise<LeaveRequestDto> {
  const request = await findVisible(actor, id);
  if (ifMatch !== undefined) assertPrecondition(await toDtoWithCodes(request), ifMatch);
  const employeeId = request.employeeId.toHexString();
  assertMayChange(actor, employeeId);
  if (request.status !== 'pending') {
    throw new ConflictError(
      `The request is already ${request.status}; only a pending request is edited (amend an approved one with POST /leave-requests/{id}/amend)`,
    );
  }
  const employee = await resolveSubject(actor, employeeId);
  const merged = {
    leaveTypeId: input.leaveTypeId ?? request.leaveTypeId.toHexString(),
    ...datesOf({
      startDate: input.startDate ?? request.startDate,
      endDate: input.endDate ?? request.endDate,
      halfDayStart: input.halfDayStart ?? request.halfDayStart ?? false,
      halfDayEnd: input.halfDayEnd ?? request.halfDayEnd ?? false,
    }),
  };
  const reason = input.reason === undefined ? (request.reason ?? undefined) : (input.reason ?? undefined);
  const from = datesOf(request);
  const sameType = merged.leaveTypeId === request.leaveTypeId.toHexString();
  if (sameType && sameDates(from, merged) && reason === (request.reason ?? undefined))
    return toDtoWithCodes(request);

  const type = await resolveType(merged.leaveTypeId);
  checkShape(merged, type);
  await assertDatesOpen({ from: from.startDate, to: from.endDate }, 'startDate');
  await assertDatesOpen({ from: merged.startDate, to: merged.endDate }, 'startDate');
  const count = await countRequestDays(employee, type, merged);
  checkRules(actor, employee, type, merged, count.total);
  assertAttachmentPossibleAtSubmit(type, count.total, false);

  return withLock(`leave:${employeeId}`, async () => {
    await assertNoOverlap(employeeId, merged.startDate, merged.endDate, request._id);
    await assertConsecutiveLimit({
      employee,
      type,
      startDate: merged.startDate,
      endDate: merged.endDate,
      days: count.total,
      excludeRequestId: id,
    });
    await assertBalance(
      employee,
      type,
      merged,
      sameType ? addedDays(request.daysByYear, count.byYear) : count.byYear,
    );
    const version = nextVersion(request);
    const entry = {
      kind: 'edit',
      from: { leaveTypeId: request.leaveTypeId, ...from, days: request.days },
      to: { leaveTypeId: type.id, ...datesOf(merged), days: count.total },
      reason: 'Edited while pending',
      by: actor.id,
      at: new Date(),
      status: 'applied',
    };
    const work = planWork('leave_request.update', {
      ledger: correctionEntries({
        requestId: id,
        employeeId,
        version,
        status: 'pending',
        from: { leaveTypeId: request.leaveTypeId.toHexString(), daysByYear: request.daysByYear },
        to: { leaveTypeId: type.id, daysByYear: count.byYear },
        reason: entry.reason,
        by: actor.id,
      }),
      lapses: [
        lapseOf(request),
        { ...lapseOf(request), leaveTypeId: type.id, years: count.byYear.map((y) => y.year) },
      ],
      audit: { before: await toDtoWithCodes(request) },
      amended: {
        stage: 'edited',
        previousStartDate: request.startDate,
        previousEndDate: request.endDate,
        previousDays: request.days,
        reason: entry.reason,
        by: actor.id,
        version,
      },
    });
    // Changed dates or type are a new question: the approval starts again from its first step.
    const restarted =
      sameType && sameDates(from, merged) ? {} : await restartedApprovals(employee, type, count.total);
    const updated = await LeaveRequest.findOneAndUpdate(
      { ...unchangedSince(request, ifMatch), status: 'pending' },
      withWork(
        {
          $set: {
            ...merged,
            ...restarted,
            days: count.total,
            daysByYear: count.byYear,
            version,
            ...(reason ? { reason } : {}),
          },
          ...(reason ? {} : { $unset: { reason: 1 } }),
          $push: { amendments: entry },
        },
        work,
      ),
      { returnDocument: 'after' },
    ).lean<StoredRequest>();
    if (!updated) {
      const current = await findStored(id);
      if (ifMatch !== undefined && current?.status === 'pending') throw staleIfMatch();
      throw new ConflictError(
        current?.status === 'pending'
          ? 'The request changed meanwhile; read it again and retry'
          : `The request is already ${current?.status ?? 'gone'}`,
      );
    }
    await finishWork(LeaveRequest, updated, work);
    const dto = await toDtoWithCodes(updated);
    return dto;
  });
}

import type { IfMatch } from '../../lib/entity-tag';
import { assertPrecondition, staleIfMatch } from '../../lib/entity-tag';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors';
import { withLock } from '../../db/locks';
import { finishWork, withWork } from '../../db/unfinished-work';
import type { Actor } from '../employees';
import { findEmployeeProfile } from '../employees';
import { assertDatesOpen } from '../periods';
import { amendmentHoldEntries, changedDates, correctionEntries, datesOf } from './leave-amendment-rules';
import { holdOwner } from './leave-amendment-steps';
import { spanOf } from './leave-amendments.service';
import { lapseOf, planWork } from './leave-change-plan';
import { countRequestDays } from './leave-day-count';
import type { DayCount } from './leave-days';
import type { LeaveRequestDto, StoredRequest } from './leave-request-dto';
import { toDtoWithCodes } from './leave-request-dto';
import { findStored, findVisible } from './leave-request-queries.service';
import { assertNoOverlap } from './leave-request-rules';
import { LeaveRequest } from './leave-request.model';
import { nextVersion, unchangedSince } from './leave-request-version';
import { findLeaveType } from './leave-types.service';

/**
 * Deciding a waiting amendment (an extension of approved leave): the people who may approve the
 * request (its employee's manager, direct or higher, or an admin; never the employee) approve it,
 * and the request takes the new dates, or reject it, and it stays as it was. Either way the held
 * days are released, by one conditional update on the version and keyed ledger entries.
 */
export async function decideAmendment(
  actor: Actor,
  id: string,
  decision: 'approve' | 'reject',
  comment?: string,
  ifMatch?: IfMatch,
): Promise<LeaveRequestDto> {
  const request = await findVisible(actor, id);
  if (ifMatch !== undefined) assertPrecondition(await toDtoWithCodes(request), ifMatch);
  const employeeId = request.employeeId.toHexString();
  if (employeeId === actor.employeeId) throw new ForbiddenError('Nobody can decide their own amendment');
  const pending = request.pendingAmendment;
  if (request.status !== 'approved' || !pending)
    throw new ConflictError('No amendment of this request is waiting for a decision');
  const approve = decision === 'approve';
  return withLock(`leave:${employeeId}`, async () => {
    const to = datesOf(pending);
    let count: DayCount = {
      total: pending.days,
      byYear: pending.daysByYear.map((y) => ({ year: y.year, days: y.days })),
    };
    if (approve) {
      await assertDatesOpen(changedDates(datesOf(request), to), 'startDate');
      // Something else may have been booked on the added days since the amendment was asked for.
      await assertNoOverlap(employeeId, to.startDate, to.endDate, request._id);
      const [employee, type] = await Promise.all([
        findEmployeeProfile(employeeId),
        findLeaveType(request.leaveTypeId.toHexString()),
      ]);
      if (!employee || !type) throw new NotFoundError('Leave request not found');
      count = await countRequestDays(employee, type, to); // holidays may have changed meanwhile
    }
    const version = nextVersion(request);
    const at = `amendments.${pending.index}`;
    const work = planWork(`leave_request.amendment_${decision}`, {
      ledger: [
        ...amendmentHoldEntries(holdOwner(request), pending, 1, actor.id),
        ...(approve
          ? correctionEntries({
              requestId: id,
              employeeId,
              version,
              status: 'approved',
              from: { leaveTypeId: request.leaveTypeId.toHexString(), daysByYear: request.daysByYear },
              to: { leaveTypeId: request.leaveTypeId.toHexString(), daysByYear: count.byYear },
              reason: pending.reason,
              by: actor.id,
            })
          : []),
      ],
      lapses: [approve ? { ...lapseOf(request), years: count.byYear.map((y) => y.year) } : lapseOf(request)],
      audit: {
        before: { ...datesOf(request), days: request.days },
        after: approve ? { ...to, days: count.total } : { ...datesOf(request), days: request.days },
        metadata: { reason: pending.reason, comment, version },
      },
      ...(approve ? { datesChanged: spanOf(request, to) } : {}),
      amended: {
        stage: approve ? 'approved' : 'rejected',
        previousStartDate: request.startDate,
        previousEndDate: request.endDate,
        previousDays: request.days,
        reason: comment ?? pending.reason,
        by: actor.id,
        version,
      },
    });
    const updated = await LeaveRequest.findOneAndUpdate(
      { ...unchangedSince(request, ifMatch), status: 'approved' },
      withWork(
        {
          $set: {
            version,
            ...(approve ? { ...to, days: count.total, daysByYear: count.byYear } : {}),
            [`${at}.status`]: approve ? 'approved' : 'rejected',
            [`${at}.decidedBy`]: actor.id,
            [`${at}.decidedAt`]: new Date(),
            ...(comment ? { [`${at}.comment`]: comment } : {}),
            ...(approve ? { [`${at}.to.days`]: count.total } : {}),
          },
          $unset: { pendingAmendment: 1 },
        },
        work,
      ),
      { returnDocument: 'after' },
    ).lean<StoredRequest>();
    if (!updated) {
      const current = await findStored(id);
      if (ifMatch !== undefined && current?.status === 'approved' && current.pendingAmendment)
        throw staleIfMatch();
      throw new ConflictError(
        current?.status === 'approved' && current.pendingAmendment
          ? 'The request changed meanwhile; read it again and retry'
          : 'No amendment of this request is waiting for a decision',
      );
    }
    await finishWork(LeaveRequest, updated, work);
    const dto = await toDtoWithCodes(updated);
    return dto;
  });
}

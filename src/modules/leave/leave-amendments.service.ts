import type { IfMatch } from '../../lib/entity-tag';
import { assertPrecondition, staleIfMatch } from '../../lib/entity-tag';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { withLock } from '../../db/locks';
import { finishWork, withWork } from '../../db/unfinished-work';
import type { Actor } from '../employees';
import { findEmployeeProfile } from '../employees';
import { assertDatesOpen } from '../periods';
import type { LeaveAmendInput } from './leave-amendments.schemas';
import type { Dates } from './leave-amendment-rules';
import {
  addedDays,
  amendmentHoldEntries,
  assertAmendmentAllowed,
  assertMayChange,
  changedDates,
  correctionEntries,
  datesOf,
  isWithin,
  sameDates,
} from './leave-amendment-rules';
import { holdOwner } from './leave-amendment-steps';
import { assertBalance } from './leave-balance-check';
import { assertConsecutiveLimit } from './leave-consecutive';
import { countRequestDays } from './leave-day-count';
import type { LeaveRequestDto, StoredRequest } from './leave-request-dto';
import { toDtoWithCodes } from './leave-request-dto';
import { lapseOf, planWork } from './leave-change-plan';
import { findStored, findVisible } from './leave-request-queries.service';
import { assertNoOverlap, checkShape } from './leave-request-rules';
import { LeaveRequest } from './leave-request.model';
import { nextVersion, unchangedSince } from './leave-request-version';
import { findLeaveType } from './leave-types.service';

/**
 * Amending approved leave. Inside the approved days (shorter, some days dropped, a day turned half),
 * or on a type that needs no approval, it applies at once and the released days go back to the
 * balance; reaching outside them it waits
 * (`pendingAmendment`, its added days held) for an approver while the original stays approved.
 * Every step is one conditional update on the request's version, then keyed ledger entries, an
 * audit entry and a `leave.amended` announcement.
 */

export interface AmendOutcome {
  /** `applied`: changed at once (200); `pending`: waits for an approver (202). */
  outcome: 'applied' | 'pending';
  request: LeaveRequestDto;
}

const holding = (r: StoredRequest) => ({
  leaveTypeId: r.leaveTypeId.toHexString(),
  daysByYear: r.daysByYear,
});

function conflict(current: StoredRequest | null): ConflictError {
  if (current?.status !== 'approved')
    return new ConflictError(`The request is ${current?.status ?? 'gone'}; only approved leave is amended`);
  return new ConflictError('The request changed meanwhile; read it again and retry');
}

/** The same amendment again (a retry, or the loser of a race with an identical one) answers as it did. */
function alreadyThere(r: StoredRequest, to: Dates): AmendOutcome['outcome'] | undefined {
  if (r.status !== 'approved') return undefined;
  if (r.pendingAmendment) return sameDates(datesOf(r.pendingAmendment), to) ? 'pending' : undefined;
  return sameDates(datesOf(r), to) ? 'applied' : undefined;
}

export async function amendLeaveRequest(
  actor: Actor,
  id: string,
  input: LeaveAmendInput,
  ifMatch?: IfMatch,
): Promise<AmendOutcome> {
  const request = await findVisible(actor, id);
  if (ifMatch !== undefined) assertPrecondition(await toDtoWithCodes(request), ifMatch);
  const employeeId = request.employeeId.toHexString();
  assertMayChange(actor, employeeId);
  const to = datesOf(input);
  const same = alreadyThere(request, to);
  if (same) return { outcome: same, request: await toDtoWithCodes(request) };
  if (request.status === 'pending')
    throw new ConflictError('The request is still pending: edit it with PATCH /leave-requests/{id}');
  if (request.status !== 'approved') throw conflict(request);
  if (request.pendingAmendment)
    throw new ConflictError('An amendment of this request is already waiting for a decision');
  const [employee, type] = await Promise.all([
    findEmployeeProfile(employeeId),
    findLeaveType(request.leaveTypeId.toHexString()),
  ]);
  if (!employee || !type) throw new NotFoundError('Leave request not found');
  const from = datesOf(request);
  checkShape({ ...to, leaveTypeId: type.id }, type);
  // Days inside a closed payroll period stay as payroll saw them; the unchanged days may be closed.
  await assertDatesOpen(changedDates(from, to), 'startDate');
  const count = await countRequestDays(employee, type, to);
  assertAmendmentAllowed(actor, employee, type, { from, to, days: count.total });
  const within = isWithin(from, to);
  // Leave of a type that needs no approval changes at once, extensions too (the balance permitting).
  const atOnce = within || !type.requiresApproval;

  return withLock(`leave:${employeeId}`, async () => {
    await assertNoOverlap(employeeId, to.startDate, to.endDate, request._id);
    await assertConsecutiveLimit({ employee, type, ...to, days: count.total, excludeRequestId: id });
    const held = addedDays(request.daysByYear, count.byYear);
    if (!within) await assertBalance(employee, type, to, held);
    const version = nextVersion(request);
    const at = new Date();
    const entry = {
      kind: 'amend',
      from: { leaveTypeId: request.leaveTypeId, ...from, days: request.days },
      to: { leaveTypeId: request.leaveTypeId, ...to, days: count.total },
      reason: input.reason,
      by: actor.id,
      at,
      status: atOnce ? 'applied' : 'pending',
    };
    const change = atOnce
      ? { $set: { ...to, days: count.total, daysByYear: count.byYear, version } }
      : {
          $set: {
            version,
            pendingAmendment: {
              index: request.amendments?.length ?? 0,
              ...to,
              days: count.total,
              daysByYear: count.byYear,
              held,
              version,
              reason: input.reason,
              requestedBy: actor.id,
              requestedAt: at,
            },
          },
        };
    const work = planWork(atOnce ? 'leave_request.amend' : 'leave_request.amend_request', {
      ledger: atOnce
        ? correctionEntries({
            requestId: id,
            employeeId,
            version,
            status: 'approved',
            from: holding(request),
            to: { ...holding(request), daysByYear: count.byYear },
            reason: input.reason,
            by: actor.id,
          })
        : amendmentHoldEntries(holdOwner(request), { version, held, reason: input.reason }, -1, actor.id),
      lapses: [atOnce ? { ...lapseOf(request), years: count.byYear.map((y) => y.year) } : lapseOf(request)],
      audit: {
        before: { ...from, days: request.days },
        after: { ...to, days: count.total, status: entry.status },
        metadata: { reason: input.reason, version },
      },
      ...(atOnce ? { datesChanged: spanOf(request, to) } : {}),
      amended: {
        stage: atOnce ? 'applied' : 'requested',
        previousStartDate: request.startDate,
        previousEndDate: request.endDate,
        previousDays: request.days,
        reason: input.reason,
        by: actor.id,
        version,
      },
    });
    const updated = await LeaveRequest.findOneAndUpdate(
      { ...unchangedSince(request, ifMatch), status: 'approved' },
      withWork({ ...change, $push: { amendments: entry } }, work),
      { returnDocument: 'after' },
    ).lean<StoredRequest>();
    if (!updated) {
      const current = await findStored(id);
      const raced = current && alreadyThere(current, to);
      if (raced) return { outcome: raced, request: await toDtoWithCodes(current) };
      if (ifMatch !== undefined && current?.status === 'approved') throw staleIfMatch();
      throw conflict(current);
    }
    await finishWork(LeaveRequest, updated, work);
    const dto = await toDtoWithCodes(updated);
    return { outcome: atOnce ? 'applied' : 'pending', request: dto };
  });
}

/** Attendance recomputes the days of both the old and the new dates. */
export function spanOf(
  before: Pick<StoredRequest, 'employeeId' | 'startDate' | 'endDate'>,
  after: { startDate: string; endDate: string },
): { employeeId: string; startDate: string; endDate: string } {
  const startDate = before.startDate < after.startDate ? before.startDate : after.startDate;
  const endDate = before.endDate > after.endDate ? before.endDate : after.endDate;
  return { employeeId: before.employeeId.toHexString(), startDate, endDate };
}

import mongoose, { Types } from 'mongoose';
import { findLeanById } from '../../db/find-by-id';
import { NotFoundError } from '../../lib/errors';
import type { Page, PageRequest } from '../../lib/pagination';
import { skipFor } from '../../lib/pagination';
import type { LeaveEventPayload } from '../../lib/domain-events';
import type { Actor } from '../employees';
import { isInScope, resolveEmployeeScope } from '../employees';
import type { LeaveStatus } from './leave-request.model';
import { LedgerEntry } from './leave-ledger.model';
import { LeaveRequest } from './leave-request.model';
import { leaveTypeCodes } from './leave-types.service';
import { approverListFilter, deciderOf } from './approval-deciders';
import type { LeaveRequestDto, StoredRequest } from './leave-request-dto';
import { leavePayload, toDto, toDtoWithCodes } from './leave-request-dto';

/** Reading leave requests: one, a page, and the approved leave other modules ask about. */

export interface LeaveRequestFilters {
  status?: LeaveStatus;
  employeeId?: string;
  leaveTypeId?: string;
  from?: string;
  to?: string;
}

export async function findStored(id: string): Promise<StoredRequest | null> {
  return findLeanById<StoredRequest>(LeaveRequest, id);
}

/**
 * The request, if the actor may see it (own, a report's for managers, any for admins, or one whose
 * current step they may decide: a delegate, a department head, an escalation); else 404.
 */
export async function findVisible(actor: Actor, id: string): Promise<StoredRequest> {
  const request = await findStored(id);
  if (!request) throw new NotFoundError('Leave request not found');
  if (isInScope(await resolveEmployeeScope(actor), request.employeeId)) return request;
  if (request.status === 'pending' && (await deciderOf(actor, request))) return request;
  throw new NotFoundError('Leave request not found');
}

export async function getLeaveRequest(actor: Actor, id: string): Promise<LeaveRequestDto> {
  return toDtoWithCodes(await findVisible(actor, id));
}

export async function listLeaveRequests(
  actor: Actor,
  filters: LeaveRequestFilters,
  page: PageRequest,
): Promise<Page<LeaveRequestDto>> {
  const filter: Record<string, unknown> = {};
  if (filters.employeeId) filter.employeeId = new Types.ObjectId(filters.employeeId);
  if (filters.status) filter.status = filters.status;
  if (filters.leaveTypeId) filter.leaveTypeId = new Types.ObjectId(filters.leaveTypeId);
  if (filters.to) filter.startDate = mongoose.trusted({ $lte: filters.to });
  if (filters.from) filter.endDate = mongoose.trusted({ $gte: filters.from });
  // The caller's scope and the filters both hold (a filter never widens the scope).
  const scope = await approverListFilter(actor);
  const query = Object.keys(scope).length === 0 ? filter : { $and: [scope, filter] };
  const [rows, total, codes] = await Promise.all([
    LeaveRequest.find(query)
      .sort({ startDate: -1, _id: -1 })
      .skip(skipFor(page))
      .limit(page.limit)
      .lean<StoredRequest[]>(),
    LeaveRequest.countDocuments(query),
    leaveTypeCodes(),
  ]);
  return { data: rows.map((r) => toDto(r, codes)), total, ...page };
}

/** Approved leave covering `date`, and whether that date is a half day of it. */
export async function approvedLeaveOn(
  employeeId: string,
  date: string,
): Promise<{ halfDay: boolean } | undefined> {
  const found = await LeaveRequest.findOne({
    employeeId: new Types.ObjectId(employeeId),
    status: 'approved',
    startDate: mongoose.trusted({ $lte: date }),
    endDate: mongoose.trusted({ $gte: date }),
  }).lean<StoredRequest>();
  return found ? leaveOnDate(found, date) : undefined;
}

/** Whether `date` of an approved request is a full or a half day off. */
function leaveOnDate(request: StoredRequest, date: string): { halfDay: boolean } {
  return {
    halfDay:
      (request.startDate === date && request.halfDayStart === true) ||
      (request.endDate === date && request.halfDayEnd === true),
  };
}

/** A lookup of approved leave for many employees over [from, to], answering like `approvedLeaveOn`. */
export async function approvedLeaveBetween(
  employeeIds: string[],
  from: string,
  to: string,
): Promise<(employeeId: string, date: string) => { halfDay: boolean } | undefined> {
  // The period and status first, the long employee list last: a scanning server tests in this order.
  const rows = await LeaveRequest.find({
    startDate: mongoose.trusted({ $lte: to }),
    endDate: mongoose.trusted({ $gte: from }),
    status: 'approved',
    employeeId: mongoose.trusted({ $in: employeeIds.map((id) => new Types.ObjectId(id)) }),
  }).lean<StoredRequest[]>();
  return (employeeId, date) => {
    const found = rows.find(
      (r) => r.employeeId.toHexString() === employeeId && r.startDate <= date && r.endDate >= date,
    );
    return found ? leaveOnDate(found, date) : undefined;
  };
}

/** Approved requests starting within [from, to], for reminders. */
export async function approvedLeaveStartingBetween(from: string, to: string): Promise<LeaveEventPayload[]> {
  const rows = await LeaveRequest.find({
    status: 'approved',
    startDate: mongoose.trusted({ $gte: from, $lte: to }),
  }).lean<StoredRequest[]>();
  return Promise.all(rows.map((r) => leavePayload(r)));
}

/** Everything stored about one employee's leave, for a personal-data export. */
export async function exportLeaveData(
  employeeId: string,
): Promise<{ requests: LeaveRequestDto[]; ledger: unknown[] }> {
  const id = new Types.ObjectId(employeeId);
  const [requests, ledger, codes] = await Promise.all([
    LeaveRequest.find({ employeeId: id }).sort({ startDate: 1 }).lean<StoredRequest[]>(),
    LedgerEntry.find({ employeeId: id }, { _id: 0 }).sort({ year: 1, at: 1 }).lean(),
    leaveTypeCodes(),
  ]);
  return { requests: requests.map((r) => toDto(r, codes)), ledger };
}

/** On anonymisation: free-text reasons and comments may name people or health matters. */
export async function scrubLeaveText(employeeId: string): Promise<void> {
  await LeaveRequest.updateMany(
    { employeeId: new Types.ObjectId(employeeId) },
    { $unset: { reason: 1, decisionComment: 1 } },
  );
}

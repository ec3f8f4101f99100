import mongoose, { Types } from 'mongoose';
import { findLeanById } from '../../db/find-by-id';
import {
  BusinessRuleError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  ValidationError,
} from '../../lib/errors';
import { getConfig } from '../../config';
import { daysBetween, todayIn } from '../../lib/dates';
import { consumeOrWait, mongoRateLimiter } from '../../lib/mongo-rate-limiter';
import type { Page, PageRequest } from '../../lib/pagination';
import { skipFor } from '../../lib/pagination';
import { withLock } from '../../db/locks';
import type { LeaveEventPayload } from '../../lib/domain-events';
import { emitDomainEvent } from '../../lib/domain-events';
import { recordAudit } from '../audit';
import type { Actor, EmployeeDto } from '../employees';
import { findEmployeeProfile, isInScope, resolveEmployeeScope, scopeFilter } from '../employees';
import { assertAttachmentBeforeApproval, assertAttachmentPossibleAtSubmit } from './attachment-rules';
import { availableDays } from './balances.service';
import { calendarsFor, holidayDatesBetween } from './holidays.service';
import { countLeaveDays } from './leave-days';
import type { LeaveRequestRecord, LeaveStatus } from './leave-request.model';
import { LedgerEntry } from './leave-ledger.model';
import { ACTIVE_LEAVE_STATUSES, LeaveRequest } from './leave-request.model';
import type { LeaveTypeDto } from './leave-types.service';
import { findLeaveType, leaveTypeCodes } from './leave-types.service';
import type { NewLedgerEntry } from './ledger.service';
import { writeLedgerEntries } from './ledger.service';

export interface LeaveRequestDto {
  id: string;
  employeeId: string;
  leaveTypeId: string;
  leaveTypeCode: string | null;
  startDate: string;
  endDate: string;
  halfDayStart: boolean;
  halfDayEnd: boolean;
  days: number;
  daysByYear: Array<{ year: number; days: number }>;
  reason: string | null;
  status: LeaveStatus;
  requestedBy: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  cancelledBy: string | null;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
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

export interface LeaveRequestFilters {
  status?: LeaveStatus;
  employeeId?: string;
  leaveTypeId?: string;
  from?: string;
  to?: string;
}

type StoredRequest = LeaveRequestRecord & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };

const MAX_REQUEST_SPAN_DAYS = 366;

function toDto(r: StoredRequest, typeCodes: Map<string, string>): LeaveRequestDto {
  const typeId = r.leaveTypeId.toHexString();
  return {
    id: r._id.toHexString(),
    employeeId: r.employeeId.toHexString(),
    leaveTypeId: typeId,
    leaveTypeCode: typeCodes.get(typeId) ?? null,
    startDate: r.startDate,
    endDate: r.endDate,
    halfDayStart: r.halfDayStart ?? false,
    halfDayEnd: r.halfDayEnd ?? false,
    days: r.days,
    daysByYear: r.daysByYear.map((y) => ({ year: y.year, days: y.days })),
    reason: r.reason ?? null,
    status: r.status,
    requestedBy: r.requestedBy,
    decidedBy: r.decidedBy ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionComment: r.decisionComment ?? null,
    cancelledBy: r.cancelledBy ?? null,
    cancelledAt: r.cancelledAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function toDtoWithCodes(r: StoredRequest): Promise<LeaveRequestDto> {
  return toDto(r, await leaveTypeCodes());
}

/** Ledger entries for a request's days, one per leave year, keyed so each is written once. */
function entriesFor(
  r: StoredRequest,
  kind: NewLedgerEntry['kind'],
  sign: 1 | -1,
  by: string,
): NewLedgerEntry[] {
  return r.daysByYear.map((y) => ({
    key: `${kind}:${r._id.toHexString()}:${y.year}`,
    employeeId: r.employeeId.toHexString(),
    leaveTypeId: r.leaveTypeId.toHexString(),
    year: y.year,
    kind,
    days: sign * y.days,
    requestId: r._id.toHexString(),
    createdBy: by,
  }));
}

async function resolveSubject(actor: Actor, employeeId: string | undefined): Promise<EmployeeDto> {
  const id = employeeId ?? actor.employeeId;
  if (!id)
    throw new ValidationError([
      { field: 'employeeId', message: 'is required: your login has no employee record' },
    ]);
  if (id !== actor.employeeId && actor.role !== 'admin')
    throw new ForbiddenError('Only an admin can request leave for someone else');
  const employee = await findEmployeeProfile(id);
  if (!employee) throw new ValidationError([{ field: 'employeeId', message: 'No such employee' }]);
  if (employee.status !== 'active') throw new BusinessRuleError('The employee is not active');
  return employee;
}

async function resolveType(leaveTypeId: string): Promise<LeaveTypeDto> {
  const type = await findLeaveType(leaveTypeId);
  if (!type) throw new ValidationError([{ field: 'leaveTypeId', message: 'No such leave type' }]);
  if (!type.active) throw new BusinessRuleError('This leave type is no longer available');
  return type;
}

function checkShape(input: SubmitLeaveInput, type: LeaveTypeDto): void {
  if (input.endDate < input.startDate)
    throw new ValidationError([{ field: 'endDate', message: 'must not be before startDate' }]);
  if (daysBetween(input.startDate, input.endDate) >= MAX_REQUEST_SPAN_DAYS) {
    throw new ValidationError([
      { field: 'endDate', message: `must be within ${MAX_REQUEST_SPAN_DAYS} days of startDate` },
    ]);
  }
  if (input.startDate === input.endDate && input.halfDayStart && input.halfDayEnd) {
    throw new ValidationError([
      { field: 'halfDayEnd', message: 'a single day is either a half day or a whole day' },
    ]);
  }
  if (!type.allowHalfDay && (input.halfDayStart || input.halfDayEnd))
    throw new BusinessRuleError(`${type.name} cannot be taken in half days`);
}

function checkRules(
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
  if (type.maxConsecutiveDays && days > type.maxConsecutiveDays) {
    throw new BusinessRuleError(
      `${type.name} allows at most ${type.maxConsecutiveDays} day(s) in one request`,
    );
  }
}

async function assertNoOverlap(employeeId: string, startDate: string, endDate: string): Promise<void> {
  const clash = await LeaveRequest.findOne(
    {
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

async function assertBalance(
  employee: EmployeeDto,
  type: LeaveTypeDto,
  byYear: Array<{ year: number; days: number }>,
): Promise<void> {
  if (type.allowNegative) return;
  for (const { year, days } of byYear) {
    const available = await availableDays(employee, type, year);
    if (days > available) {
      throw new BusinessRuleError(
        `Insufficient ${type.code} balance for ${year}: ${days} day(s) requested, ${available} available`,
      );
    }
  }
}

const submissionLimiter = mongoRateLimiter(() => ({
  tableName: 'rate_limits',
  keyPrefix: 'leave-submit',
  points: getConfig().LEAVE_SUBMISSIONS_PER_HOUR,
  durationSeconds: 3600,
}));

/** A business-flow limit (OWASP API6): one user cannot script hundreds of leave requests. */
async function assertSubmissionAllowed(userId: string): Promise<void> {
  const wait = await consumeOrWait(await submissionLimiter(), userId);
  if (wait !== undefined) throw new TooManyRequestsError('Too many leave requests; try again later', wait);
}

export async function submitLeaveRequest(actor: Actor, input: SubmitLeaveInput): Promise<LeaveRequestDto> {
  await assertSubmissionAllowed(actor.id);
  const employee = await resolveSubject(actor, input.employeeId);
  const type = await resolveType(input.leaveTypeId);
  checkShape(input, type);
  const holidays = await holidayDatesBetween(
    calendarsFor(employee.holidayCalendar),
    input.startDate,
    input.endDate,
  );
  const count = countLeaveDays({
    startDate: input.startDate,
    endDate: input.endDate,
    halfDayStart: input.halfDayStart ?? false,
    halfDayEnd: input.halfDayEnd ?? false,
    unit: type.unit,
    workWeek: employee.workWeek,
    holidays,
  });
  checkRules(actor, employee, type, input, count.total);
  assertAttachmentPossibleAtSubmit(type, count.total, !type.requiresApproval);

  return withLock(`leave:${employee.id}`, async () => {
    await assertNoOverlap(employee.id, input.startDate, input.endDate);
    await assertBalance(employee, type, count.byYear);
    const autoApproved = !type.requiresApproval;
    const created = await LeaveRequest.create({
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
      ...(autoApproved ? { decidedBy: 'system:auto-approve', decidedAt: new Date() } : {}),
    });
    const stored = created.toObject<StoredRequest>();
    await writeLedgerEntries(
      autoApproved ? entriesFor(stored, 'usage', -1, actor.id) : entriesFor(stored, 'hold', -1, actor.id),
    );
    const dto = await toDtoWithCodes(stored);
    await recordAudit({
      action: 'leave_request.create',
      entityType: 'LeaveRequest',
      entityId: dto.id,
      after: dto,
    });
    if (autoApproved) await announceLeaveChange(stored);
    await emitDomainEvent(autoApproved ? 'leave.decided' : 'leave.submitted', await leavePayload(stored));
    return dto;
  });
}

async function findStored(id: string): Promise<StoredRequest | null> {
  return findLeanById<StoredRequest>(LeaveRequest, id);
}

/** The request, if the actor may see it (own, a report's for managers, any for admins); else 404. */
async function findVisible(actor: Actor, id: string): Promise<StoredRequest> {
  const request = await findStored(id);
  if (!request || !isInScope(await resolveEmployeeScope(actor), request.employeeId))
    throw new NotFoundError('Leave request not found');
  return request;
}

export async function getLeaveRequest(actor: Actor, id: string): Promise<LeaveRequestDto> {
  return toDtoWithCodes(await findVisible(actor, id));
}

export async function listLeaveRequests(
  actor: Actor,
  filters: LeaveRequestFilters,
  page: PageRequest,
): Promise<Page<LeaveRequestDto>> {
  const scope = await resolveEmployeeScope(actor);
  const filter: Record<string, unknown> = { ...scopeFilter(scope, 'employeeId') };
  if (filters.employeeId) {
    if (!isInScope(scope, filters.employeeId)) return { data: [], total: 0, ...page };
    filter.employeeId = new Types.ObjectId(filters.employeeId);
  }
  if (filters.status) filter.status = filters.status;
  if (filters.leaveTypeId) filter.leaveTypeId = new Types.ObjectId(filters.leaveTypeId);
  if (filters.to) filter.startDate = mongoose.trusted({ $lte: filters.to });
  if (filters.from) filter.endDate = mongoose.trusted({ $gte: filters.from });
  const [rows, total, codes] = await Promise.all([
    LeaveRequest.find(filter)
      .sort({ startDate: -1, _id: -1 })
      .skip(skipFor(page))
      .limit(page.limit)
      .lean<StoredRequest[]>(),
    LeaveRequest.countDocuments(filter),
    leaveTypeCodes(),
  ]);
  return { data: rows.map((r) => toDto(r, codes)), total, ...page };
}

/** Everything a decision causes after its status write; each step is idempotent (unique keys). */
async function completeDecision(
  decided: StoredRequest,
  status: LeaveStatus,
  by: string,
  comment?: string,
): Promise<void> {
  await writeLedgerEntries([
    ...entriesFor(decided, 'hold_release', 1, by),
    ...(status === 'approved' ? entriesFor(decided, 'usage', -1, by) : []),
  ]);
  if (status === 'approved') await announceLeaveChange(decided);
  await emitDomainEvent('leave.decided', await leavePayload(decided, comment));
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
): Promise<LeaveRequestDto> {
  const request = await findVisible(actor, id);
  if (request.employeeId.toHexString() === actor.employeeId)
    throw new ForbiddenError('Nobody can decide their own leave request');
  if (decision === 'approve') {
    const type = await findLeaveType(request.leaveTypeId.toHexString());
    await assertAttachmentBeforeApproval(type, request._id.toHexString(), request.days);
  }
  const status: LeaveStatus = decision === 'approve' ? 'approved' : 'rejected';
  const decided = await LeaveRequest.findOneAndUpdate(
    { _id: request._id, status: 'pending' },
    {
      $set: {
        status,
        decidedBy: actor.id,
        decidedAt: new Date(),
        ...(comment ? { decisionComment: comment } : {}),
      },
    },
    { returnDocument: 'after' },
  ).lean<StoredRequest>();
  if (!decided) {
    const current = await findStored(id);
    // A decision whose process died after the status write: its idempotent follow-up steps (ledger
    // entries, notifications, each with a unique key) are completed by the retry, which still gets 409.
    if (current?.status === status) await completeDecision(current, status, current.decidedBy ?? actor.id);
    throw new ConflictError(`The request is already ${current?.status ?? 'gone'}`);
  }
  await completeDecision(decided, status, actor.id, comment);
  const dto = await toDtoWithCodes(decided);
  await recordAudit({
    action: `leave_request.${decision}`,
    entityType: 'LeaveRequest',
    entityId: dto.id,
    before: { status: 'pending' },
    after: { status, decisionComment: comment },
  });
  return dto;
}

/**
 * The owner cancels a request before it starts (in their time zone); an admin at any time.
 * A pending request's held days and an approved request's used days are released.
 */
export async function cancelLeaveRequest(actor: Actor, id: string): Promise<LeaveRequestDto> {
  const request = await findVisible(actor, id);
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
  const before = await LeaveRequest.findOneAndUpdate(
    { _id: request._id, status: mongoose.trusted({ $in: ACTIVE_LEAVE_STATUSES }) },
    { $set: { status: 'cancelled', cancelledBy: actor.id, cancelledAt: new Date() } },
    { returnDocument: 'before' },
  ).lean<StoredRequest>();
  if (!before) {
    const current = await findStored(id);
    throw new ConflictError(`The request is already ${current?.status ?? 'gone'}`);
  }
  await writeLedgerEntries(
    before.status === 'approved'
      ? entriesFor(before, 'usage_release', 1, actor.id)
      : entriesFor(before, 'hold_release', 1, actor.id),
  );
  if (before.status === 'approved') await announceLeaveChange(before);
  await emitDomainEvent('leave.cancelled', { ...(await leavePayload(before)), cancelledBy: actor.id });
  const after = await findStored(id);
  const dto = await toDtoWithCodes(after ?? before);
  await recordAudit({
    action: 'leave_request.cancel',
    entityType: 'LeaveRequest',
    entityId: dto.id,
    before: { status: before.status },
    after: { status: 'cancelled' },
  });
  return dto;
}

async function leavePayload(r: StoredRequest, comment?: string): Promise<LeaveEventPayload> {
  const type = await findLeaveType(r.leaveTypeId.toHexString());
  return {
    requestId: r._id.toHexString(),
    employeeId: r.employeeId.toHexString(),
    leaveTypeName: type?.name ?? 'Leave',
    startDate: r.startDate,
    endDate: r.endDate,
    days: r.days,
    status: r.status,
    comment,
  };
}

function announceLeaveChange(r: StoredRequest): Promise<void> {
  return emitDomainEvent('leave.changed', {
    employeeId: r.employeeId.toHexString(),
    startDate: r.startDate,
    endDate: r.endDate,
  });
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

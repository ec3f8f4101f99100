import { now } from '../../lib/clock';
import mongoose, { Types } from 'mongoose';
import { findLeanById } from '../../db/find-by-id';
import { withLock } from '../../db/locks';
import { assertDateRange } from '../../lib/date-range';
import { todayIn } from '../../lib/dates';
import { BusinessRuleError, ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors';
import type { Page, PageRequest } from '../../lib/pagination';
import { skipFor } from '../../lib/pagination';
import { recordAudit } from '../audit';
import { findActiveUser } from '../auth';
import type { Actor } from '../employees';
import type { DelegationRecord } from './delegation.model';
import { Delegation } from './delegation.model';
import type { DelegationCreateInput, DelegationDto } from './delegations.schemas';

type StoredDelegation = DelegationRecord & { _id: Types.ObjectId; createdAt: Date };

function fieldError(field: string, message: string): BusinessRuleError {
  return new BusinessRuleError(`${field} ${message}`, { errors: [{ field, message }] });
}

function toDto(d: StoredDelegation, today = todayIn('UTC')): DelegationDto {
  return {
    id: d._id.toHexString(),
    delegatorUserId: d.delegatorUserId.toHexString(),
    delegatorEmployeeId: d.delegatorEmployeeId.toHexString(),
    delegateUserId: d.delegateUserId.toHexString(),
    from: d.from,
    to: d.to,
    reason: d.reason ?? null,
    createdBy: d.createdBy,
    createdAt: d.createdAt.toISOString(),
    active: d.from <= today && today <= d.to,
  };
}

/** Not revoked and covering `date`. */
const coveringDate = (date: string) => ({
  revokedAt: null,
  from: mongoose.trusted({ $lte: date }),
  to: mongoose.trusted({ $gte: date }),
});

/** The manager delegating: a manager for themself, an admin for anyone with an employee record. */
async function resolveDelegator(actor: Actor, input: DelegationCreateInput) {
  const userId = input.delegatorUserId ?? actor.id;
  if (userId !== actor.id && actor.role !== 'admin')
    throw new ForbiddenError('Only an admin can delegate for someone else');
  const user = await findActiveUser(userId);
  if (!user) throw fieldError('delegatorUserId', 'names no active login');
  if (!user.employeeId)
    throw fieldError('delegatorUserId', 'has no employee record, so there are no approvals to delegate');
  return { ...user, employeeId: user.employeeId };
}

async function assertDelegateCanDecide(delegateUserId: string, delegatorUserId: string): Promise<void> {
  if (delegateUserId === delegatorUserId) throw fieldError('delegateUserId', 'must be someone else');
  const delegate = await findActiveUser(delegateUserId);
  if (!delegate) throw fieldError('delegateUserId', 'names no active login');
  // Deciding needs the approver role; an employee login could not act on what it is delegated.
  if (delegate.role !== 'manager' && delegate.role !== 'admin')
    throw fieldError('delegateUserId', 'must be a manager or an admin');
}

export async function createDelegation(actor: Actor, input: DelegationCreateInput): Promise<DelegationDto> {
  assertDateRange({ from: input.from, to: input.to });
  if (input.to < todayIn('UTC')) throw fieldError('to', 'is in the past');
  const delegator = await resolveDelegator(actor, input);
  await assertDelegateCanDecide(input.delegateUserId, delegator.id);
  // One stand-in at a time: the overlap check and the insert never interleave for a delegator.
  return withLock(`delegations:${delegator.id}`, async () => {
    const clash = await Delegation.findOne({
      delegatorUserId: new Types.ObjectId(delegator.id),
      revokedAt: null,
      from: mongoose.trusted({ $lte: input.to }),
      to: mongoose.trusted({ $gte: input.from }),
    }).lean<StoredDelegation>();
    if (clash)
      throw new ConflictError(
        `Overlaps the delegation ${clash._id.toHexString()} (${clash.from} to ${clash.to}); revoke it first`,
      );
    const created = await Delegation.create({
      delegatorUserId: new Types.ObjectId(delegator.id),
      delegatorEmployeeId: new Types.ObjectId(delegator.employeeId),
      delegateUserId: new Types.ObjectId(input.delegateUserId),
      from: input.from,
      to: input.to,
      reason: input.reason,
      createdBy: actor.id,
    });
    const dto = toDto(created.toObject<StoredDelegation>());
    await recordAudit({
      action: 'delegation.create',
      entityType: 'Delegation',
      entityId: dto.id,
      after: dto,
    });
    return dto;
  });
}

/** A manager sees delegations they gave or received; an admin sees all. */
export async function listDelegations(
  actor: Actor,
  filters: { current?: boolean | undefined },
  page: PageRequest,
): Promise<Page<DelegationDto>> {
  const today = todayIn('UTC');
  const filter: Record<string, unknown> = { revokedAt: null };
  if (actor.role !== 'admin') {
    const me = new Types.ObjectId(actor.id);
    filter.$or = [{ delegatorUserId: me }, { delegateUserId: me }];
  }
  if (filters.current) filter.to = mongoose.trusted({ $gte: today });
  const [rows, total] = await Promise.all([
    Delegation.find(filter)
      .sort({ from: -1, _id: -1 })
      .skip(skipFor(page))
      .limit(page.limit)
      .lean<StoredDelegation[]>(),
    Delegation.countDocuments(filter),
  ]);
  return { data: rows.map((d) => toDto(d, today)), total, ...page };
}

/** The delegator or an admin ends a delegation at once; decisions taken under it stand. */
export async function revokeDelegation(actor: Actor, id: string): Promise<void> {
  const found = await findLeanById<StoredDelegation>(Delegation, id);
  const mine = found && (found.delegatorUserId.toHexString() === actor.id || actor.role === 'admin');
  if (!found || found.revokedAt || !mine) {
    const visible = found && !found.revokedAt && found.delegateUserId.toHexString() === actor.id;
    if (visible) throw new ForbiddenError('Only the delegating manager or an admin can revoke it');
    throw new NotFoundError('Delegation not found');
  }
  const revoked = await Delegation.findOneAndUpdate(
    { _id: found._id, revokedAt: null },
    { $set: { revokedAt: now(), revokedBy: actor.id } },
    { returnDocument: 'after' },
  ).lean<StoredDelegation>();
  if (!revoked) throw new NotFoundError('Delegation not found');
  await recordAudit({
    action: 'delegation.revoke',
    entityType: 'Delegation',
    entityId: id,
    before: toDto(found),
    after: { ...toDto(revoked), revokedAt: revoked.revokedAt?.toISOString() },
  });
}

/** Employees (managers) whose approvals this user decides on `date` as their delegate. */
export async function delegatorsOf(delegateUserId: string, date: string): Promise<string[]> {
  if (!Types.ObjectId.isValid(delegateUserId)) return [];
  const rows = await Delegation.find(
    { delegateUserId: new Types.ObjectId(delegateUserId), ...coveringDate(date) },
    { delegatorEmployeeId: 1 },
  ).lean<StoredDelegation[]>();
  return [...new Set(rows.map((r) => r.delegatorEmployeeId.toHexString()))];
}

/** The user standing in for this employee (a manager) on `date`, if any. */
export async function delegateOf(employeeId: string, date: string): Promise<string | undefined> {
  const row = await Delegation.findOne(
    { delegatorEmployeeId: new Types.ObjectId(employeeId), ...coveringDate(date) },
    { delegateUserId: 1 },
  ).lean<StoredDelegation>();
  return row?.delegateUserId.toHexString();
}

import { Types } from 'mongoose';
import { findLeanById } from '../../db/find-by-id';
import type { IfMatch } from '../../lib/entity-tag';
import { assertPrecondition, staleIfMatch } from '../../lib/entity-tag';
import { NotFoundError } from '../../lib/errors';
import { toSetUnset } from '../../lib/patch';
import { recordAudit } from '../audit';
import { LeaveRequest } from './leave-request.model';
import type { LeaveTypeRecord } from './leave-type.model';
import { LeaveType } from './leave-type.model';
import type { LeaveTypeDto, LeaveTypeInput } from './leave-types.schemas';

export type { LeaveTypeDto, LeaveTypeInput } from './leave-types.schemas';

type StoredLeaveType = LeaveTypeRecord & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };

/** The type's approval steps; a type without any has the single manager step. */
function stepsOf(t: StoredLeaveType): LeaveTypeDto['approvalSteps'] {
  const steps = t.approvalSteps ?? [];
  if (steps.length === 0) return [{ approver: 'manager', minDays: null }];
  return steps.map((step) => ({ approver: step.approver, minDays: step.minDays ?? null }));
}

export function toLeaveTypeDto(t: StoredLeaveType): LeaveTypeDto {
  return {
    id: t._id.toHexString(),
    code: t.code,
    name: t.name,
    paid: t.paid,
    unit: t.unit,
    annualEntitlement: t.annualEntitlement,
    accrual: t.accrual,
    carryOverMax: t.carryOverMax,
    carryOverExpiryMonths: t.carryOverExpiryMonths ?? null,
    allowNegative: t.allowNegative,
    requiresApproval: t.requiresApproval,
    approvalSteps: stepsOf(t),
    allowHalfDay: t.allowHalfDay,
    noticeDays: t.noticeDays ?? null,
    maxConsecutiveDays: t.maxConsecutiveDays ?? null,
    attachmentRequiredAfterDays: t.attachmentRequiredAfterDays ?? null,
    active: t.active,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

export async function findLeaveType(id: string): Promise<LeaveTypeDto | undefined> {
  const found = await findLeanById<StoredLeaveType>(LeaveType, id);
  return found ? toLeaveTypeDto(found) : undefined;
}

export async function getLeaveType(id: string): Promise<LeaveTypeDto> {
  const found = await findLeaveType(id);
  if (!found) throw new NotFoundError('Leave type not found');
  return found;
}

export async function listLeaveTypes(includeInactive: boolean): Promise<LeaveTypeDto[]> {
  const rows = await LeaveType.find(includeInactive ? {} : { active: true })
    .sort({ code: 1 })
    .lean<StoredLeaveType[]>();
  return rows.map(toLeaveTypeDto);
}

export async function createLeaveType(input: LeaveTypeInput): Promise<LeaveTypeDto> {
  const created = await LeaveType.create(toSetUnset(input).$set);
  const dto = toLeaveTypeDto(created.toObject());
  await recordAudit({ action: 'leave_type.create', entityType: 'LeaveType', entityId: dto.id, after: dto });
  return dto;
}

/** With If-Match, a write changes the type only as it was read (its `updatedAt`); else 412. */
function unchangedSince(id: string, before: LeaveTypeDto, ifMatch: IfMatch | undefined) {
  return ifMatch === undefined ? { _id: id } : { _id: id, updatedAt: new Date(before.updatedAt) };
}

export async function updateLeaveType(
  id: string,
  input: LeaveTypeInput,
  ifMatch?: IfMatch,
): Promise<LeaveTypeDto> {
  const before = await getLeaveType(id);
  assertPrecondition(before, ifMatch);
  const updated = await LeaveType.findOneAndUpdate(unchangedSince(id, before, ifMatch), toSetUnset(input), {
    returnDocument: 'after',
    runValidators: true,
  }).lean<StoredLeaveType>();
  if (!updated) throw (await findLeaveType(id)) ? staleIfMatch() : new NotFoundError('Leave type not found');
  const dto = toLeaveTypeDto(updated);
  await recordAudit({
    action: 'leave_type.update',
    entityType: 'LeaveType',
    entityId: id,
    before,
    after: dto,
  });
  return dto;
}

/** A type never used is deleted; once requests refer to it, it is deactivated so history stays whole. */
export async function deleteLeaveType(id: string, ifMatch?: IfMatch): Promise<'deleted' | 'deactivated'> {
  const before = await getLeaveType(id);
  assertPrecondition(before, ifMatch);
  const filter = unchangedSince(id, before, ifMatch);
  if (await LeaveRequest.exists({ leaveTypeId: new Types.ObjectId(id) })) {
    const { matchedCount } = await LeaveType.updateOne(filter, { $set: { active: false } });
    if (matchedCount === 0 && ifMatch !== undefined) throw staleIfMatch();
    await recordAudit({
      action: 'leave_type.deactivate',
      entityType: 'LeaveType',
      entityId: id,
      before: { active: before.active },
      after: { active: false },
    });
    return 'deactivated';
  }
  const { deletedCount } = await LeaveType.deleteOne(filter);
  if (deletedCount === 0 && ifMatch !== undefined) throw staleIfMatch();
  await recordAudit({ action: 'leave_type.delete', entityType: 'LeaveType', entityId: id, before });
  return 'deleted';
}

/** Leave type codes by id (active or not), for labelling requests and calendar entries. */
export async function leaveTypeCodes(): Promise<Map<string, string>> {
  return new Map((await listLeaveTypes(true)).map((t) => [t.id, t.code]));
}

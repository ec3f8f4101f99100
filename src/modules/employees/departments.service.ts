import mongoose, { Types } from 'mongoose';
import { findLeanById } from '../../db/find-by-id';
import { ConflictError, NotFoundError, unknownReference } from '../../lib/errors';
import { escapeRegex } from '../../lib/escape-regex';
import type { Page, PageRequest } from '../../lib/pagination';
import { skipFor } from '../../lib/pagination';
import { toSetUnset } from '../../lib/patch';
import type { SetUnset } from '../../lib/patch';
import { recordAudit } from '../audit';
import type { DepartmentRecord } from './department.model';
import { Department } from './department.model';
import { Employee } from './employee.model';
import type { DepartmentDto, DepartmentInput } from './employees.schemas';

export type { DepartmentDto, DepartmentInput } from './employees.schemas';

type StoredDepartment = DepartmentRecord & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };

function toDto(d: StoredDepartment): DepartmentDto {
  return {
    id: d._id.toHexString(),
    name: d.name,
    code: d.code ?? null,
    description: d.description ?? null,
    headId: d.headId?.toHexString() ?? null,
    maxAbsent: d.maxAbsent ?? null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

/** The patch, plus the lower-cased name key that keeps names unique regardless of case. */
function toUpdate(input: DepartmentInput): SetUnset {
  const update = toSetUnset(input);
  if (typeof input.name === 'string') update.$set.nameKey = input.name.trim().toLowerCase();
  return update;
}

async function findStored(id: string): Promise<StoredDepartment> {
  const found = await findLeanById<StoredDepartment>(Department, id);
  if (!found) throw new NotFoundError('Department not found');
  return found;
}

/** For other services that take a departmentId: an unknown one is a 400 naming the field. */
export async function assertDepartmentExists(id: string, field = 'departmentId'): Promise<void> {
  if (!Types.ObjectId.isValid(id) || !(await Department.exists({ _id: id }))) {
    throw unknownReference(field, 'department');
  }
}

async function assertHeadExists(headId: string | null | undefined): Promise<void> {
  if (headId && !(await Employee.exists({ _id: headId }))) {
    throw unknownReference('headId', 'employee');
  }
}

export async function createDepartment(input: DepartmentInput & { name: string }): Promise<DepartmentDto> {
  await assertHeadExists(input.headId);
  const { $set } = toUpdate(input);
  const created = await Department.create($set);
  const dto = toDto(created.toObject());
  await recordAudit({ action: 'department.create', entityType: 'Department', entityId: dto.id, after: dto });
  return dto;
}

export async function listDepartments(
  q: string | undefined,
  page: PageRequest,
): Promise<Page<DepartmentDto>> {
  const filter = q ? { nameKey: mongoose.trusted({ $regex: escapeRegex(q.toLowerCase()) }) } : {};
  const [rows, total] = await Promise.all([
    Department.find(filter)
      .sort({ nameKey: 1 })
      .skip(skipFor(page))
      .limit(page.limit)
      .lean<StoredDepartment[]>(),
    Department.countDocuments(filter),
  ]);
  return { data: rows.map(toDto), total, ...page };
}

/** A department by id, or undefined (approval routing and coverage ask for the head and limit). */
export async function findDepartment(id: string): Promise<DepartmentDto | undefined> {
  const found = await findLeanById<StoredDepartment>(Department, id);
  return found ? toDto(found) : undefined;
}

export async function getDepartment(id: string): Promise<DepartmentDto> {
  return toDto(await findStored(id));
}

export async function updateDepartment(id: string, input: DepartmentInput): Promise<DepartmentDto> {
  const before = await findStored(id);
  await assertHeadExists(input.headId);
  const updated = await Department.findByIdAndUpdate(id, toUpdate(input), {
    returnDocument: 'after',
    runValidators: true,
  }).lean<StoredDepartment>();
  if (!updated) throw new NotFoundError('Department not found');
  const dto = toDto(updated);
  await recordAudit({
    action: 'department.update',
    entityType: 'Department',
    entityId: id,
    before: toDto(before),
    after: dto,
  });
  return dto;
}

/** A department that still has employees cannot go: move them first (409 says how many). */
export async function deleteDepartment(id: string): Promise<void> {
  const before = await findStored(id);
  const members = await Employee.countDocuments({ departmentId: before._id });
  if (members > 0)
    throw new ConflictError(`The department still has ${members} employee(s); move them first`);
  await Department.deleteOne({ _id: before._id });
  await recordAudit({
    action: 'department.delete',
    entityType: 'Department',
    entityId: id,
    before: toDto(before),
  });
}

export async function findDepartmentByName(name: string): Promise<string | undefined> {
  const found = await Department.findOne(
    { nameKey: name.trim().toLowerCase() },
    { _id: 1 },
  ).lean<StoredDepartment>();
  return found?._id.toHexString();
}

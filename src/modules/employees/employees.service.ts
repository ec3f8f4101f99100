import mongoose, { Types } from 'mongoose';
import { findLeanById } from '../../db/find-by-id';
import { getConfig } from '../../config';
import { ForbiddenError, NotFoundError, ValidationError, unknownReference } from '../../lib/errors';
import type { Page, PageRequest } from '../../lib/pagination';
import { skipFor } from '../../lib/pagination';
import type { IfMatch } from '../../lib/entity-tag';
import { assertPrecondition, staleIfMatch } from '../../lib/entity-tag';
import { toSetUnset } from '../../lib/patch';
import { createdWithWork, finishWork, newWork, withWork } from '../../db/unfinished-work';
import { assertDepartmentExists } from './departments.service';
import type { EmployeeRecord } from './employee.model';
import { CONTACT_FIELDS, Employee } from './employee.model';
import type { EmployeeScope, ScopeActor } from './scope.service';
import { isInScope, resolveEmployeeScope, scopeFilter } from './scope.service';
import { assertNoReportingCycle } from './reporting-lines';
import { employeeListFilter, employeeSort } from './employees-query';
import type {
  EmployeeDto,
  EmployeeFilters,
  EmployeeInput,
  NewEmployee,
  ShiftSchedule,
} from './employees.schemas';

export type {
  EmployeeDto,
  EmployeeFilters,
  EmployeeInput,
  NewEmployee,
  ShiftSchedule,
} from './employees.schemas';

export function effectiveSchedule(
  own: Partial<Record<keyof ShiftSchedule, unknown>> | null | undefined,
): ShiftSchedule {
  const config = getConfig();
  return {
    start: typeof own?.start === 'string' ? own.start : config.SHIFT_START,
    end: typeof own?.end === 'string' ? own.end : config.SHIFT_END,
    graceMinutes: typeof own?.graceMinutes === 'number' ? own.graceMinutes : config.SHIFT_GRACE_MINUTES,
    breakMinutes: typeof own?.breakMinutes === 'number' ? own.breakMinutes : config.SHIFT_BREAK_MINUTES,
  };
}

export type StoredEmployee = EmployeeRecord & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };

export function toEmployeeDto(e: StoredEmployee): EmployeeDto {
  const contact = e.emergencyContact;
  return {
    id: e._id.toHexString(),
    employeeCode: e.employeeCode,
    firstName: e.firstName,
    lastName: e.lastName,
    fullName: `${e.firstName} ${e.lastName}`,
    email: e.email,
    phone: e.phone ?? null,
    address: e.address ?? null,
    emergencyContact:
      contact?.name || contact?.phone ? { name: contact.name ?? null, phone: contact.phone ?? null } : null,
    departmentId: e.departmentId?.toHexString() ?? null,
    position: e.position ?? null,
    managerId: e.managerId?.toHexString() ?? null,
    hireDate: e.hireDate,
    timezone: e.timezone ?? getConfig().COMPANY_TIMEZONE,
    workWeek: e.workWeek && e.workWeek.length > 0 ? [...e.workWeek] : getConfig().WORK_WEEK,
    holidayCalendar: e.holidayCalendar ?? null,
    schedule: effectiveSchedule(e.schedule),
    status: e.status,
    deactivatedAt: e.deactivatedAt?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export async function findStored(id: string): Promise<StoredEmployee | null> {
  return findLeanById<StoredEmployee>(Employee, id);
}

/** Loads an employee the actor may see; anything else is 404, so existence is never revealed. */
async function findVisible(actor: ScopeActor, id: string): Promise<StoredEmployee> {
  const employee = await findStored(id);
  if (!employee || !isInScope(await resolveEmployeeScope(actor), employee._id))
    throw new NotFoundError('Employee not found');
  return employee;
}

export async function assertEmployeeExists(id: string, field = 'employeeId'): Promise<void> {
  if (!(await findStored(id))) throw unknownReference(field, 'employee');
}

async function assertReferences(input: EmployeeInput, employeeId?: Types.ObjectId): Promise<void> {
  if (input.departmentId) await assertDepartmentExists(input.departmentId);
  if (input.managerId) await assertNoReportingCycle(employeeId, input.managerId);
}

export async function createEmployee(input: NewEmployee): Promise<EmployeeDto> {
  await assertReferences(input);
  const work = newWork('employee.create');
  const created = await Employee.create(createdWithWork(toSetUnset(input).$set, work));
  const stored = created.toObject<StoredEmployee>();
  await finishWork(Employee, stored, work);
  return toEmployeeDto(stored);
}

export async function listEmployees(
  actor: ScopeActor,
  filters: EmployeeFilters,
  page: PageRequest,
): Promise<Page<EmployeeDto>> {
  const filter = await employeeListFilter(actor, filters);
  const [rows, total] = await Promise.all([
    Employee.find(filter)
      .sort(employeeSort(filters.sort))
      .skip(skipFor(page))
      .limit(page.limit)
      .lean<StoredEmployee[]>(),
    Employee.countDocuments(filter),
  ]);
  return { data: rows.map(toEmployeeDto), total, ...page };
}

export async function getEmployee(actor: ScopeActor, id: string): Promise<EmployeeDto> {
  return toEmployeeDto(await findVisible(actor, id));
}

/** Profile for /auth/me; undefined when the user has no employee record. */
export async function findEmployeeProfile(id: string | undefined): Promise<EmployeeDto | undefined> {
  const employee = id ? await findStored(id) : null;
  return employee ? toEmployeeDto(employee) : undefined;
}

/**
 * Admins change any field. Everyone else may change only contact fields, and only on their own
 * record; naming an admin field is refused (403) rather than silently dropped, so clients learn.
 */
export async function updateEmployee(
  actor: ScopeActor,
  id: string,
  input: EmployeeInput,
  ifMatch?: IfMatch,
): Promise<EmployeeDto> {
  const before = await findVisible(actor, id);
  assertPrecondition(toEmployeeDto(before), ifMatch);
  if (Object.keys(input).length === 0) {
    throw new ValidationError([{ field: 'body', message: 'must change at least one field' }]);
  }
  if (actor.role !== 'admin') {
    if (actor.employeeId !== id) throw new ForbiddenError('Only an admin can change another employee');
    const adminFields = Object.keys(input).filter((f) => !(CONTACT_FIELDS as readonly string[]).includes(f));
    if (adminFields.length > 0) {
      throw new ForbiddenError(`Only an admin can change: ${adminFields.join(', ')}`, {
        errors: adminFields.map((field) => ({ field, message: 'admin-only field' })),
      });
    }
  }
  await assertReferences(input, before._id);
  const update = toSetUnset(input);
  if (input.status === 'inactive' && before.status !== 'inactive') update.$set.deactivatedAt = new Date();
  if (input.status === 'active') update.$unset.deactivatedAt = 1;
  const work = newWork('employee.update', { before: toEmployeeDto(before) });
  // With If-Match, only the version that was checked is changed: a write in between makes it 412.
  const updated = await Employee.findOneAndUpdate(unchangedSince(before, ifMatch), withWork(update, work), {
    returnDocument: 'after',
    runValidators: true,
  }).lean<StoredEmployee>();
  if (!updated) throw (await findStored(id)) ? staleIfMatch() : new NotFoundError('Employee not found');
  await finishWork(Employee, updated, work);
  return toEmployeeDto(updated);
}

/** The filter of a write that must find the record as it was read (when the client sent If-Match). */
export function unchangedSince(before: StoredEmployee, ifMatch: IfMatch | undefined) {
  return ifMatch === undefined ? { _id: before._id } : { _id: before._id, updatedAt: before.updatedAt };
}

export async function findEmployeeByEmail(email: string): Promise<string | undefined> {
  const found = await Employee.findOne(
    { email: email.trim().toLowerCase() },
    { _id: 1 },
  ).lean<StoredEmployee>();
  return found?._id.toHexString();
}

/** Every active employee, streamed in batches for jobs (accrual, carry-over). */
export async function* activeEmployees(scope: EmployeeScope = { kind: 'all' }): AsyncGenerator<EmployeeDto> {
  const cursor = Employee.find({ status: 'active', ...scopeFilter(scope) })
    .sort({ _id: 1 })
    .lean<StoredEmployee[]>()
    .cursor({ batchSize: 500 });
  for await (const employee of cursor) yield toEmployeeDto(employee);
}

export async function findEmployeesByIds(ids: string[]): Promise<Map<string, EmployeeDto>> {
  const rows = await Employee.find({
    _id: mongoose.trusted({ $in: ids.map((id) => new Types.ObjectId(id)) }),
  }).lean<StoredEmployee[]>();
  return new Map(rows.map((e) => [e._id.toHexString(), toEmployeeDto(e)]));
}

/** Active members of a department (team coverage). */
export async function findDepartmentMembers(departmentId: string): Promise<EmployeeDto[]> {
  if (!Types.ObjectId.isValid(departmentId)) return [];
  const rows = await Employee.find({
    departmentId: new Types.ObjectId(departmentId),
    status: 'active',
  }).lean<StoredEmployee[]>();
  return rows.map(toEmployeeDto);
}

/** Employees by code, for device punches that identify people by their badge/PIN code. */
/** What device ingest needs of an employee: who it is, whether active, and where and when it works. */
export type PuncherDto = Pick<EmployeeDto, 'id' | 'employeeCode' | 'status' | 'timezone' | 'schedule'>;

export async function findEmployeesByCodes(codes: string[]): Promise<Map<string, EmployeeDto>> {
  if (codes.length === 0) return new Map();
  const rows = await Employee.find({ employeeCode: mongoose.trusted({ $in: codes }) }).lean<
    StoredEmployee[]
  >();
  return new Map(rows.map((e) => [e.employeeCode, toEmployeeDto(e)]));
}

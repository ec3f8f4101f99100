import { Types } from 'mongoose';
import type { IfMatch } from '../../lib/entity-tag';
import { assertPrecondition, staleIfMatch } from '../../lib/entity-tag';
import { NotFoundError } from '../../lib/errors';
import { finishWork, newWork, withWork } from '../../db/unfinished-work';
import { Employee } from './employee.model';
import type { EmployeeDto } from './employees.schemas';
import type { StoredEmployee } from './employees.service';
import { findStored, toEmployeeDto, unchangedSince } from './employees.service';

/** The end of employment: deactivation (the record stays); anonymisation is the privacy module's. */

/** Deactivation, not deletion: history (leave, attendance, audit) keeps pointing at the record. */
export async function deactivateEmployee(id: string, ifMatch?: IfMatch): Promise<void> {
  const before = await findStored(id);
  if (!before) throw new NotFoundError('Employee not found');
  assertPrecondition(toEmployeeDto(before), ifMatch);
  if (before.status === 'inactive') return;
  const work = newWork('employee.deactivate', { before: toEmployeeDto(before) });
  const updated = await Employee.findOneAndUpdate(
    { ...unchangedSince(before, ifMatch), status: 'active' },
    withWork({ $set: { status: 'inactive', deactivatedAt: new Date() } }, work),
    { returnDocument: 'after' },
  ).lean<StoredEmployee>();
  if (!updated) {
    if (ifMatch !== undefined) throw staleIfMatch();
    return;
  }
  await finishWork(Employee, updated, work);
}

/** The personal fields anonymisation replaces or removes (named in the audit entry, never their values). */
export const ERASED_EMPLOYEE_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'employeeCode',
  'phone',
  'address',
  'emergencyContact',
] as const;

/**
 * Replaces a deactivated employee's names and contacts (the record stays, so aggregates and the
 * audit trail that refer to it by id keep working). Conditional on the record being inactive and not
 * yet anonymised, so two requests erase once. `erased` is false when there was nothing to do.
 * The privacy module owns the rule and the audit; this is the write on the employee record.
 */
export async function eraseEmployeeIdentity(
  id: string,
): Promise<{ employee: EmployeeDto; erased: boolean } | undefined> {
  if (!Types.ObjectId.isValid(id)) return undefined;
  const _id = new Types.ObjectId(id);
  const tag = _id.toHexString().slice(-8);
  const updated = await Employee.findOneAndUpdate(
    { _id, status: 'inactive', anonymisedAt: null },
    {
      $set: {
        firstName: 'Former',
        lastName: `employee ${tag}`,
        email: `anonymised-${tag}@invalid.invalid`,
        employeeCode: `ANON-${tag}`,
        anonymisedAt: new Date(),
      },
      $unset: { phone: 1, address: 1, emergencyContact: 1 },
    },
    { returnDocument: 'after' },
  ).lean<StoredEmployee>();
  if (updated) return { employee: toEmployeeDto(updated), erased: true };
  const current = await findStored(id);
  return current ? { employee: toEmployeeDto(current), erased: false } : undefined;
}

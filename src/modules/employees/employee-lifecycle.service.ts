import type { IfMatch } from '../../lib/entity-tag';
import { assertPrecondition, staleIfMatch } from '../../lib/entity-tag';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { recordThenAnnounce } from '../audit';
import { Employee } from './employee.model';
import type { EmployeeDto } from './employees.schemas';
import type { StoredEmployee } from './employees.service';
import { findStored, toEmployeeDto, unchangedSince } from './employees.service';

/** The end of employment: deactivation (the record stays) and, later, anonymisation. */

/** Deactivation, not deletion: history (leave, attendance, audit) keeps pointing at the record. */
export async function deactivateEmployee(id: string, ifMatch?: IfMatch): Promise<void> {
  const before = await findStored(id);
  if (!before) throw new NotFoundError('Employee not found');
  assertPrecondition(toEmployeeDto(before), ifMatch);
  if (before.status === 'inactive') return;
  const updated = await Employee.findOneAndUpdate(
    { ...unchangedSince(before, ifMatch), status: 'active' },
    { $set: { status: 'inactive', deactivatedAt: new Date() } },
    { returnDocument: 'after' },
  ).lean<StoredEmployee>();
  if (!updated) {
    if (ifMatch !== undefined) throw staleIfMatch();
    return;
  }
  await recordThenAnnounce(
    {
      action: 'employee.deactivate',
      entityType: 'Employee',
      entityId: id,
      before: toEmployeeDto(before),
      after: toEmployeeDto(updated),
    },
    ['employee.deactivated', { employeeId: id }],
  );
}

/**
 * Erases a former employee's personal data while keeping the record (and so every aggregate that
 * counts them, and the audit trail that refers to them by id): names and contacts are replaced or
 * removed, and other modules scrub theirs on `employee.anonymised`. Only deactivated employees.
 */
export async function anonymiseEmployee(id: string): Promise<EmployeeDto> {
  const before = await findStored(id);
  if (!before) throw new NotFoundError('Employee not found');
  if (before.status !== 'inactive')
    throw new ConflictError('Deactivate the employee before anonymising them');
  if (before.anonymisedAt) return toEmployeeDto(before);
  const tag = before._id.toHexString().slice(-8);
  const updated = await Employee.findByIdAndUpdate(
    before._id,
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
  if (!updated) throw new NotFoundError('Employee not found');
  // The entry names the fields, not their values: the trail must not keep what was erased.
  await recordThenAnnounce(
    {
      action: 'employee.anonymise',
      entityType: 'Employee',
      entityId: id,
      metadata: {
        fields: ['firstName', 'lastName', 'email', 'employeeCode', 'phone', 'address', 'emergencyContact'],
      },
    },
    ['employee.anonymised', { employeeId: id }],
  );
  return toEmployeeDto(updated);
}

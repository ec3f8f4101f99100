import { ConflictError, NotFoundError } from '../../lib/errors';
import { recordThenAnnounce } from '../audit';
import type { EmployeeDto } from '../employees';
import { ERASED_EMPLOYEE_FIELDS, eraseEmployeeIdentity, findEmployeeProfile } from '../employees';

/**
 * Erases a former employee's personal data while keeping the record (and so every aggregate that
 * counts them, and the audit trail that refers to them by id): names and contacts are replaced or
 * removed, and other modules scrub theirs on `employee.anonymised`. Only deactivated employees;
 * anonymising twice changes nothing and records nothing the second time.
 */
export async function anonymiseEmployee(id: string): Promise<EmployeeDto> {
  const before = await findEmployeeProfile(id);
  if (!before) throw new NotFoundError('Employee not found');
  if (before.status !== 'inactive')
    throw new ConflictError('Deactivate the employee before anonymising them');
  const result = await eraseEmployeeIdentity(id);
  if (!result) throw new NotFoundError('Employee not found');
  if (!result.erased) return result.employee;
  // The entry names the fields, not their values: the trail must not keep what was erased.
  await recordThenAnnounce(
    {
      action: 'employee.anonymise',
      entityType: 'Employee',
      entityId: id,
      metadata: { fields: [...ERASED_EMPLOYEE_FIELDS] },
    },
    ['employee.anonymised', { employeeId: id }],
  );
  return result.employee;
}

import mongoose, { Types } from 'mongoose';
import { escapeRegex } from '../../lib/escape-regex';
import type { EmployeeFilters, EmployeeSort } from './employees.schemas';
import type { ScopeActor } from './scope.service';
import { resolveEmployeeScope, scopeFilter } from './scope.service';

/** Which employees a list shows and in what order: shared by the page and the CSV export. */
const SORTS: Record<EmployeeSort, Record<string, 1 | -1>> = {
  lastName: { lastName: 1, firstName: 1, _id: 1 },
  '-lastName': { lastName: -1, firstName: -1, _id: -1 },
  employeeCode: { employeeCode: 1 },
  '-employeeCode': { employeeCode: -1 },
  hireDate: { hireDate: 1, _id: 1 },
  '-hireDate': { hireDate: -1, _id: -1 },
  createdAt: { createdAt: 1, _id: 1 },
  '-createdAt': { createdAt: -1, _id: -1 },
};

/** The stored-employee filter of a list in the actor's scope (shared by the page and the CSV export). */
export async function employeeListFilter(
  actor: ScopeActor,
  filters: EmployeeFilters,
): Promise<Record<string, unknown>> {
  const scope = await resolveEmployeeScope(actor);
  const filter: Record<string, unknown> = { ...scopeFilter(scope) };
  if (filters.departmentId) filter.departmentId = new Types.ObjectId(filters.departmentId);
  if (filters.managerId) filter.managerId = new Types.ObjectId(filters.managerId);
  if (filters.status) filter.status = filters.status;
  if (filters.q) {
    const pattern = mongoose.trusted({ $regex: escapeRegex(filters.q), $options: 'i' });
    filter.$or = [
      { firstName: pattern },
      { lastName: pattern },
      { email: pattern },
      { employeeCode: pattern },
    ];
  }
  return filter;
}

export function employeeSort(sort: EmployeeSort | undefined): Record<string, 1 | -1> {
  return SORTS[sort ?? 'lastName'] ?? SORTS.lastName;
}

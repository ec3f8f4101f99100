import mongoose, { Types } from 'mongoose';
import { findReportIds } from './reporting-lines';

/**
 * Whose records a caller may see: an admin everyone; a manager themself and their direct and
 * indirect reports; anyone else themself. Services filter by this and answer 404 outside it.
 */
export type EmployeeScope = { kind: 'all' } | { kind: 'some'; employeeIds: Types.ObjectId[] };

export interface ScopeActor {
  role: string;
  employeeId?: string | undefined;
}

/** A signed-in caller as services see it: their scope plus their user id (for "recorded by"). */
export interface Actor extends ScopeActor {
  id: string;
}

export async function resolveEmployeeScope(actor: ScopeActor): Promise<EmployeeScope> {
  if (actor.role === 'admin') return { kind: 'all' };
  if (!actor.employeeId || !Types.ObjectId.isValid(actor.employeeId))
    return { kind: 'some', employeeIds: [] };
  const self = new Types.ObjectId(actor.employeeId);
  if (actor.role !== 'manager') return { kind: 'some', employeeIds: [self] };
  return { kind: 'some', employeeIds: [self, ...(await findReportIds(self))] };
}

export function isInScope(scope: EmployeeScope, employeeId: string | Types.ObjectId): boolean {
  if (scope.kind === 'all') return true;
  const id = String(employeeId);
  return scope.employeeIds.some((e) => e.toHexString() === id);
}

/** A Mongo filter fragment restricting `field` to the scope (empty for admins). */
export function scopeFilter(scope: EmployeeScope, field = '_id'): Record<string, unknown> {
  return scope.kind === 'all' ? {} : { [field]: mongoose.trusted({ $in: scope.employeeIds }) };
}

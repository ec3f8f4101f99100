import mongoose, { Types } from 'mongoose';
import { Employee } from './employee.model';

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

/** Reporting lines are shallow in practice; the cap only guards against corrupt data. */
const MAX_DEPTH = 50;

export async function resolveEmployeeScope(actor: ScopeActor): Promise<EmployeeScope> {
  if (actor.role === 'admin') return { kind: 'all' };
  if (!actor.employeeId || !Types.ObjectId.isValid(actor.employeeId))
    return { kind: 'some', employeeIds: [] };
  const self = new Types.ObjectId(actor.employeeId);
  if (actor.role !== 'manager') return { kind: 'some', employeeIds: [self] };
  return { kind: 'some', employeeIds: [self, ...(await findReportIds(self))] };
}

/** Direct and indirect reports, one query per level of the hierarchy. */
export async function findReportIds(managerId: Types.ObjectId): Promise<Types.ObjectId[]> {
  const seen = new Set<string>([managerId.toHexString()]);
  const reports: Types.ObjectId[] = [];
  let frontier = [managerId];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const level = await Employee.find({ managerId: mongoose.trusted({ $in: frontier }) }, { _id: 1 }).lean();
    frontier = level.map((e) => e._id).filter((id) => !seen.has(id.toHexString()));
    for (const id of frontier) {
      seen.add(id.toHexString());
      reports.push(id);
    }
  }
  return reports;
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

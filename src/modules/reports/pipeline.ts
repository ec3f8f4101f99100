import type { PipelineStage } from 'mongoose';
import { Types } from 'mongoose';
import type { DateRange } from '../../lib/date-range';
import { assertDateRange } from '../../lib/date-range';
import { aggregateAttendanceDays } from '../attendance';
import type { ScopeActor } from '../employees';
import { resolveEmployeeScope } from '../employees';

/**
 * Pieces the report pipelines share. Reports run as aggregation pipelines in MongoDB over the
 * stored daily records, ledger and requests (read through the attendance and leave modules). Each
 * pipeline starts with a $match the indexes serve (date or year first, then the caller's
 * employees); what is left for Node is shaping the already grouped rows.
 */

export type Range = DateRange;

/** `{employeeId: {$in: [...]}}` for managers; nothing for admins. Aggregations are not sanitized. */
export async function scopeMatch(actor: ScopeActor): Promise<Record<string, unknown>> {
  const scope = await resolveEmployeeScope(actor);
  return scope.kind === 'all' ? {} : { employeeId: { $in: scope.employeeIds } };
}

/** `$sum` of `weight` over the documents where `condition` holds. */
export const countWhere = (condition: unknown, weight: unknown = 1) => ({
  $sum: { $cond: [condition, weight, 0] },
});
export const fieldIs = (field: string, value: unknown) => ({ $eq: [`$${field}`, value] });
export const round1 = (n: number) => Math.round(n * 10) / 10;

/** A group key (ObjectId, date string, or null for "none") as a string. */
export function keyOf(value: unknown): string {
  if (value instanceof Types.ObjectId) return value.toHexString();
  return typeof value === 'string' || typeof value === 'number' ? String(value) : 'none';
}

/** Joins each row's `employeeId` to its employee as `employee`. */
export const employeeLookup: PipelineStage[] = [
  { $lookup: { from: 'employees', localField: 'employeeId', foreignField: '_id', as: 'employee' } },
  { $unwind: '$employee' },
];

export interface EmployeeNames {
  firstName: string;
  lastName: string;
  employeeCode: string;
}

export const nameOf = (e: EmployeeNames) => `${e.firstName} ${e.lastName}`;

/** The columns that say whose row it is. */
export function employeeColumns(id: Types.ObjectId, employee: EmployeeNames) {
  return {
    employeeId: id.toHexString(),
    employeeName: nameOf(employee),
    employeeCode: employee.employeeCode,
  };
}

export interface EmployeeDays<T> {
  _id: Types.ObjectId;
  employee: EmployeeNames;
  days: T[];
}

/**
 * Daily records grouped per employee, each group sorted by date: the shape the spell and compliance
 * rules read. Each employee's few dozen days are sorted here rather than the whole range in the
 * pipeline: a sort of every matched record is the step that stops being linear (and on MongoDB a
 * blocking sort is capped at 100 MB without disk use).
 */
export async function daysPerEmployee<T extends { date: string }>(
  actor: ScopeActor,
  range: Range,
  match: Record<string, unknown>,
  fields: Record<string, 1>,
): Promise<Array<EmployeeDays<T>>> {
  assertDateRange(range);
  const groups = await aggregateAttendanceDays<EmployeeDays<T>>([
    { $match: { date: { $gte: range.from, $lte: range.to }, ...(await scopeMatch(actor)), ...match } },
    { $project: { employeeId: 1, date: 1, ...fields } },
    { $group: { _id: '$employeeId', days: { $push: '$$ROOT' } } },
    { $lookup: { from: 'employees', localField: '_id', foreignField: '_id', as: 'employee' } },
    { $unwind: '$employee' },
    { $sort: { _id: 1 } },
  ]);
  for (const group of groups) group.days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return groups;
}

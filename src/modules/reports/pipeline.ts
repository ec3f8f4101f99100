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

/**
 * Joins each row's `employeeId` (or `_id`, after a group per employee) to its employee as
 * `employee`, keeping only what reports read: a report over 10,000 employees otherwise carries
 * every employee's whole record (schedule, history, contacts) through the pipeline and into the
 * API process.
 */
export function employeeLookup(localField: 'employeeId' | '_id' = 'employeeId'): PipelineStage[] {
  return [
    { $lookup: { from: 'employees', localField, foreignField: '_id', as: 'employee' } },
    { $unwind: '$employee' },
    {
      $addFields: {
        employee: {
          firstName: '$employee.firstName',
          lastName: '$employee.lastName',
          employeeCode: '$employee.employeeCode',
          departmentId: '$employee.departmentId',
        },
      },
    },
  ];
}

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

/** `{date: '$date', status: '$status'}`: a `$push` of just these fields of each document. */
function pushedFields(fields: string[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f, `$${f}`]));
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
    // Only the asked fields per day (no `_id`, no `employeeId`): at 10,000 employees by 90 days the
    // pushed days are most of what the API holds.
    { $group: { _id: '$employeeId', days: { $push: pushedFields(['date', ...Object.keys(fields)]) } } },
    ...employeeLookup('_id'),
    { $sort: { _id: 1 } },
  ]);
  for (const group of groups) group.days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return groups;
}

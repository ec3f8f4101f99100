import type { PipelineStage } from 'mongoose';
import type { DateRange } from '../../lib/date-range';
import { assertDateRange } from '../../lib/date-range';
import { Types } from 'mongoose';
import { getConfig } from '../../config';
import { daysBetween } from '../../lib/dates';
import { AttendanceDay } from '../attendance/attendance-day.model';
import type { ScopeActor } from '../employees';
import { resolveEmployeeScope } from '../employees';
import { LedgerEntry } from '../leave/leave-ledger.model';
import { LeaveRequest } from '../leave/leave-request.model';

/**
 * Reports run as aggregation pipelines in MongoDB over the stored daily records, ledger and
 * requests. Each pipeline starts with a $match the indexes serve (date or year first, then the
 * caller's employees); what is left for Node is shaping the already grouped rows.
 */

export type Range = DateRange;

/** `{employeeId: {$in: [...]}}` for managers; nothing for admins. Aggregations are not sanitized. */
async function scopeMatch(actor: ScopeActor): Promise<Record<string, unknown>> {
  const scope = await resolveEmployeeScope(actor);
  return scope.kind === 'all' ? {} : { employeeId: { $in: scope.employeeIds } };
}

const count = (condition: unknown, weight: unknown = 1) => ({ $sum: { $cond: [condition, weight, 0] } });
const is = (field: string, value: unknown) => ({ $eq: [`$${field}`, value] });
const round1 = (n: number) => Math.round(n * 10) / 10;

/** A group key (ObjectId, date string, or null for "none") as a string. */
function keyOf(value: unknown): string {
  if (value instanceof Types.ObjectId) return value.toHexString();
  return typeof value === 'string' || typeof value === 'number' ? String(value) : 'none';
}

const employeeLookup: PipelineStage[] = [
  { $lookup: { from: 'employees', localField: 'employeeId', foreignField: '_id', as: 'employee' } },
  { $unwind: '$employee' },
];

export type SummaryGroup = 'employee' | 'department' | 'day';

export interface AttendanceSummaryRow {
  key: string;
  label: string;
  days: number;
  present: number;
  absent: number;
  onLeave: number;
  late: number;
  workedMinutes: number;
  overtimeMinutes: number;
}

export async function attendanceSummary(
  actor: ScopeActor,
  query: Range & { groupBy: SummaryGroup; departmentId?: string },
): Promise<AttendanceSummaryRow[]> {
  assertDateRange(query);
  const needsEmployee = query.groupBy !== 'day' || Boolean(query.departmentId);
  const groupKey =
    query.groupBy === 'employee'
      ? '$employeeId'
      : query.groupBy === 'day'
        ? '$date'
        : '$employee.departmentId';
  const rows = await AttendanceDay.aggregate<
    Omit<AttendanceSummaryRow, 'key' | 'label'> & {
      _id: unknown;
      employee?: { firstName: string; lastName: string; employeeCode: string };
      department?: Array<{ name: string }>;
    }
  >([
    { $match: { date: { $gte: query.from, $lte: query.to }, ...(await scopeMatch(actor)) } },
    ...(needsEmployee ? employeeLookup : []),
    ...(query.departmentId
      ? [{ $match: { 'employee.departmentId': new Types.ObjectId(query.departmentId) } }]
      : []),
    {
      $group: {
        _id: groupKey,
        employee: { $first: '$employee' },
        days: { $sum: 1 },
        present: count(is('status', 'present')),
        absent: count(is('status', 'absent')),
        onLeave: {
          $sum: { $cond: [is('status', 'on_leave'), 1, { $cond: [is('status', 'half_day_leave'), 0.5, 0] }] },
        },
        late: count(is('late', true)),
        workedMinutes: { $sum: '$workedMinutes' },
        overtimeMinutes: { $sum: '$overtimeMinutes' },
      },
    },
    ...(query.groupBy === 'department'
      ? [{ $lookup: { from: 'departments', localField: '_id', foreignField: '_id', as: 'department' } }]
      : []),
    { $sort: { _id: 1 } },
  ]);
  return rows.map((r) => ({
    key: keyOf(r._id),
    label:
      query.groupBy === 'employee' && r.employee
        ? `${r.employee.firstName} ${r.employee.lastName} (${r.employee.employeeCode})`
        : query.groupBy === 'department'
          ? (r.department?.[0]?.name ?? 'No department')
          : keyOf(r._id),
    days: r.days,
    present: r.present,
    absent: r.absent,
    onLeave: r.onLeave,
    late: r.late,
    workedMinutes: r.workedMinutes,
    overtimeMinutes: r.overtimeMinutes,
  }));
}

export type UtilizationGroup = 'type' | 'department' | 'month';

export interface LeaveUtilizationRow {
  key: string;
  label: string;
  taken: number;
  pending: number;
  entitled: number;
  remaining: number;
}

/** Days taken and pending, and what is left of the entitlement, per type, department or month of a leave year. */
export async function leaveUtilization(
  actor: ScopeActor,
  query: { year: number; groupBy: UtilizationGroup },
): Promise<LeaveUtilizationRow[]> {
  const scope = await scopeMatch(actor);
  if (query.groupBy === 'month') return utilizationByMonth(scope, query.year);
  const byDepartment = query.groupBy === 'department';
  const rows = await LedgerEntry.aggregate<{
    _id: { key: unknown; kind: string };
    days: number;
    label?: Array<{ name?: string; code?: string }>;
  }>([
    { $match: { year: query.year, ...scope } },
    ...(byDepartment ? employeeLookup : []),
    {
      $group: {
        _id: { key: byDepartment ? '$employee.departmentId' : '$leaveTypeId', kind: '$kind' },
        days: { $sum: '$days' },
      },
    },
    {
      $lookup: {
        from: byDepartment ? 'departments' : 'leavetypes',
        localField: '_id.key',
        foreignField: '_id',
        as: 'label',
      },
    },
  ]);
  const groups = new Map<string, { label: string; kinds: Record<string, number> }>();
  for (const row of rows) {
    const key = keyOf(row._id.key);
    const group = groups.get(key) ?? {
      label: row.label?.[0]?.name ?? (byDepartment ? 'No department' : key),
      kinds: {},
    };
    group.kinds[row._id.kind] = (group.kinds[row._id.kind] ?? 0) + row.days;
    groups.set(key, group);
  }
  return [...groups.entries()]
    .map(([key, { label, kinds }]) => {
      const taken = -((kinds.usage ?? 0) + (kinds.usage_release ?? 0));
      const pending = -((kinds.hold ?? 0) + (kinds.hold_release ?? 0));
      const entitled =
        (kinds.accrual ?? 0) +
        (kinds.carry_over ?? 0) +
        (kinds.carry_over_expiry ?? 0) +
        (kinds.adjustment ?? 0);
      return {
        key,
        label,
        taken: round1(taken),
        pending: round1(pending),
        entitled: round1(entitled),
        remaining: round1(entitled - taken - pending),
      };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** Approved and pending days by the month each request starts in. */
async function utilizationByMonth(
  scope: Record<string, unknown>,
  year: number,
): Promise<LeaveUtilizationRow[]> {
  const rows = await LeaveRequest.aggregate<{ _id: { start: string; status: string }; days: number }>([
    {
      $match: {
        startDate: { $gte: `${year}-01-01`, $lte: `${year}-12-31` },
        status: { $in: ['approved', 'pending'] },
        ...scope,
      },
    },
    { $group: { _id: { start: '$startDate', status: '$status' }, days: { $sum: '$days' } } },
  ]);
  const months = new Map<string, { taken: number; pending: number }>();
  for (const row of rows) {
    const month = row._id.start.slice(0, 7);
    const m = months.get(month) ?? { taken: 0, pending: 0 };
    if (row._id.status === 'approved') m.taken += row.days;
    else m.pending += row.days;
    months.set(month, m);
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, m]) => ({
      key: month,
      label: month,
      taken: round1(m.taken),
      pending: round1(m.pending),
      entitled: 0,
      remaining: 0,
    }));
}

interface EmployeeDays<T> {
  _id: Types.ObjectId;
  employee: { firstName: string; lastName: string; employeeCode: string };
  days: T[];
}

/**
 * Daily records grouped per employee, each group sorted by date: the shape the spell and compliance
 * rules read. Each employee's few dozen days are sorted here rather than the whole range in the
 * pipeline: a sort of every matched record is the step that stops being linear (and on MongoDB a
 * blocking sort is capped at 100 MB without disk use).
 */
async function daysPerEmployee<T extends { date: string }>(
  actor: ScopeActor,
  range: Range,
  match: Record<string, unknown>,
  fields: Record<string, 1>,
): Promise<Array<EmployeeDays<T>>> {
  assertDateRange(range);
  const groups = await AttendanceDay.aggregate<EmployeeDays<T>>([
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

const nameOf = (e: EmployeeDays<unknown>['employee']) => `${e.firstName} ${e.lastName}`;

export interface AbsenteeismRow {
  employeeId: string;
  employeeName: string;
  employeeCode: string;
  absenceDays: number;
  spells: number;
  bradfordFactor: number;
}

/**
 * Absence spells and the Bradford factor S x S x D. A spell is a run of absent working days; days
 * off in between (weekends, holidays) do not break it, a day worked or on leave does.
 */
export async function absenteeism(actor: ScopeActor, range: Range): Promise<AbsenteeismRow[]> {
  const groups = await daysPerEmployee<{ date: string; status: string }>(
    actor,
    range,
    { status: { $in: ['present', 'absent', 'on_leave', 'half_day_leave'] } },
    { status: 1 },
  );
  return groups
    .map((g) => {
      let spells = 0;
      let absenceDays = 0;
      let inSpell = false;
      for (const day of g.days) {
        if (day.status === 'absent') {
          absenceDays++;
          if (!inSpell) spells++;
          inSpell = true;
        } else {
          inSpell = false;
        }
      }
      return {
        employeeId: g._id.toHexString(),
        employeeName: nameOf(g.employee),
        employeeCode: g.employee.employeeCode,
        absenceDays,
        spells,
        bradfordFactor: spells * spells * absenceDays,
      };
    })
    .sort((a, b) => b.bradfordFactor - a.bradfordFactor || a.employeeName.localeCompare(b.employeeName));
}

export interface OvertimeRow {
  employeeId: string;
  employeeName: string;
  employeeCode: string;
  days: number;
  overtimeMinutes: number;
}

export async function overtime(actor: ScopeActor, range: Range): Promise<OvertimeRow[]> {
  assertDateRange(range);
  const rows = await AttendanceDay.aggregate<{
    _id: Types.ObjectId;
    employee: EmployeeDays<unknown>['employee'];
    days: number;
    overtimeMinutes: number;
  }>([
    {
      $match: {
        date: { $gte: range.from, $lte: range.to },
        ...(await scopeMatch(actor)),
        overtimeMinutes: { $gt: 0 },
      },
    },
    { $group: { _id: '$employeeId', days: { $sum: 1 }, overtimeMinutes: { $sum: '$overtimeMinutes' } } },
    { $lookup: { from: 'employees', localField: '_id', foreignField: '_id', as: 'employee' } },
    { $unwind: '$employee' },
    { $sort: { overtimeMinutes: -1, _id: 1 } },
  ]);
  return rows.map((r) => ({
    employeeId: r._id.toHexString(),
    employeeName: nameOf(r.employee),
    employeeCode: r.employee.employeeCode,
    days: r.days,
    overtimeMinutes: r.overtimeMinutes,
  }));
}

export interface ComplianceViolation {
  employeeId: string;
  employeeName: string;
  employeeCode: string;
  rule: 'daily_max' | 'weekly_average' | 'min_rest';
  date: string;
  valueMinutes: number;
  limitMinutes: number;
}

/**
 * Working-time compliance (defaults from the EU Working Time Directive): days worked over the daily
 * maximum, rest between one day's last check-out and the next day's first check-in shorter than the
 * minimum, and an average week over the weekly maximum across the period.
 */
export async function compliance(actor: ScopeActor, range: Range): Promise<ComplianceViolation[]> {
  const {
    COMPLIANCE_DAILY_MAX_MINUTES: dailyMax,
    COMPLIANCE_WEEKLY_MAX_MINUTES: weeklyMax,
    COMPLIANCE_MIN_REST_MINUTES: minRest,
  } = getConfig();
  const groups = await daysPerEmployee<{
    date: string;
    workedMinutes: number;
    firstIn?: Date;
    lastOut?: Date;
  }>(actor, range, { workedMinutes: { $gt: 0 } }, { workedMinutes: 1, firstIn: 1, lastOut: 1 });
  const weeks = Math.max(1, (daysBetween(range.from, range.to) + 1) / 7);
  const violations: ComplianceViolation[] = [];
  for (const g of groups) {
    const who = {
      employeeId: g._id.toHexString(),
      employeeName: nameOf(g.employee),
      employeeCode: g.employee.employeeCode,
    };
    let total = 0;
    g.days.forEach((day, i) => {
      total += day.workedMinutes;
      if (day.workedMinutes > dailyMax)
        violations.push({
          ...who,
          rule: 'daily_max',
          date: day.date,
          valueMinutes: day.workedMinutes,
          limitMinutes: dailyMax,
        });
      const previous = g.days[i - 1];
      if (previous?.lastOut && day.firstIn) {
        const rest = Math.round(
          (new Date(day.firstIn).getTime() - new Date(previous.lastOut).getTime()) / 60000,
        );
        if (rest >= 0 && rest < minRest)
          violations.push({
            ...who,
            rule: 'min_rest',
            date: day.date,
            valueMinutes: rest,
            limitMinutes: minRest,
          });
      }
    });
    const average = Math.round(total / weeks);
    if (average > weeklyMax)
      violations.push({
        ...who,
        rule: 'weekly_average',
        date: range.to,
        valueMinutes: average,
        limitMinutes: weeklyMax,
      });
  }
  return violations;
}

import { randomUUID } from 'node:crypto';
import { getConfig } from '../../config';
import { NotFoundError, unknownReference } from '../../lib/errors';
import { todayIn, yearOf } from '../../lib/dates';
import { recordAudit } from '../audit';
import type { EmployeeDto, ScopeActor } from '../employees';
import { activeEmployees, findEmployeeProfile, isInScope, resolveEmployeeScope } from '../employees';
import type { AccrualSubject } from './accrual-due';
import { accrualEntries, balancesWithDue } from './accrual-due';
import type { BalanceParts } from './ledger.service';
import { EMPTY_BALANCE, sumBalances, writeLedgerEntries } from './ledger.service';
import { settleCarryOverLapse } from './carry-over-expiry';
import type { LeaveTypeDto } from './leave-types.service';
import { getLeaveType, listLeaveTypes } from './leave-types.service';

export interface LeaveBalanceDto extends BalanceParts {
  leaveTypeId: string;
  code: string;
  name: string;
  year: number;
  unit: string;
}

/**
 * Creates the accrual entries an employee is owed for a type and year up to `asOf` (their today),
 * idempotently. Only jobs and writes call this; reads compute what is due (accrual-due.ts).
 */
export async function ensureAccruals(
  employee: AccrualSubject,
  type: LeaveTypeDto,
  year: number,
  asOf: string,
): Promise<number> {
  return writeLedgerEntries(accrualEntries(employee, type, year, asOf));
}

/** Available days of one type in one leave year, after making sure accruals are in. */
export async function availableDays(
  employee: AccrualSubject,
  type: LeaveTypeDto,
  year: number,
): Promise<number> {
  await ensureAccruals(employee, type, year, todayIn(employee.timezone));
  return ((await sumBalances(employee.id, year)).get(type.id) ?? EMPTY_BALANCE).available;
}

export async function findVisibleEmployee(actor: ScopeActor, employeeId: string): Promise<EmployeeDto> {
  const employee = await findEmployeeProfile(employeeId);
  if (!employee || !isInScope(await resolveEmployeeScope(actor), employee.id))
    throw new NotFoundError('Employee not found');
  return employee;
}

/** Balances of every active type (and any inactive type with entries that year) for one employee. */
export async function getBalances(
  actor: ScopeActor,
  employeeId: string,
  year: number | undefined,
): Promise<LeaveBalanceDto[]> {
  const employee = await findVisibleEmployee(actor, employeeId);
  const today = todayIn(employee.timezone);
  const leaveYear = year ?? yearOf(today);
  const types = await listLeaveTypes(true);
  // Reads never write: accruals the job has not stored yet are computed, not inserted.
  const sums = await balancesWithDue(employee, types, leaveYear, today);
  return types
    .filter((t) => t.active || sums.has(t.id))
    .map((t) => ({
      leaveTypeId: t.id,
      code: t.code,
      name: t.name,
      unit: t.unit,
      year: leaveYear,
      ...(sums.get(t.id) ?? EMPTY_BALANCE),
    }));
}

export interface AdjustmentInput {
  employeeId: string;
  leaveTypeId: string;
  year: number;
  days: number;
  reason: string;
}

export async function createAdjustment(actor: ScopeActor & { id: string }, input: AdjustmentInput) {
  const employee = await findEmployeeProfile(input.employeeId);
  if (!employee) throw unknownReference('employeeId', 'employee');
  const type = await getLeaveType(input.leaveTypeId).catch(() => {
    throw unknownReference('leaveTypeId', 'leave type');
  });
  const id = randomUUID();
  await writeLedgerEntries([
    {
      key: `adjustment:${id}`,
      employeeId: employee.id,
      leaveTypeId: type.id,
      year: input.year,
      kind: 'adjustment',
      days: input.days,
      reason: input.reason,
      createdBy: actor.id,
    },
  ]);
  const adjustment = {
    id,
    employeeId: employee.id,
    leaveTypeId: type.id,
    year: input.year,
    days: input.days,
    reason: input.reason,
  };
  await recordAudit({
    action: 'leave_balance.adjust',
    entityType: 'LeaveBalance',
    entityId: `${employee.id}:${type.id}:${input.year}`,
    after: adjustment,
  });
  const today = todayIn(employee.timezone);
  const balance = (await balancesWithDue(employee, [type], input.year, today)).get(type.id) ?? EMPTY_BALANCE;
  return { ...adjustment, balance };
}

export interface JobSummary {
  employees: number;
  entriesWritten: number;
}

/** Accrual job: every active employee's entitlement of every accruing type, up to `date`. */
export async function runAccrual(date: string): Promise<JobSummary> {
  const types = (await listLeaveTypes(false)).filter((t) => t.accrual !== 'none');
  let employees = 0;
  let entriesWritten = 0;
  for await (const employee of activeEmployees()) {
    employees++;
    for (const type of types) entriesWritten += await ensureAccruals(employee, type, yearOf(date), date);
  }
  return { employees, entriesWritten };
}

/**
 * Year-end carry-over for the leave year before `date`: what was left, up to the type's cap, moves
 * into the new year. Where carried days expire, the part not used by leave dated on or before the
 * expiry date lapses (see carry-over-expiry.ts).
 * Both are ledger entries with one key per employee, type and year, so re-running changes nothing.
 */
export async function runCarryOver(date: string): Promise<JobSummary> {
  const year = yearOf(date);
  const types = (await listLeaveTypes(true)).filter((t) => t.carryOverMax > 0);
  let employees = 0;
  let entriesWritten = 0;
  for await (const employee of activeEmployees()) {
    employees++;
    // The closing year's accruals must be complete (all twelve months) before its remainder is measured.
    for (const type of types) await ensureAccruals(employee, type, year - 1, `${year - 1}-12-31`);
    const previous = await sumBalances(employee.id, year - 1);
    for (const type of types) {
      entriesWritten += await carryOver(employee, type, year, previous.get(type.id) ?? EMPTY_BALANCE);
      entriesWritten += await settleCarryOverLapse(employee, type, year, date);
    }
  }
  return { employees, entriesWritten };
}

async function carryOver(
  employee: EmployeeDto,
  type: LeaveTypeDto,
  year: number,
  previous: BalanceParts,
): Promise<number> {
  const days = Math.min(type.carryOverMax, Math.max(0, previous.available));
  if (days <= 0) return 0;
  return writeLedgerEntries([
    {
      key: `carry_over:${employee.id}:${type.id}:${year}`,
      employeeId: employee.id,
      leaveTypeId: type.id,
      year,
      kind: 'carry_over',
      days,
      createdBy: 'system:carry-over',
    },
  ]);
}

export function companyToday(): string {
  return todayIn(getConfig().COMPANY_TIMEZONE);
}

import { Types } from 'mongoose';
import mongoose from 'mongoose';
import type { EmployeeDto } from '../employees';
import { accrualPeriods } from './accrual';
import { LedgerEntry } from './leave-ledger.model';
import type { LeaveTypeDto } from './leave-types.service';
import type { BalanceParts, NewLedgerEntry } from './ledger.service';
import { balanceFromLedgerSums, sumKindsByType } from './ledger.service';

export type AccrualSubject = Pick<EmployeeDto, 'id' | 'hireDate' | 'status' | 'timezone'>;
type AccruingType = Pick<LeaveTypeDto, 'id' | 'active' | 'accrual' | 'annualEntitlement'>;

/**
 * The accrual entries an employee is owed for a type and leave year up to `asOf`, with their ledger
 * keys (`accrual:<employee>:<type>:<period>`). Inactive employees and types accrue nothing.
 */
export function accrualEntries(
  employee: AccrualSubject,
  type: AccruingType,
  year: number,
  asOf: string,
): NewLedgerEntry[] {
  if (employee.status !== 'active' || !type.active) return [];
  return accrualPeriods(type, employee.hireDate, year, asOf).map((p) => ({
    key: `accrual:${employee.id}:${type.id}:${p.period}`,
    employeeId: employee.id,
    leaveTypeId: type.id,
    year,
    kind: 'accrual',
    days: p.days,
    createdBy: 'system:accrual',
  }));
}

/** Keys of the accrual entries already in the ledger for an employee, leave year and types. */
async function writtenAccrualKeys(employeeId: string, year: number, typeIds: string[]): Promise<Set<string>> {
  if (typeIds.length === 0) return new Set();
  const rows = await LedgerEntry.find(
    {
      employeeId: new Types.ObjectId(employeeId),
      year,
      kind: 'accrual',
      leaveTypeId: mongoose.trusted({ $in: typeIds.map((id) => new Types.ObjectId(id)) }),
    },
    { key: 1, _id: 0 },
  ).lean<Array<{ key: string }>>();
  return new Set(rows.map((r) => r.key));
}

/**
 * What is due up to `asOf` but not yet in the ledger: computed from the leave type and the ledger,
 * never written. Reads add these to the ledger's sums; only the accrual job (and the writes that
 * check a balance) store them.
 */
export async function dueAccruals(
  employee: AccrualSubject,
  types: AccruingType[],
  year: number,
  asOf: string,
): Promise<NewLedgerEntry[]> {
  const owed = types.flatMap((type) => accrualEntries(employee, type, year, asOf));
  if (owed.length === 0) return [];
  const written = await writtenAccrualKeys(employee.id, year, [...new Set(owed.map((e) => e.leaveTypeId))]);
  return owed.filter((e) => !written.has(e.key));
}

/**
 * Balances per leave type as of `asOf` (the employee's today): the ledger's sums plus the accruals
 * due and not yet written. Reads nothing but the ledger and writes nothing.
 */
export async function balancesWithDue(
  employee: AccrualSubject,
  types: AccruingType[],
  year: number,
  asOf: string,
): Promise<Map<string, BalanceParts>> {
  const [sums, due] = await Promise.all([
    sumKindsByType(employee.id, year),
    dueAccruals(employee, types, year, asOf),
  ]);
  for (const entry of due) {
    const kinds = sums.get(entry.leaveTypeId) ?? {};
    kinds.accrual = (kinds.accrual ?? 0) + entry.days;
    sums.set(entry.leaveTypeId, kinds);
  }
  return new Map([...sums.entries()].map(([type, kinds]) => [type, balanceFromLedgerSums(kinds)]));
}

import { Types } from 'mongoose';
import type { EmployeeDto } from '../employees';
import { accrualPeriods } from './accrual';
import type { LedgerKind } from './leave-ledger.model';
import { LedgerEntry } from './leave-ledger.model';
import type { LeaveTypeDto } from './leave-types.service';
import type { BalanceParts, KindSums, NewLedgerEntry } from './ledger.service';
import { balanceFromLedgerSums } from './ledger.service';

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

/**
 * What is owed up to `asOf` but not in the ledger (`written`: the keys of the accrual entries the
 * caller read): computed from the leave type, never written. Only the accrual job (and the writes
 * that check a balance) store these.
 */
export function dueAccruals(
  employee: AccrualSubject,
  types: AccruingType[],
  year: number,
  asOf: string,
  written: ReadonlySet<string>,
): NewLedgerEntry[] {
  return types
    .flatMap((type) => accrualEntries(employee, type, year, asOf))
    .filter((e) => !written.has(e.key));
}

/**
 * One pass over an employee's ledger for a leave year: signed sums by kind per type, and the keys of
 * the accrual entries counted in them. Both come from the same query, so an entry the accrual job
 * stores meanwhile is in both or in neither: never counted twice (stored and due), never missed.
 */
async function ledgerPass(employeeId: string, year: number) {
  const rows = await LedgerEntry.aggregate<{
    _id: { type: Types.ObjectId; kind: LedgerKind; key: string | null };
    days: number;
  }>([
    { $match: { employeeId: new Types.ObjectId(employeeId), year } },
    {
      $group: {
        _id: {
          type: '$leaveTypeId',
          kind: '$kind',
          key: { $cond: [{ $eq: ['$kind', 'accrual'] }, '$key', null] },
        },
        days: { $sum: '$days' },
      },
    },
  ]);
  const sums = new Map<string, KindSums>();
  const accrualKeys = new Set<string>();
  for (const row of rows) {
    const type = row._id.type.toHexString();
    const kinds = sums.get(type) ?? {};
    kinds[row._id.kind] = (kinds[row._id.kind] ?? 0) + row.days;
    sums.set(type, kinds);
    if (row._id.key) accrualKeys.add(row._id.key);
  }
  return { sums, accrualKeys };
}

/**
 * Balances per leave type as of `asOf` (the employee's today): the ledger's sums plus the accruals
 * owed and not yet stored. Reads the ledger once and writes nothing.
 */
export async function balancesWithDue(
  employee: AccrualSubject,
  types: AccruingType[],
  year: number,
  asOf: string,
): Promise<Map<string, BalanceParts>> {
  const { sums, accrualKeys } = await ledgerPass(employee.id, year);
  for (const entry of dueAccruals(employee, types, year, asOf, accrualKeys)) {
    const kinds = sums.get(entry.leaveTypeId) ?? {};
    kinds.accrual = (kinds.accrual ?? 0) + entry.days;
    sums.set(entry.leaveTypeId, kinds);
  }
  return new Map([...sums.entries()].map(([type, kinds]) => [type, balanceFromLedgerSums(kinds)]));
}

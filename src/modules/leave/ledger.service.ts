import { Types } from 'mongoose';
import { insertIgnoringDuplicates } from '../../db/duplicate-key';
import type { LedgerKind } from './leave-ledger.model';
import { LedgerEntry } from './leave-ledger.model';

export interface NewLedgerEntry {
  key: string;
  employeeId: string;
  leaveTypeId: string;
  year: number;
  kind: LedgerKind;
  days: number;
  requestId?: string;
  reason?: string;
  createdBy?: string;
}

export interface BalanceParts {
  entitled: number;
  carriedOver: number;
  adjustments: number;
  used: number;
  pending: number;
  available: number;
}

/** Signed ledger sums by kind. */
export type KindSums = Partial<Record<LedgerKind, number>>;

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Inserts entries whose keys are new and ignores the rest: replaying a job or a request after a
 * crash writes nothing twice. Returns how many entries were new.
 */
export async function writeLedgerEntries(entries: NewLedgerEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const docs = entries.map((e) => ({
    ...e,
    employeeId: new Types.ObjectId(e.employeeId),
    leaveTypeId: new Types.ObjectId(e.leaveTypeId),
    ...(e.requestId ? { requestId: new Types.ObjectId(e.requestId) } : {}),
    at: new Date(),
  }));
  return insertIgnoringDuplicates(docs, (chunk) => LedgerEntry.insertMany(chunk, { ordered: false }));
}

/** Balance parts per leave type for one employee and leave year, summed over the ledger in the database. */
export async function sumBalances(employeeId: string, year: number): Promise<Map<string, BalanceParts>> {
  const rows = await LedgerEntry.aggregate<{ _id: { type: Types.ObjectId; kind: LedgerKind }; days: number }>(
    [
      { $match: { employeeId: new Types.ObjectId(employeeId), year } },
      { $group: { _id: { type: '$leaveTypeId', kind: '$kind' }, days: { $sum: '$days' } } },
    ],
  );
  const byType = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const key = row._id.type.toHexString();
    const kinds = byType.get(key) ?? {};
    kinds[row._id.kind] = (kinds[row._id.kind] ?? 0) + row.days;
    byType.set(key, kinds);
  }
  return new Map([...byType.entries()].map(([type, kinds]) => [type, balanceFromLedgerSums(kinds)]));
}

/**
 * Ledger sums by kind (signed) -> the balance a person reads. The one statement of the balance
 * formula: balances and the leave-utilization report both read it.
 */
export function balanceFromLedgerSums(k: Partial<Record<LedgerKind, number>>): BalanceParts {
  const entitled = round2(k.accrual ?? 0);
  const carriedOver = round2((k.carry_over ?? 0) + (k.carry_over_expiry ?? 0));
  const adjustments = round2(k.adjustment ?? 0);
  const used = round2(-((k.usage ?? 0) + (k.usage_release ?? 0)));
  const pending = round2(-((k.hold ?? 0) + (k.hold_release ?? 0)));
  return {
    entitled,
    carriedOver,
    adjustments,
    used,
    pending,
    available: round2(entitled + carriedOver + adjustments - used - pending),
  };
}

export const EMPTY_BALANCE: BalanceParts = {
  entitled: 0,
  carriedOver: 0,
  adjustments: 0,
  used: 0,
  pending: 0,
  available: 0,
};

/** Sum of one kind for an employee, type and year (used by carry-over expiry). */
export async function sumKind(
  employeeId: string,
  leaveTypeId: string,
  year: number,
  kinds: LedgerKind[],
): Promise<number> {
  const rows = await LedgerEntry.aggregate<{ days: number }>([
    {
      $match: {
        employeeId: new Types.ObjectId(employeeId),
        leaveTypeId: new Types.ObjectId(leaveTypeId),
        year,
        kind: { $in: kinds },
      },
    },
    { $group: { _id: null, days: { $sum: '$days' } } },
  ]);
  return round2(rows[0]?.days ?? 0);
}

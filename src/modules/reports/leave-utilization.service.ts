import type { ScopeActor } from '../employees';
import type { LedgerKind } from '../leave';
import { aggregateLeaveRequests, aggregateLedgerEntries, balanceFromLedgerSums } from '../leave';
import { employeeLookup, keyOf, round1, scopeMatch } from './pipeline';
import type { LeaveUtilizationRow, UtilizationGroup } from './reports.schemas';

type LedgerSums = Partial<Record<LedgerKind, number>>;

/** Days taken and pending, and what is left of the entitlement, per type, department or month of a leave year. */
export async function leaveUtilization(
  actor: ScopeActor,
  query: { year: number; groupBy: UtilizationGroup },
): Promise<LeaveUtilizationRow[]> {
  const scope = await scopeMatch(actor);
  if (query.groupBy === 'month') return utilizationByMonth(scope, query.year);
  const byDepartment = query.groupBy === 'department';
  const rows = await aggregateLedgerEntries<{
    _id: { key: unknown; kind: LedgerKind };
    days: number;
    label?: Array<{ name?: string }>;
  }>([
    { $match: { year: query.year, ...scope } },
    ...(byDepartment ? employeeLookup() : []),
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
  const groups = new Map<string, { label: string; sums: LedgerSums }>();
  for (const row of rows) {
    const key = keyOf(row._id.key);
    const group = groups.get(key) ?? {
      label: row.label?.[0]?.name ?? (byDepartment ? 'No department' : key),
      sums: {},
    };
    group.sums[row._id.kind] = (group.sums[row._id.kind] ?? 0) + row.days;
    groups.set(key, group);
  }
  return [...groups.entries()]
    .map(([key, { label, sums }]) => {
      // The ledger's own formula: the report and a person's balance cannot disagree.
      const balance = balanceFromLedgerSums(sums);
      return {
        key,
        label,
        taken: round1(balance.used),
        pending: round1(balance.pending),
        entitled: round1(balance.entitled + balance.carriedOver + balance.adjustments),
        remaining: round1(balance.available),
      };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** Approved and pending days by the month each request starts in. */
async function utilizationByMonth(
  scope: Record<string, unknown>,
  year: number,
): Promise<LeaveUtilizationRow[]> {
  const rows = await aggregateLeaveRequests<{ _id: { start: string; status: string }; days: number }>([
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

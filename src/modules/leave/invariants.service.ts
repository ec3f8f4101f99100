import type { Types } from 'mongoose';
import type { InvariantReport } from '../../lib/invariants';
import { LedgerEntry } from './leave-ledger.model';
import { LeaveRequest } from './leave-request.model';

interface RequestRow {
  _id: Types.ObjectId;
  status: string;
  days: number;
  pendingAmendment?: { held: Array<{ days: number }> } | null;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Every balance equals its ledger: balances are sums over ledger entries, so what can drift is a
 * request against its own entries. Net held days (hold + hold_release) and net used days (usage +
 * usage_release) of each request must match its status: pending holds its days, approved uses them,
 * rejected and cancelled neither. (Amended requests: their current `days`; an approved request with an
 * extension waiting for a decision also holds what the extension adds.) Read-only.
 */
export async function checkLeaveInvariants(): Promise<InvariantReport> {
  const sums = await LedgerEntry.aggregate<{ _id: { r: Types.ObjectId; k: string }; days: number }>([
    { $match: { requestId: { $exists: true } } },
    { $group: { _id: { r: '$requestId', k: '$kind' }, days: { $sum: '$days' } } },
  ]);
  const byRequest = new Map<string, { held: number; used: number }>();
  for (const row of sums) {
    const key = row._id.r.toHexString();
    const entry = byRequest.get(key) ?? { held: 0, used: 0 };
    if (row._id.k === 'hold' || row._id.k === 'hold_release') entry.held -= row.days;
    if (row._id.k === 'usage' || row._id.k === 'usage_release') entry.used -= row.days;
    byRequest.set(key, entry);
  }
  const report: InvariantReport = { violations: [], warnings: [], checked: { leaveRequests: 0 } };
  for await (const r of LeaveRequest.find({}, { status: 1, days: 1, pendingAmendment: 1 })
    .lean<RequestRow[]>()
    .cursor()) {
    report.checked.leaveRequests = (report.checked.leaveRequests ?? 0) + 1;
    const id = r._id.toHexString();
    const actual = byRequest.get(id) ?? { held: 0, used: 0 };
    const expected = {
      held:
        r.status === 'pending'
          ? r.days
          : r.status === 'approved'
            ? (r.pendingAmendment?.held ?? []).reduce((sum, y) => sum + y.days, 0)
            : 0,
      used: r.status === 'approved' ? r.days : 0,
    };
    if (round(actual.held) !== round(expected.held) || round(actual.used) !== round(expected.used))
      report.violations.push({
        invariant: 'balance equals ledger',
        entity: `LeaveRequest ${id}`,
        detail: `${r.status} request of ${r.days} days: ledger holds ${round(actual.held)} and uses ${round(actual.used)}`,
      });
  }
  return report;
}

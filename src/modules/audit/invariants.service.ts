import type { InvariantReport } from '../../lib/invariants';
import { AuditLog } from './audit-log.model';

/** Each request decided once: at most one decision per leave request in the audit trail. */
export async function checkDecisionInvariants(): Promise<InvariantReport> {
  const report: InvariantReport = { violations: [], warnings: [], checked: {} };
  const twice = await AuditLog.aggregate<{ _id: string; n: number }>([
    {
      $match: {
        entityType: 'LeaveRequest',
        action: { $in: ['leave_request.approve', 'leave_request.reject'] },
      },
    },
    { $group: { _id: '$entityId', n: { $sum: 1 } } },
    { $match: { n: { $gt: 1 } } },
    { $limit: 100 },
  ]);
  for (const t of twice)
    report.violations.push({
      invariant: 'each request decided once',
      entity: `LeaveRequest ${t._id}`,
      detail: `${t.n} decisions recorded`,
    });
  return report;
}

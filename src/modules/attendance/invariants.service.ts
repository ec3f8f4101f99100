import type { InvariantReport } from '../../lib/invariants';
import { Punch } from './punch.model';

/**
 * Each acknowledged punch is stored once: no two punches share a dedupe key (device + event id, or
 * device + employee + instant). Unique indexes enforce it; this finds data written without them.
 */
export async function checkAttendanceInvariants(): Promise<InvariantReport> {
  const report: InvariantReport = { violations: [], warnings: [], checked: {} };
  report.checked.punches = await Punch.estimatedDocumentCount();
  for (const field of ['eventKey', 'timeKey'] as const) {
    const duplicates = await Punch.aggregate<{ _id: string; n: number }>([
      { $match: { [field]: { $type: 'string' } } },
      { $group: { _id: `$${field}`, n: { $sum: 1 } } },
      { $match: { n: { $gt: 1 } } },
      { $limit: 100 },
    ]);
    for (const d of duplicates)
      report.violations.push({
        invariant: 'each acknowledged punch stored once',
        entity: `Punch ${field} ${d._id}`,
        detail: `${d.n} punches share this ${field}`,
      });
  }
  return report;
}

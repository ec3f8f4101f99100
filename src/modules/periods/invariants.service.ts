import type { Types } from 'mongoose';
import type { InvariantReport } from '../../lib/invariants';
import { PayrollPeriod } from './payroll-period.model';

interface PeriodRow {
  _id: Types.ObjectId;
  from: string;
  to: string;
  status: string;
}

/**
 * Payroll periods never overlap (the create lock's promise), and each is in order. Read in date
 * order, a period overlaps another exactly when it starts before the latest end seen so far.
 */
export async function checkPeriodInvariants(): Promise<InvariantReport> {
  const report: InvariantReport = { violations: [], warnings: [], checked: { payrollPeriods: 0 } };
  let latest: PeriodRow | undefined;
  const rows = PayrollPeriod.find({}, { from: 1, to: 1, status: 1 }).sort({ from: 1, _id: 1 });
  for await (const p of rows.lean<PeriodRow[]>().cursor()) {
    report.checked.payrollPeriods = (report.checked.payrollPeriods ?? 0) + 1;
    const id = p._id.toHexString();
    if (p.to < p.from)
      report.violations.push({
        invariant: 'payroll period in order',
        entity: `PayrollPeriod ${id}`,
        detail: `ends ${p.to} before it starts ${p.from}`,
      });
    if (latest && p.from <= latest.to)
      report.violations.push({
        invariant: 'payroll periods do not overlap',
        entity: `PayrollPeriod ${id}`,
        detail: `${p.from} to ${p.to} (${p.status}) overlaps ${latest.from} to ${latest.to} (PayrollPeriod ${latest._id.toHexString()})`,
      });
    if (!latest || p.to > latest.to) latest = p;
  }
  return report;
}

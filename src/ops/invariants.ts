import mongoose from 'mongoose';
import type { InvariantReport } from '../lib/invariants';
import { checkAttendanceInvariants } from '../modules/attendance';
import { checkDecisionInvariants } from '../modules/audit';
import { checkLeaveInvariants } from '../modules/leave';
import { checkOutboxInvariants } from '../modules/notifications';
import { checkPeriodInvariants } from '../modules/periods';
import { JobRun } from '../jobs/job-run.model';
import { countUnfinishedWork } from '../db/unfinished-work';

/** Job runs still `running` whose lease ran out long ago: no instance is ticking. */
async function checkJobs(at: Date): Promise<InvariantReport> {
  const stale = await JobRun.countDocuments({
    status: 'running',
    leaseUntil: mongoose.trusted({ $lt: new Date(at.getTime() - 60 * 60 * 1000) }),
  });
  return {
    violations: [],
    warnings: stale > 0 ? [{ check: 'jobs', detail: `${stale} job runs abandoned for over an hour` }] : [],
    checked: { jobRuns: await JobRun.estimatedDocumentCount() },
  };
}

/** Work commands left after their write that no sweeper finished within an hour. */
async function checkUnfinishedWork(at: Date): Promise<InvariantReport> {
  const left = await countUnfinishedWork(new Date(at.getTime() - 60 * 60 * 1000));
  return {
    violations: [],
    warnings:
      left > 0
        ? [{ check: 'unfinished-work', detail: `${left} records hold work unfinished for over an hour` }]
        : [],
    checked: {},
  };
}

/** Every invariant the service promises, checked read-only against the connected database. */
export async function checkInvariants(at = new Date()): Promise<InvariantReport> {
  const parts = [
    await checkLeaveInvariants(),
    await checkDecisionInvariants(),
    await checkAttendanceInvariants(),
    await checkOutboxInvariants(at),
    await checkPeriodInvariants(),
    await checkJobs(at),
    await checkUnfinishedWork(at),
  ];
  return {
    violations: parts.flatMap((p) => p.violations),
    warnings: parts.flatMap((p) => p.warnings),
    checked: Object.assign({}, ...parts.map((p) => p.checked)) as Record<string, number>,
  };
}

import { runWithContext } from '../lib/request-context';
import { recordAudit } from '../modules/audit';
import type { JobSummary } from '../modules/leave';
import { runCloseDays } from '../modules/attendance';
import { runAccrual, runApprovalEscalation, runCarryOver } from '../modules/leave';
import { sendLeaveReminders } from '../modules/notifications';

/** Every scheduled job, by name. Each takes the date it runs for and is idempotent for that date. */
export const JOBS: Record<string, (date: string) => Promise<JobSummary>> = {
  accrual: runAccrual,
  'carry-over': runCarryOver,
  'close-day': runCloseDays,
  'leave-reminders': sendLeaveReminders,
  'approval-escalation': runApprovalEscalation,
};

export function isJobName(name: string): name is keyof typeof JOBS {
  return Object.hasOwn(JOBS, name);
}

/** Runs a job as the system actor and records the run in the audit trail. */
export async function runJob(name: string, date: string, job = JOBS[name]): Promise<JobSummary> {
  if (!job) throw new Error(`Unknown job "${name}"; known: ${Object.keys(JOBS).join(', ')}`);
  const actor = { kind: 'system' as const, id: `job:${name}` };
  return runWithContext({ requestId: `job:${name}:${date}`, actor }, async () => {
    const summary = await job(date);
    await recordAudit({
      action: 'job.run',
      entityType: 'Job',
      entityId: name,
      metadata: { date, ...summary },
    });
    return summary;
  });
}

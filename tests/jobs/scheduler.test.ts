import { JobRun } from '../../src/jobs/job-run.model';
import { tick } from '../../src/jobs/scheduler';
import { AuditLog } from '../../src/modules/audit/audit-log.model';
import { useTestDatabase } from '../support/database';

useTestDatabase();

describe('scheduler', () => {
  it('when several instances tick at once then each job runs once per day', async () => {
    await Promise.all([tick('2026-11-23'), tick('2026-11-23'), tick('2026-11-23')]);
    const runs = await JobRun.find({ runKey: '2026-11-23' }).lean();
    expect(runs.map((r) => r.job).sort()).toEqual(['accrual', 'carry-over', 'close-day', 'leave-reminders']);
    expect(runs.every((r) => r.status === 'done')).toBe(true);
    expect(await AuditLog.countDocuments({ action: 'job.run' })).toBe(4);
    await tick('2026-11-23');
    expect(await AuditLog.countDocuments({ action: 'job.run' })).toBe(4);
  });

  it('when a new day comes then the jobs run again', async () => {
    await tick('2026-11-24');
    expect(await JobRun.countDocuments({ runKey: '2026-11-24' })).toBe(4);
  });
});

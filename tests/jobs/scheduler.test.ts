import { JobRun } from '../../src/jobs/job-run.model';
import { startScheduler, tick } from '../../src/jobs/scheduler';
import { setClockForTests } from '../../src/lib/clock';
import { AuditLog } from '../../src/modules/audit/audit-log.model';
import { useTestDatabase } from '../support/database';

useTestDatabase();
afterEach(() => setClockForTests(undefined));

const summary = { employees: 1, entriesWritten: 1 };
/** A job the test finishes when it wants: the run is "in progress" until then. */
function blockingJob() {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let started = false;
  return {
    job: async () => {
      started = true;
      await done;
      return summary;
    },
    finish: () => finish(),
    started: () => started,
  };
}

async function until(condition: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 500 && !(await condition()); i++) await new Promise((r) => setTimeout(r, 20));
  if (!(await condition())) throw new Error('condition not reached');
}

describe('scheduler', () => {
  it('when several instances tick at once then each job runs once per day', async () => {
    await Promise.all([tick('2026-11-23'), tick('2026-11-23'), tick('2026-11-23')]);
    const runs = await JobRun.find({ runKey: '2026-11-23' }).lean();
    expect(runs.map((r) => r.job).sort()).toEqual([
      'accrual',
      'approval-escalation',
      'carry-over',
      'close-day',
      'leave-reminders',
    ]);
    expect(runs.every((r) => r.status === 'done')).toBe(true);
    expect(await AuditLog.countDocuments({ action: 'job.run' })).toBe(5);
    await tick('2026-11-23');
    expect(await AuditLog.countDocuments({ action: 'job.run' })).toBe(5);
  });

  it('when a new day comes then the jobs run again', async () => {
    await tick('2026-11-24');
    expect(await JobRun.countDocuments({ runKey: '2026-11-24' })).toBe(5);
  });

  it('when the instance running a job died then another takes the run over once its lease expires, and it completes once', async () => {
    setClockForTests('2026-11-25T10:00:00Z');
    await JobRun.create({
      job: 'probe',
      runKey: '2026-11-25',
      status: 'running',
      owner: 'dead-instance#1',
      leaseUntil: new Date('2026-11-25T10:02:00Z'),
    });
    let runs = 0;
    const jobs = { probe: () => Promise.resolve(((runs += 1), summary)) };
    await tick('2026-11-25', { jobs, owner: 'b' });
    expect(runs).toBe(0);
    setClockForTests('2026-11-25T10:02:01Z');
    await tick('2026-11-25', { jobs, owner: 'b' });
    await tick('2026-11-25', { jobs, owner: 'c' });
    expect(runs).toBe(1);
    const run = await JobRun.findOne({ job: 'probe', runKey: '2026-11-25' }).lean();
    expect(run).toMatchObject({ status: 'done', attempts: 2, summary });
    expect(run!.owner).toMatch(/^b#/);
  });

  it('when a job fails then its lease is given back and the next tick retries it', async () => {
    let calls = 0;
    const jobs = {
      flaky: () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error('database hiccup')) : Promise.resolve(summary);
      },
    };
    await tick('2026-11-26', { jobs });
    expect(await JobRun.findOne({ job: 'flaky' }).lean()).toMatchObject({
      status: 'running',
      lastError: 'database hiccup',
    });
    await tick('2026-11-26', { jobs });
    const run = await JobRun.findOne({ job: 'flaky' }).lean();
    expect(run).toMatchObject({ status: 'done', attempts: 2 });
    expect(run!.lastError).toBeUndefined();
  });

  it('when a job is in progress then another instance skips it while the lease is renewed', async () => {
    const slow = blockingJob();
    const first = tick('2026-11-27', { jobs: { slow: slow.job }, owner: 'a' });
    await until(slow.started);
    let ran = false;
    await tick('2026-11-27', { jobs: { slow: () => Promise.resolve(((ran = true), summary)) }, owner: 'b' });
    expect(ran).toBe(false);
    slow.finish();
    await first;
    expect(await JobRun.findOne({ job: 'slow' }).lean()).toMatchObject({ status: 'done' });
  });

  it('when the scheduler is stopped then it waits for the job in progress and starts no further job', async () => {
    const slow = blockingJob();
    let nextRan = false;
    const scheduler = startScheduler({
      jobs: { 'stop-slow': slow.job, 'stop-next': () => Promise.resolve(((nextRan = true), summary)) },
    });
    await until(slow.started);
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await JobRun.countDocuments();
    expect(stopped).toBe(false);
    slow.finish();
    await stopping;
    expect(await JobRun.findOne({ job: 'stop-slow' }).lean()).toMatchObject({ status: 'done' });
    expect(nextRan).toBe(false);
    expect(await JobRun.countDocuments({ job: 'stop-next' })).toBe(0);
  });
});

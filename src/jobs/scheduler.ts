import { isDuplicateKeyError } from '../db/duplicate-key';
import type { Lease } from '../db/lease';
import { INSTANCE_ID, insertLeased, takeLease } from '../db/lease';
import { getConfig } from '../config';
import { todayIn } from '../lib/dates';
import { logger } from '../lib/logger';
import type { JobSummary } from '../modules/leave';
import { JobRun } from './job-run.model';
import { JOBS, runJob } from './jobs';

/** A run's lease (LEASE_SECONDS); renewed every third of it while the job works, so only a dead holder lets it lapse. */
const jobLeaseMs = () => getConfig().LEASE_SECONDS * 1000;

export interface TickOptions {
  /** The jobs to run (default: all); tests pass jobs that block or fail. */
  jobs?: Record<string, (date: string) => Promise<JobSummary>>;
  owner?: string;
  leaseMs?: number;
  /** Checked before each job: a stopping scheduler starts no further job. */
  stopping?: () => boolean;
}

/** Creates the day's run leased to us, or takes over one whose holder's lease has expired. */
async function leaseRun(job: string, runKey: string, owner: string, ms: number): Promise<Lease | undefined> {
  const collection = JobRun.collection;
  try {
    return await insertLeased(
      collection,
      { job, runKey, status: 'running', attempts: 1, startedAt: new Date() },
      ms,
      { owner },
    );
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
  const taken = await takeLease(collection, { job, runKey, status: 'running' }, ms, {
    owner,
    inc: { attempts: 1 },
  });
  if (taken) logger.warn(`Job ${job} for ${runKey}: taking over a run whose lease expired`);
  return taken?.lease;
}

/**
 * Runs each job once per company day. The (job, day) unique index and the run's lease decide which
 * instance runs it; a failed run gives its lease back (the next tick retries) and a run whose
 * instance died is taken over once its lease expires. Jobs are idempotent for their date (ledger
 * keys), so the rare overlap after a stalled holder writes nothing twice. Jobs catch up on their own
 * (accrual writes every missing month), so a day skipped while no instance ran loses nothing.
 */
export async function tick(
  date = todayIn(getConfig().COMPANY_TIMEZONE),
  options: TickOptions = {},
): Promise<void> {
  const jobs = options.jobs ?? JOBS;
  const owner = options.owner ?? INSTANCE_ID;
  const ms = options.leaseMs ?? jobLeaseMs();
  for (const name of Object.keys(jobs)) {
    if (options.stopping?.()) return;
    const lease = await leaseRun(name, date, owner, ms);
    if (!lease) continue;
    const stopRenewing = lease.keepAlive((err) =>
      logger.warn(`Job ${name} for ${date}: lease renewal failed`, { error: String(err) }),
    );
    try {
      const summary = await runJob(name, date, jobs[name]);
      stopRenewing();
      const recorded = await lease.finish(
        { status: 'done', finishedAt: new Date(), summary },
        { lastError: '' },
      );
      if (recorded) logger.info(`Job ${name} for ${date} done`, { summary });
      else logger.warn(`Job ${name} for ${date} finished after its lease was taken over`);
    } catch (err) {
      stopRenewing();
      const error = err instanceof Error ? err.message : String(err);
      await lease.finish({ lastError: error });
      logger.error(`Job ${name} for ${date} failed; will retry`, { error });
    }
  }
}

export interface RunningScheduler {
  /** Stops ticking and resolves once the job in progress (if any) has finished. */
  stop(): Promise<void>;
}

export function startScheduler(
  options: { intervalMs?: number; jobs?: TickOptions['jobs'] } = {},
): RunningScheduler {
  let stopping = false;
  let current: Promise<void> | undefined;
  const run = () => {
    if (stopping || current) return;
    current = tick(undefined, { jobs: options.jobs, stopping: () => stopping })
      .catch((err: unknown) => {
        logger.error('Scheduler tick failed', { error: String(err) });
      })
      .finally(() => {
        current = undefined;
      });
  };
  run();
  const timer = setInterval(run, options.intervalMs ?? getConfig().JOBS_TICK_SECONDS * 1000);
  timer.unref();
  return {
    async stop() {
      stopping = true;
      clearInterval(timer);
      await current;
    },
  };
}

import { hostname } from 'node:os';
import { isDuplicateKeyError } from '../db/duplicate-key';
import { getConfig } from '../config';
import { todayIn } from '../lib/dates';
import { logger } from '../lib/logger';
import { JobRun } from './job-run.model';
import { JOBS, runJob } from './jobs';

const TICK_MS = 10 * 60 * 1000;
const OWNER = `${hostname()}:${process.pid}`;

/**
 * Runs each job once per company day. The (job, day) unique index decides which instance runs it;
 * a failed run gives its claim back so the next tick retries. Jobs catch up on their own (accrual
 * writes every missing month), so a day skipped while no instance ran loses nothing.
 */
export async function tick(date = todayIn(getConfig().COMPANY_TIMEZONE)): Promise<void> {
  for (const name of Object.keys(JOBS)) {
    try {
      await JobRun.create({ job: name, runKey: date, owner: OWNER });
    } catch (err) {
      if (isDuplicateKeyError(err)) continue;
      throw err;
    }
    try {
      const summary = await runJob(name, date);
      await JobRun.updateOne(
        { job: name, runKey: date },
        { $set: { status: 'done', finishedAt: new Date(), summary } },
      );
      logger.info(`Job ${name} for ${date} done`, { summary });
    } catch (err) {
      await JobRun.deleteOne({ job: name, runKey: date, owner: OWNER });
      logger.error(`Job ${name} for ${date} failed; will retry`, {
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
}

export function startScheduler(): () => void {
  const run = () => {
    tick().catch((err: unknown) => logger.error('Scheduler tick failed', { error: String(err) }));
  };
  run();
  const timer = setInterval(run, TICK_MS);
  timer.unref();
  return () => clearInterval(timer);
}

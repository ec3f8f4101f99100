import { getConfig } from '../config';
import { connectDatabase, disconnectDatabase, ensureIndexes } from '../db/connection';
import { resolveDatabase } from '../db/resolver';
import { isCalendarDate } from '../lib/validators';
import { subscribeModulesToEvents } from '../modules';
import { JOBS, isJobName, runJob } from './jobs';
import { todayIn } from '../lib/dates';

/**
 * `npm run job -- <name> [--date YYYY-MM-DD]`: runs one job for a date, for back-filling or by hand.
 * Safe to repeat: every job is idempotent for its date. Uses MONGODB_URI (or the resolver's database).
 */
async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const dateFlag = rest.indexOf('--date');
  const date = dateFlag >= 0 ? rest[dateFlag + 1] : todayIn(getConfig().COMPANY_TIMEZONE);
  if (!name || !isJobName(name))
    throw new Error(`Usage: npm run job -- <${Object.keys(JOBS).join('|')}> [--date YYYY-MM-DD]`);
  if (!date || !isCalendarDate(date)) throw new Error('--date must be a date YYYY-MM-DD');

  subscribeModulesToEvents();
  const config = getConfig();
  const db = await resolveDatabase({
    uri: config.MONGODB_URI,
    backend: config.DB_BACKEND,
    log: (m) => process.stderr.write(`${m}\n`),
  });
  try {
    await connectDatabase(db.uri);
    await ensureIndexes();
    const summary = await runJob(name, date);
    process.stdout.write(`${JSON.stringify({ job: name, date, ...summary })}\n`);
  } finally {
    await disconnectDatabase();
    await db.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

import { getConfig } from '../config';
import { connectDatabase, disconnectDatabase } from '../db/connection';
import { checkInvariants } from './invariants';

/**
 * `npm run check:invariants` (or `node dist/ops/check-invariants.js` in the image): reads the
 * database at MONGODB_URI and prints one JSON report; exit code 1 when an invariant is broken.
 * Read-only: it builds no index, creates nothing and repairs nothing, so it is safe in production
 * (point it at a secondary with `?readPreference=secondaryPreferred` to spare the primary).
 */
async function main(): Promise<void> {
  const uri = getConfig().MONGODB_URI;
  if (!uri) throw new Error('Set MONGODB_URI to the database to check');
  await connectDatabase(uri, { readOnly: true });
  try {
    const report = await checkInvariants();
    process.stdout.write(`${JSON.stringify({ ok: report.violations.length === 0, ...report }, null, 2)}\n`);
    if (report.violations.length > 0) process.exitCode = 1;
  } finally {
    await disconnectDatabase();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});

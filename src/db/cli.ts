import { getConfig } from '../config';
import { resolveDatabase } from './resolver';

/**
 * `npm run db`: starts the database the resolver picks and keeps it up until killed.
 * The first line on stdout is `MONGODB_URI=...`, so scripts can read it; everything else goes to stderr.
 */
async function main(): Promise<void> {
  const config = getConfig();
  const db = await resolveDatabase({
    uri: config.MONGODB_URI,
    backend: config.DB_BACKEND,
    log: (message) => console.error(message),
  });
  console.log(`MONGODB_URI=${db.uri}`);
  const stop = () => {
    void db.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Keep the event loop alive even for an external URI, so the command behaves the same either way.
  setInterval(() => {}, 1 << 30);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});

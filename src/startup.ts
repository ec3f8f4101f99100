import type { Config } from './config';

/** One-off work after the database is up and before listening: first admin, demo data. */
export async function onStartup(_config: Config): Promise<void> {
  // Filled by the auth and employees modules (bootstrap admin, demo seed).
}

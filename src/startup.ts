import type { Config } from './config';
import { demoAccountsEnabled, seedDemoData } from './seed-demo';
import { logger } from './lib/logger';
import { bootstrapAdmin } from './modules/auth';

/** One-off work after the database is up and before listening: first admin, demo data. */
export async function onStartup(config: Config): Promise<void> {
  if (config.BOOTSTRAP_ADMIN_EMAIL && config.BOOTSTRAP_ADMIN_PASSWORD) {
    const outcome = await bootstrapAdmin(config.BOOTSTRAP_ADMIN_EMAIL, config.BOOTSTRAP_ADMIN_PASSWORD);
    logger.info(
      outcome === 'created'
        ? `Created the first admin ${config.BOOTSTRAP_ADMIN_EMAIL}`
        : 'An admin exists; bootstrap skipped',
    );
  }
  if (demoAccountsEnabled(config)) await seedDemoData();
}

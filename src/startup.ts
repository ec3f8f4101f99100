import type { Config } from './config';
import { ConfigError } from './config';
import { BusinessRuleError } from './lib/errors';
import { demoAccountsEnabled, seedDemoData } from './seed-demo';
import { logger } from './lib/logger';
import { bootstrapAdmin } from './modules/auth';

/** One-off work after the database is up and before listening: first admin, demo data. */
export async function onStartup(config: Config): Promise<void> {
  if (config.BOOTSTRAP_ADMIN_EMAIL && config.BOOTSTRAP_ADMIN_PASSWORD) {
    const outcome = await bootstrapAdmin(config.BOOTSTRAP_ADMIN_EMAIL, config.BOOTSTRAP_ADMIN_PASSWORD).catch(
      (err: unknown) => {
        // A guessable first-admin password stops startup with one line naming the variable.
        const refused = err instanceof BusinessRuleError ? err.errors?.[0]?.message : undefined;
        throw refused ? new ConfigError(`Invalid configuration: BOOTSTRAP_ADMIN_PASSWORD ${refused}`) : err;
      },
    );
    logger.info(
      outcome === 'created'
        ? `Created the first admin ${config.BOOTSTRAP_ADMIN_EMAIL}`
        : 'An admin exists; bootstrap skipped',
    );
  }
  if (demoAccountsEnabled(config)) await seedDemoData();
}

import { existsSync } from 'node:fs';
import { configSchema as schema, type RawConfig } from './schema';

/**
 * The one reader of process.env. Every variable is described once in ./schema.ts, from which
 * .env.example and docs/configuration.md are generated (`npm run docs:config`).
 * Validation failures become one line naming the variable, so a bad deploy says what to fix.
 */

const DEV_JWT_SECRET = 'dev-only-insecure-jwt-secret-change-me-0123456789';

/** Every variable the service reads. */
export const CONFIG_VARIABLES = Object.keys(schema.shape);

export type Config = Omit<
  RawConfig,
  'JWT_SECRET' | 'LOG_LEVEL' | 'LOG_FORMAT' | 'DB_SEED_DEMO' | 'JOBS_ENABLED'
> & {
  JWT_SECRET: string;
  LOG_LEVEL: NonNullable<RawConfig['LOG_LEVEL']>;
  LOG_FORMAT: NonNullable<RawConfig['LOG_FORMAT']>;
  DB_SEED_DEMO: boolean;
  JOBS_ENABLED: boolean;
  isProduction: boolean;
  isTest: boolean;
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Variables production may not do without; development and test fall back to safe local defaults. */
const REQUIRED_IN_PRODUCTION = ['MONGODB_URI', 'JWT_SECRET'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path.join('.') ?? 'environment';
    const value = present[variable];
    const problem =
      value === undefined
        ? 'is required'
        : `${issue?.message ?? 'is invalid'} (got "${redact(variable, value)}")`;
    throw new ConfigError(`Invalid configuration: ${variable} ${problem}`);
  }
  const raw = parsed.data;
  const isProduction = raw.NODE_ENV === 'production';
  const isTest = raw.NODE_ENV === 'test';
  if (isProduction) {
    const missing = REQUIRED_IN_PRODUCTION.find((name) => raw[name] === undefined);
    if (missing)
      throw new ConfigError(`Invalid configuration: ${missing} is required when NODE_ENV=production`);
  }
  if ((raw.BOOTSTRAP_ADMIN_EMAIL === undefined) !== (raw.BOOTSTRAP_ADMIN_PASSWORD === undefined)) {
    const missing =
      raw.BOOTSTRAP_ADMIN_EMAIL === undefined ? 'BOOTSTRAP_ADMIN_EMAIL' : 'BOOTSTRAP_ADMIN_PASSWORD';
    throw new ConfigError(
      `Invalid configuration: ${missing} is required when the other BOOTSTRAP_ADMIN_* is set`,
    );
  }
  return {
    ...raw,
    JWT_SECRET: raw.JWT_SECRET ?? DEV_JWT_SECRET,
    LOG_LEVEL: raw.LOG_LEVEL ?? (isTest ? 'silent' : 'info'),
    LOG_FORMAT: raw.LOG_FORMAT ?? (isProduction ? 'json' : 'pretty'),
    DB_SEED_DEMO: raw.DB_SEED_DEMO ?? raw.NODE_ENV === 'development',
    JOBS_ENABLED: raw.JOBS_ENABLED ?? !isTest,
    BCRYPT_COST: raw.BCRYPT_COST,
    isProduction,
    isTest,
  };
}

function redact(variable: string, value: string): string {
  return /SECRET|PASSWORD|URI|URL/.test(variable) ? '***' : value;
}

let cached: Config | undefined;

/** Loads once; `.env` in the working directory is read first when present (development convenience). */
export function getConfig(): Config {
  if (!cached) {
    if (existsSync('.env') && process.env.NODE_ENV !== 'test') process.loadEnvFile('.env');
    cached = loadConfig();
  }
  return cached;
}

/**
 * For code that runs while modules load (logger, model options): a bad configuration must be
 * reported by the entry point in one line, not thrown from an import.
 */
export function tryGetConfig(): Config | undefined {
  try {
    return getConfig();
  } catch {
    return undefined;
  }
}

/** Tests swap configuration without touching process.env of other files. */
export function setConfigForTests(overrides: Partial<Config>): void {
  cached = { ...getConfig(), ...overrides };
}

import { existsSync } from 'node:fs';
import { configSchema as schema, type RawConfig } from './schema';

/**
 * The one reader of process.env. Every variable is described once in ./schema.ts, from which
 * .env.example and docs/configuration.md are generated (`npm run docs:config`).
 * Validation failures become one line naming the variable, so a bad deploy says what to fix.
 */

const DEV_JWT_SECRET = 'dev-only-insecure-jwt-secret-change-me-0123456789';

/**
 * Secret values printed in this repository (the development default, .env.example, docker-compose.yml,
 * the docs and the demo accounts): anyone can read them, so production refuses them. A test scans
 * those files and fails when one of their values is missing here. Placeholders ("change me") are
 * refused by pattern too.
 */
export const PUBLISHED_SECRETS: ReadonlySet<string> = new Set([
  DEV_JWT_SECRET,
  'replace-with-a-long-random-string',
  'change-me-to-a-long-random-string-of-32-chars-or-more',
  'ChangeMe-Admin-2026',
  'a-long-password',
  'Admin-Demo-2026!',
  'Manager-Demo-2026!',
  'Employee-Demo-2026!',
]);
const PLACEHOLDER = /change-?me|replace-?(me|with)|example|placeholder|insecure|dev-only/i;
/** Variables holding secrets production checks against the published values. */
const SECRET_VARIABLES = ['JWT_SECRET', 'METRICS_TOKEN', 'BOOTSTRAP_ADMIN_PASSWORD'] as const;

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

/** The weakest work factor a real deployment may use; tests go lower so they do not spend minutes hashing. */
const MIN_BCRYPT_COST = 10;

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
    refusePublishedSecrets(raw);
  }
  if (!isTest && raw.BCRYPT_COST < MIN_BCRYPT_COST) {
    throw new ConfigError(
      `Invalid configuration: BCRYPT_COST must be at least ${MIN_BCRYPT_COST} (got "${raw.BCRYPT_COST}"; lower only when NODE_ENV=test)`,
    );
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

/** The password of a connection string, if it has one. */
function uriPassword(uri: string | undefined): string | undefined {
  const password = uri ? /^mongodb(?:\+srv)?:\/\/[^:/@]*:([^@]*)@/.exec(uri)?.[1] : undefined;
  return password === undefined ? undefined : decodeURIComponent(password);
}

/** Production never runs with a secret anyone can read in this repository, or an obvious placeholder. */
function refusePublishedSecrets(raw: RawConfig): void {
  const values: [string, string | undefined][] = [
    ...SECRET_VARIABLES.map((name): [string, string | undefined] => [name, raw[name]]),
    ['MONGODB_URI', uriPassword(raw.MONGODB_URI)],
  ];
  for (const [name, value] of values) {
    if (value !== undefined && (PUBLISHED_SECRETS.has(value) || PLACEHOLDER.test(value))) {
      throw new ConfigError(
        `Invalid configuration: ${name} is a value published in the repository or a placeholder; set a secret of your own when NODE_ENV=production`,
      );
    }
  }
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

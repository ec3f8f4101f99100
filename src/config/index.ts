import { existsSync } from 'node:fs';
import { isIanaTimeZone } from '../lib/validators';
import { z } from 'zod';

/**
 * The one reader of process.env. Every variable is documented in .env.example and the README.
 * Validation failures become one line naming the variable, so a bad deploy says what to fix.
 */

const DEV_JWT_SECRET = 'dev-only-insecure-jwt-secret-change-me-0123456789';

const boolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const UNIT_BYTES: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };
/** `500kb`, `10mb` -> bytes. */
const size = z
  .string()
  .regex(/^\d+(b|kb|mb)$/i, 'must look like 10mb or 500kb')
  .transform((v) => {
    const [, amount = '0', unit = 'b'] = /^(\d+)(b|kb|mb)$/i.exec(v) ?? [];
    return Number(amount) * (UNIT_BYTES[unit.toLowerCase()] ?? 1);
  });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_BASE_URL: z.url().optional(),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  DB_BACKEND: z.enum(['auto', 'uri', 'memory-server', 'standin']).default('auto'),
  DB_SEED_DEMO: boolean.optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_ISSUER: z.string().min(1).default('attendance-leave-api'),
  JWT_AUDIENCE: z.string().min(1).default('attendance-leave-clients'),
  JWT_ACCESS_TTL_SECONDS: int(60, 86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: int(1, 365).default(30),
  BCRYPT_COST: int(10, 15).default(12),
  AUTH_USER_CACHE_SECONDS: int(0, 300).default(5),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: int(1, 1000).default(5),
  LOGIN_MAX_FAILURES_PER_IP: int(1, 100_000).default(50),
  LOGIN_FAILURE_WINDOW_SECONDS: int(10, 86_400).default(900),
  PASSWORD_RESET_URL: z.url().optional(),
  INVITATION_URL: z.url().optional(),
  CORS_ORIGINS: csv.default([]),
  TRUST_PROXY_HOPS: int(0, 10).default(0),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must look like 1mb or 500kb')
    .default('1mb'),
  IMPORT_MAX_BYTES: size.default(10 * 1024 * 1024),
  ATTACHMENT_MAX_BYTES: size.default(5 * 1024 * 1024),
  INVITATION_TTL_HOURS: int(1, 720).default(72),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'debug', 'silent']).optional(),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Attendance & Leave <no-reply@localhost>'),
  COMPANY_TIMEZONE: z
    .string()
    .refine(isIanaTimeZone, 'must be an IANA time zone such as Europe/Berlin')
    .default('UTC'),
  WORK_WEEK: z
    .string()
    .regex(/^[1-7](,[1-7]){0,6}$/, 'must be ISO weekday numbers like 1,2,3,4,5 (Monday=1)')
    .transform((v) => [...new Set(v.split(',').map(Number))].sort())
    .default([1, 2, 3, 4, 5]),
  SHIFT_START: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm')
    .default('09:00'),
  SHIFT_END: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm')
    .default('17:00'),
  SHIFT_GRACE_MINUTES: int(0, 240).default(10),
  SHIFT_BREAK_MINUTES: int(0, 240).default(0),
  INGEST_MAX_AGE_DAYS: int(1, 366).default(31),
  ICLOCK_MAX_REQUESTS_PER_MINUTE: int(1, 100_000).default(120),
  LEAVE_SUBMISSIONS_PER_HOUR: int(1, 10_000).default(30),
  COMPLIANCE_DAILY_MAX_MINUTES: int(60, 1440).default(600),
  COMPLIANCE_WEEKLY_MAX_MINUTES: int(60, 10_080).default(2880),
  COMPLIANCE_MIN_REST_MINUTES: int(0, 1440).default(660),
  BOOTSTRAP_ADMIN_EMAIL: z.email().optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  AUDIT_RETENTION_DAYS: int(30, 36_500).optional(),
  LEASE_SECONDS: int(2, 3600).default(120),
  JOBS_TICK_SECONDS: int(1, 86_400).default(600),
  OUTBOX_PUMP_SECONDS: int(1, 3600).default(30),
  OUTBOX_RETENTION_DAYS: int(1, 3650).default(30),
  RAW_DEVICE_LINES_DAYS: int(1, 3650).default(90),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('attendance-leave-api'),
  READY_TIMEOUT_MS: int(100, 60_000).default(2000),
  SHUTDOWN_TIMEOUT_MS: int(1000, 60_000).default(10_000),
  JOBS_ENABLED: boolean.optional(),
});

type RawConfig = z.infer<typeof schema>;

/** Every variable the service reads; .env.example documents each (a test checks). */
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

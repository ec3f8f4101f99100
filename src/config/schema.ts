import { z } from 'zod';
import { isIanaTimeZone } from '../lib/validators';

/**
 * Every variable the service reads, each described once. `.env.example` and the table in
 * docs/configuration.md are generated from these descriptions (`npm run docs:config`; a test fails
 * when they are out of date), so the three never disagree.
 */

export const CONFIG_GROUPS = [
  'Server',
  'Database',
  'Sign-in and tokens',
  'Limits',
  'Logs and mail',
  'Working time',
  'Jobs and retention',
  'First admin',
] as const;

export interface VariableDoc {
  /** What it means, one or two sentences. */
  about: string;
  group: (typeof CONFIG_GROUPS)[number];
  /** The default as an operator writes it, when the schema's own default is not that (or is computed). */
  shown?: string;
  /** A value for .env.example when the variable has no default. */
  example?: string;
}

/** Attaches the description to the variable's schema (zod's metadata registry). */
function v<T extends z.ZodType>(field: T, doc: VariableDoc): T {
  return field.meta({ description: doc.about, ...doc });
}

const boolean = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const csv = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const UNIT_BYTES: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };
/** `500kb`, `10mb` -> bytes. */
const size = z
  .string()
  .regex(/^\d+(b|kb|mb)$/i, 'must look like 10mb or 500kb')
  .transform((value) => {
    const [, amount = '0', unit = 'b'] = /^(\d+)(b|kb|mb)$/i.exec(value) ?? [];
    return Number(amount) * (UNIT_BYTES[unit.toLowerCase()] ?? 1);
  });
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm');

export const configSchema = z.object({
  NODE_ENV: v(z.enum(['development', 'test', 'production']).default('development'), {
    about: '`development`, `test` or `production`',
    group: 'Server',
  }),
  PORT: v(int(0, 65535).default(3000), { about: 'Port to listen on', group: 'Server' }),
  HOST: v(z.string().min(1).default('0.0.0.0'), { about: 'Address to listen on', group: 'Server' }),
  PUBLIC_BASE_URL: v(z.url().optional(), {
    about: 'Base URL clients reach the API at, used in links the API sends (emails, calendar feeds)',
    group: 'Server',
    example: 'http://localhost:3000',
  }),
  CORS_ORIGINS: v(csv.default([]), {
    about: 'Comma-separated browser origins allowed to call the API (empty: no cross-origin access)',
    group: 'Server',
    shown: '',
  }),
  TRUST_PROXY_HOPS: v(int(0, 10).default(0), {
    about: 'Reverse proxies in front of the API whose `X-Forwarded-For` is believed (a count, never "all")',
    group: 'Server',
  }),
  READY_TIMEOUT_MS: v(int(100, 60_000).default(2000), {
    about: '`/ready` database ping timeout',
    group: 'Server',
  }),
  SHUTDOWN_TIMEOUT_MS: v(int(1000, 60_000).default(10_000), {
    about: 'Graceful shutdown deadline before a forced exit',
    group: 'Server',
  }),
  ICLOCK_PORT: v(int(1, 65535).optional(), {
    about: 'A separate listener serving only the ZKTeco push routes (/iclock/*); unset: they share PORT',
    group: 'Server',
    example: '8081',
  }),
  METRICS_TOKEN: v(z.string().min(32, 'must be at least 32 characters').optional(), {
    about: 'Bearer token the Prometheus scraper sends to GET /metrics (unset: /metrics answers 401)',
    group: 'Server',
  }),
  MONGODB_URI: v(
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
    {
      about: '**Required in production.** Unset in development and tests: an embedded database is started',
      group: 'Database',
      example: 'mongodb://localhost:27017/attendance',
    },
  ),
  DB_BACKEND: v(z.enum(['auto', 'uri', 'memory-server', 'standin']).default('auto'), {
    about: 'Force one backend of the database resolver: `uri`, `memory-server` or `standin`',
    group: 'Database',
  }),
  DB_SEED_DEMO: v(boolean.optional(), {
    about: 'Seed the demo users and employees at startup (never in production)',
    group: 'Database',
    shown: '`true` in development',
    example: 'true',
  }),
  JWT_SECRET: v(z.string().min(32, 'must be at least 32 characters').optional(), {
    about: '**Required in production.** HS256 signing secret for access tokens, at least 32 characters',
    group: 'Sign-in and tokens',
    shown: 'a development-only value',
    example: 'replace-with-a-long-random-string',
  }),
  JWT_ISSUER: v(z.string().min(1).default('attendance-leave-api'), {
    about: 'Issuer written into and checked on every token',
    group: 'Sign-in and tokens',
  }),
  JWT_AUDIENCE: v(z.string().min(1).default('attendance-leave-clients'), {
    about: 'Audience written into and checked on every token',
    group: 'Sign-in and tokens',
  }),
  JWT_ACCESS_TTL_SECONDS: v(int(60, 86_400).default(900), {
    about: 'Access token lifetime',
    group: 'Sign-in and tokens',
  }),
  REFRESH_TOKEN_TTL_DAYS: v(int(1, 365).default(30), {
    about: 'Refresh token lifetime (renewed on each rotation)',
    group: 'Sign-in and tokens',
  }),
  BCRYPT_COST: v(int(10, 15).default(12), {
    about: 'bcrypt work factor, 10 to 15',
    group: 'Sign-in and tokens',
  }),
  AUTH_USER_CACHE_SECONDS: v(int(0, 300).default(5), {
    about:
      'How long an instance remembers an active user between requests (0 to 300; 0: read the user on every request). Revocation is immediate on the instance that makes it; other instances follow within this time',
    group: 'Sign-in and tokens',
  }),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: v(int(1, 1000).default(5), {
    about: 'Failed sign-ins per account within the window before 429 with `Retry-After`',
    group: 'Sign-in and tokens',
  }),
  LOGIN_MAX_FAILURES_PER_IP: v(int(1, 100_000).default(50), {
    about: 'Failed sign-ins per client address within the window before 429',
    group: 'Sign-in and tokens',
  }),
  LOGIN_FAILURE_WINDOW_SECONDS: v(int(10, 86_400).default(900), {
    about: 'The sign-in failure window (and the lock duration)',
    group: 'Sign-in and tokens',
  }),
  FORGOT_PASSWORD_PER_ADDRESS_PER_HOUR: v(int(1, 1000).default(3), {
    about: 'Forgot-password requests per email address in an hour before 429',
    group: 'Sign-in and tokens',
  }),
  FORGOT_PASSWORD_PER_IP_PER_HOUR: v(int(1, 100_000).default(20), {
    about: 'Forgot-password requests per client address in an hour before 429',
    group: 'Sign-in and tokens',
  }),
  PASSWORD_RESET_URL: v(z.url().optional(), {
    about: 'Front-end page the reset email links to (`?token=`)',
    group: 'Sign-in and tokens',
    shown: '`PUBLIC_BASE_URL/reset-password`',
    example: 'https://hr.example.com/reset-password',
  }),
  INVITATION_URL: v(z.url().optional(), {
    about: 'Front-end page the invitation email links to (`?token=`)',
    group: 'Sign-in and tokens',
    shown: '`PUBLIC_BASE_URL/accept-invitation`',
    example: 'https://hr.example.com/accept-invitation',
  }),
  INVITATION_TTL_HOURS: v(int(1, 720).default(72), {
    about: 'How long an invitation link works',
    group: 'Sign-in and tokens',
  }),
  BODY_LIMIT: v(
    z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'must look like 1mb or 500kb')
      .default('1mb'),
    { about: 'Largest JSON body (larger: 413)', group: 'Limits' },
  ),
  JSON_MAX_DEPTH: v(int(2, 1000).default(32), {
    about: 'Deepest nesting of objects and arrays a JSON body may have (deeper: 400 before parsing)',
    group: 'Limits',
  }),
  IMPORT_MAX_BYTES: v(size.default(10 * 1024 * 1024), {
    about: 'Largest CSV import, `POST /imports/*` (larger: 413)',
    group: 'Limits',
    shown: '10mb',
  }),
  ATTACHMENT_MAX_BYTES: v(size.default(5 * 1024 * 1024), {
    about: 'Largest leave request attachment (a sick note: PDF, PNG or JPEG; larger: 413)',
    group: 'Limits',
    shown: '5mb',
  }),
  INGEST_MAX_AGE_DAYS: v(int(1, 366).default(31), {
    about: 'Device punches older than this many days are rejected per item',
    group: 'Limits',
  }),
  ICLOCK_MAX_REQUESTS_PER_MINUTE: v(int(1, 100_000).default(120), {
    about: 'Requests per minute from one ZKTeco serial number (known or not) before 429',
    group: 'Limits',
  }),
  ICLOCK_REFUSED_MAX_PER_MINUTE: v(int(1, 100_000).default(20), {
    about:
      "Refused terminal requests (unknown serial, address outside allowedIps) per client address per minute before 429; kept apart from the terminals' own budget",
    group: 'Limits',
  }),
  IDEMPOTENCY_KEY_HOURS: v(int(1, 720).default(24), {
    about:
      'How long an `Idempotency-Key` sent with a creating POST is remembered (a retry within it is replayed)',
    group: 'Limits',
  }),
  LEAVE_SUBMISSIONS_PER_HOUR: v(int(1, 10_000).default(30), {
    about: 'Leave requests one user may submit per hour before 429 (stops scripted mass submission)',
    group: 'Limits',
  }),
  LOG_LEVEL: v(z.enum(['error', 'warn', 'info', 'http', 'debug', 'silent']).optional(), {
    about: '`error`, `warn`, `info`, `http`, `debug` or `silent`',
    group: 'Logs and mail',
    shown: '`info` (`silent` in tests)',
    example: 'info',
  }),
  LOG_FORMAT: v(z.enum(['json', 'pretty']).optional(), {
    about: '`json` or `pretty` (coloured lines)',
    group: 'Logs and mail',
    shown: '`json` in production, `pretty` otherwise',
    example: 'pretty',
  }),
  SMTP_URL: v(
    z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
    {
      about: 'Outgoing mail server; unset: mails are logged, not sent',
      group: 'Logs and mail',
      example: 'smtp://127.0.0.1:2525',
    },
  ),
  MAIL_FROM: v(z.string().min(3).default('Attendance & Leave <no-reply@localhost>'), {
    about: 'Sender of outgoing mail',
    group: 'Logs and mail',
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: v(z.url().optional(), {
    about: 'OTLP/HTTP collector URL for OpenTelemetry traces; unset: tracing is off (docs/operations.md)',
    group: 'Logs and mail',
    example: 'http://otel-collector:4318',
  }),
  OTEL_SERVICE_NAME: v(z.string().min(1).default('attendance-leave-api'), {
    about: 'Service name on traces',
    group: 'Logs and mail',
  }),
  COMPANY_TIMEZONE: v(
    z.string().refine(isIanaTimeZone, 'must be an IANA time zone such as Europe/Berlin').default('UTC'),
    { about: 'IANA time zone of employees who have none of their own', group: 'Working time' },
  ),
  WORK_WEEK: v(
    z
      .string()
      .regex(/^[1-7](,[1-7]){0,6}$/, 'must be ISO weekday numbers like 1,2,3,4,5 (Monday=1)')
      .transform((value) => [...new Set(value.split(',').map(Number))].sort())
      .default([1, 2, 3, 4, 5]),
    {
      about: 'Company work week as ISO weekdays (Monday=1 ... Sunday=7); employees may override it',
      group: 'Working time',
      shown: '1,2,3,4,5',
    },
  ),
  SHIFT_START: v(timeOfDay.default('09:00'), { about: 'Company shift start', group: 'Working time' }),
  SHIFT_END: v(timeOfDay.default('17:00'), {
    about: 'Company shift end; an end before the start is a night shift, which belongs to the day it starts',
    group: 'Working time',
  }),
  SHIFT_GRACE_MINUTES: v(int(0, 240).default(10), {
    about: 'Minutes after the shift start before a check-in counts as late',
    group: 'Working time',
  }),
  SHIFT_BREAK_MINUTES: v(int(0, 240).default(0), {
    about: 'Unpaid break deducted from worked time',
    group: 'Working time',
  }),
  MAX_SESSION_HOURS: v(int(1, 24).default(16), {
    about:
      'Longest in/out session, also across midnight; a check-in left open longer is a missing check-out with an exception, never a longer day (docs/attendance-days.md)',
    group: 'Working time',
  }),
  PUNCH_DEBOUNCE_SECONDS: v(int(0, 3600).default(60), {
    about:
      'Punches of one employee closer than this, with the same or no direction, are one punch: the extra is stored, marked double_tap and not counted',
    group: 'Working time',
  }),
  DEVICE_CLOCK_SKEW_MINUTES: v(int(1, 44_640).default(60), {
    about:
      'A device event stamped more than this many minutes before the server received it raises a clock_skew exception (still stored and counted)',
    group: 'Working time',
  }),
  COMPLIANCE_DAILY_MAX_MINUTES: v(int(60, 1440).default(600), {
    about: 'Compliance report: a day worked longer than this is flagged (EU Working Time Directive: 10 h)',
    group: 'Working time',
  }),
  COMPLIANCE_WEEKLY_MAX_MINUTES: v(int(60, 10_080).default(2880), {
    about: 'Compliance report: an average week over this (48 h) is flagged',
    group: 'Working time',
  }),
  COMPLIANCE_MIN_REST_MINUTES: v(int(0, 1440).default(660), {
    about: 'Compliance report: rest between shifts shorter than this (11 h) is flagged',
    group: 'Working time',
  }),
  JOBS_ENABLED: v(boolean.optional(), {
    about:
      'Run the scheduler (accrual, carry-over, close-day, reminders) and the email outbox pump in this instance; a MongoDB lock makes each run happen once across instances',
    group: 'Jobs and retention',
    shown: '`true` (not in tests)',
    example: 'true',
  }),
  LEASE_SECONDS: v(int(2, 3600).default(120), {
    about:
      'Lease of a job run, lock or email being sent; another instance takes over this long after a crash',
    group: 'Jobs and retention',
  }),
  JOBS_TICK_SECONDS: v(int(1, 86_400).default(600), {
    about: 'How often an instance looks for due jobs',
    group: 'Jobs and retention',
  }),
  OUTBOX_PUMP_SECONDS: v(int(1, 3600).default(30), {
    about: 'How often an instance sends due emails',
    group: 'Jobs and retention',
  }),
  OUTBOX_RETENTION_DAYS: v(int(1, 3650).default(30), {
    about: 'Sent emails are deleted this many days after sending (TTL index)',
    group: 'Jobs and retention',
  }),
  RAW_DEVICE_LINES_DAYS: v(int(1, 3650).default(90), {
    about: 'Unusable device lines are deleted after this many days (TTL index)',
    group: 'Jobs and retention',
  }),
  AUDIT_RETENTION_DAYS: v(int(30, 36_500).optional(), {
    about:
      'Audit entries older than this are deleted by a TTL index (at least 30; unset keeps them forever). Changing it on an existing database needs the index recreated',
    group: 'Jobs and retention',
    example: '2555',
  }),
  BOOTSTRAP_ADMIN_EMAIL: v(z.email().optional(), {
    about: 'First admin, created at startup when the database has no admin (idempotent); set both or neither',
    group: 'First admin',
    example: 'admin@example.com',
  }),
  BOOTSTRAP_ADMIN_PASSWORD: v(z.string().min(12, 'must be at least 12 characters').optional(), {
    about: "The first admin's password, at least 12 characters",
    group: 'First admin',
    example: 'a-long-password',
  }),
});

export type RawConfig = z.infer<typeof configSchema>;

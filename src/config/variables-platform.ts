import { z } from 'zod';
import { boolean, csv, int, size, v } from './fields';

/** Server, database, sign-in and limits: what any deployment sets first. */
export const PLATFORM_VARIABLES = {
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
  BCRYPT_COST: v(int(4, 15).default(12), {
    about:
      'bcrypt work factor, 10 to 15 (the test profile, NODE_ENV=test, may go down to 4 so test suites do not spend their time hashing)',
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
};

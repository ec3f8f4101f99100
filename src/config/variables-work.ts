import { z } from 'zod';
import { isIanaTimeZone } from '../lib/validators';
import { boolean, int, timeOfDay, v } from './fields';

/** Logs and mail, working time, jobs and retention, and the first admin. */
export const WORK_VARIABLES = {
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
  STALE_DAYS_INTERVAL_MS: v(int(20, 60_000).default(250), {
    about:
      'How often the stale-days worker (instances with JOBS_ENABLED; one at a time holds its lease) recomputes the days device ingest marked stale; reads recompute any they cover first either way',
    group: 'Working time',
  }),
  APPROVAL_REMINDER_DAYS: v(int(1, 60).default(2), {
    about:
      "A request pending on one approval step longer than this many of the approver's working days: the approval-escalation job reminds the approver (and their delegate) once a day",
    group: 'Working time',
  }),
  APPROVAL_ESCALATION_DAYS: v(int(1, 120).default(5), {
    about:
      "Pending on one step longer than this many working days: the approval-escalation job lets the next level (the approver's manager, or the admins) decide it too and tells them",
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
  UNFINISHED_WORK_SWEEP_SECONDS: v(int(1, 3600).default(30), {
    about:
      'How often an instance finishes work (ledger, audit entry, events) that a command left undone when its process died after its write; work this old is taken',
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
  WEBHOOK_ALLOW_PRIVATE: v(boolean.default(false), {
    about:
      'Allow webhook URLs that point at private, loopback or link-local addresses (checked after DNS resolution); only for tests and closed networks',
    group: 'Jobs and retention',
    shown: '`false`',
  }),
  WEBHOOK_TIMEOUT_MS: v(int(100, 60_000).default(10_000), {
    about: 'How long one webhook delivery attempt may take before it counts as failed',
    group: 'Jobs and retention',
  }),
  WEBHOOK_RETRY_BASE_MS: v(int(10, 3_600_000).default(30_000), {
    about:
      'First retry delay of a failed webhook delivery; each further retry doubles it (with jitter, at most 3 hours)',
    group: 'Jobs and retention',
  }),
  WEBHOOK_RETRY_HOURS: v(int(24, 720).default(25), {
    about:
      'A failing webhook delivery is retried for this many hours (at least 24) before it is marked failed',
    group: 'Jobs and retention',
  }),
  WEBHOOK_CONCURRENCY: v(int(1, 200).default(16), {
    about: 'Webhook deliveries one instance has in flight at once, over all endpoints',
    group: 'Jobs and retention',
  }),
  WEBHOOK_CONCURRENCY_PER_ENDPOINT: v(int(1, 50).default(2), {
    about:
      'Webhook deliveries one instance has in flight at once to one endpoint (a slow endpoint holds no more)',
    group: 'Jobs and retention',
  }),
  WEBHOOK_POLL_MS: v(int(50, 60_000).default(1000), {
    about: 'How often an instance looks for new events and due webhook deliveries',
    group: 'Jobs and retention',
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
};

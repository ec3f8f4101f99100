import { s } from '../../http/shape/builders';
import type { Infer } from '../../http/shape/field';

/** Punch, daily record and device shapes, declared once: request checks, the document and the types. */

const DAY_STATUSES = ['present', 'absent', 'on_leave', 'half_day_leave', 'holiday', 'weekend'] as const;

export const AttendanceDayShape = s
  .object({
    employeeId: s.id(),
    date: s.date(),
    status: s.enum(DAY_STATUSES),
    firstIn: s.dateTime().nullable(),
    lastOut: s.dateTime().nullable(),
    workedMinutes: s.int({ min: 0 }).describe('From in/out pairs, less the unpaid break'),
    late: s.boolean().describe('First in later than shift start + grace'),
    lateMinutes: s.int({ min: 0 }),
    earlyLeave: s.boolean(),
    overtimeMinutes: s.int({ min: 0 }),
    missingCheckOut: s.boolean(),
    punchCount: s.int({ min: 0 }),
  })
  .named('AttendanceDay');

export const PunchShape = s
  .object({
    id: s.id(),
    employeeId: s.id(),
    at: s.dateTime(),
    direction: s.enum(['in', 'out', 'unknown'] as const),
    source: s.enum(['web', 'manual', 'device', 'iclock'] as const),
    businessDate: s.date().describe('The working day it counts towards'),
    note: s.str().nullable(),
    reason: s.str().nullable(),
    deviceId: s.str().nullable(),
    recordedBy: s.str(),
    pairing: s
      .enum(['in', 'out'] as const)
      .nullable()
      .describe('How the punch counts (a punch without a direction: in when nothing is open, else out)'),
    ignored: s
      .enum(['double_tap'] as const)
      .nullable()
      .describe('Stored but not counted, and why'),
  })
  .named('Punch');

export const PunchBody = s.object({ note: s.text({ max: 500 }).optional() }).named('PunchRequest');

/** `HH:mm` on the date, or an ISO 8601 date-time (with or without an offset). */
const LOCAL_TIME_OR_INSTANT =
  '^(([01]\\d|2[0-3]):[0-5]\\d|\\d{4}-\\d{2}-\\d{2}T([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,9})?)?(Z|[+-]([01]\\d|2[0-3]):?[0-5]\\d)?)$';
const timeOrInstant = () =>
  s.string({
    max: 40,
    pattern: LOCAL_TIME_OR_INSTANT,
    hint: 'must be a local time HH:mm or an ISO 8601 date-time',
  });

export const ManualEntryBody = s
  .object({
    employeeId: s.id(),
    date: s.date(),
    checkIn: timeOrInstant()
      .optional()
      .describe('Local time HH:mm on the date, or an ISO 8601 instant')
      .example('08:55'),
    checkOut: timeOrInstant()
      .optional()
      .describe('Earlier than checkIn means the next morning (night shift)')
      .example('17:10'),
    reason: s.text({ max: 500 }).example('Forgot to check in; confirmed by the team lead'),
  })
  .describe('At least one of checkIn and checkOut (else 422)')
  .named('ManualEntry');
export type ManualEntryBodyInput = Infer<typeof ManualEntryBody>;

export const ManualEntryResultShape = s
  .object({ day: AttendanceDayShape, punches: s.list(PunchShape) })
  .named('ManualEntryResult');

const deviceFields = {
  id: s.id(),
  name: s.str(),
  location: s.str().nullable(),
  serialNumber: s.str().nullable().describe('ZKTeco terminals push with this SN'),
  timezone: s.str(),
  allowedIps: s
    .list(s.str())
    .describe('CIDR ranges the device may send from (empty: any address)')
    .example(['10.20.0.0/24']),
  active: s.boolean(),
  revokedAt: s.dateTime().nullable(),
  lastSeenAt: s.dateTime().nullable(),
  createdAt: s.dateTime(),
};

export const DeviceShape = s.object(deviceFields).named('Device');

export const DeviceWithKeyShape = s
  .object({ ...deviceFields, apiKey: s.str().describe('Shown once: send as X-Device-Key') })
  .named('DeviceWithKey');

export const DeviceCreateBody = s
  .object({
    name: s.text({ max: 100 }).example('Main entrance'),
    location: s.text({ max: 200 }).optional(),
    serialNumber: s
      .string({ max: 64, pattern: '^[A-Za-z0-9_-]+$', hint: 'may hold letters, digits, _ and -' })
      .optional()
      .example('CJDE193560123'),
    timezone: s.timeZone().optional().example('Europe/Berlin'),
  })
  .named('DeviceCreate');

export const IngestBody = s
  .object({
    events: s
      .array(s.unknown().nullable(), { min: 1, max: 1000 })
      .describe(
        "Each event is `{eventId?, employeeCode, timestamp, direction?}`: `eventId` is the device's own id " +
          '(for deduplication), `timestamp` ISO 8601 (without an offset: the device local time), `direction` ' +
          '`in` or `out`. Events are checked one by one, so one bad event never fails the batch.',
      ),
  })
  .named('IngestBatch');

export const IngestResultShape = s
  .object({
    accepted: s.int({ min: 0 }),
    duplicates: s.int({ min: 0 }),
    rejected: s.list(s.object({ index: s.int({ min: 0 }), reason: s.str() })),
  })
  .named('IngestResult');

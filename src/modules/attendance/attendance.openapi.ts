import type { SchemaObject } from '../../http/openapi/types';

const id = { type: 'string', pattern: '^[0-9a-f]{24}$' };
const instant = { type: 'string', format: 'date-time' };
const nullableInstant = { type: ['string', 'null'], format: 'date-time' };

const day = {
  type: 'object',
  required: [
    'employeeId',
    'date',
    'status',
    'firstIn',
    'lastOut',
    'workedMinutes',
    'late',
    'earlyLeave',
    'overtimeMinutes',
    'missingCheckOut',
  ],
  properties: {
    employeeId: id,
    date: { type: 'string', format: 'date' },
    status: {
      type: 'string',
      enum: ['present', 'absent', 'on_leave', 'half_day_leave', 'holiday', 'weekend'],
    },
    firstIn: nullableInstant,
    lastOut: nullableInstant,
    workedMinutes: { type: 'integer', description: 'From in/out pairs, less the unpaid break' },
    late: { type: 'boolean', description: 'First in later than shift start + grace' },
    lateMinutes: { type: 'integer' },
    earlyLeave: { type: 'boolean' },
    overtimeMinutes: { type: 'integer' },
    missingCheckOut: { type: 'boolean' },
    punchCount: { type: 'integer' },
  },
};

const punch = {
  type: 'object',
  required: ['id', 'employeeId', 'at', 'direction', 'source', 'businessDate'],
  properties: {
    id,
    employeeId: id,
    at: instant,
    direction: { type: 'string', enum: ['in', 'out', 'unknown'] },
    source: { type: 'string', enum: ['web', 'manual', 'device', 'iclock'] },
    businessDate: { type: 'string', format: 'date', description: 'The working day it counts towards' },
    note: { type: ['string', 'null'] },
    reason: { type: ['string', 'null'] },
    deviceId: { type: ['string', 'null'] },
    recordedBy: { type: 'string' },
  },
};

const device = {
  type: 'object',
  required: ['id', 'name', 'timezone', 'active'],
  properties: {
    id,
    name: { type: 'string' },
    location: { type: ['string', 'null'] },
    serialNumber: { type: ['string', 'null'], description: 'ZKTeco terminals push with this SN' },
    timezone: { type: 'string' },
    allowedIps: {
      type: 'array',
      items: { type: 'string' },
      description: 'CIDR ranges the device may send from (empty: any address)',
      examples: [['10.20.0.0/24']],
    },
    active: { type: 'boolean' },
    revokedAt: nullableInstant,
    lastSeenAt: nullableInstant,
    createdAt: instant,
  },
};

export const ATTENDANCE_SCHEMAS: Record<string, SchemaObject> = {
  AttendanceDay: day,
  Punch: punch,
  PunchRequest: {
    type: 'object',
    additionalProperties: false,
    properties: { note: { type: 'string', minLength: 1, maxLength: 500, pattern: '\\S' } },
  },
  ManualEntry: {
    type: 'object',
    additionalProperties: false,
    required: ['employeeId', 'date', 'reason'],
    properties: {
      employeeId: id,
      date: { type: 'string', format: 'date' },
      checkIn: {
        type: 'string',
        description: 'Local time HH:mm on the date, or an ISO 8601 instant',
        examples: ['08:55'],
      },
      checkOut: {
        type: 'string',
        description: 'Earlier than checkIn means the next morning (night shift)',
        examples: ['17:10'],
      },
      reason: { type: 'string', examples: ['Forgot to check in; confirmed by the team lead'] },
    },
  },
  ManualEntryResult: {
    type: 'object',
    required: ['day', 'punches'],
    properties: {
      day: { $ref: '#/components/schemas/AttendanceDay' },
      punches: { type: 'array', items: { $ref: '#/components/schemas/Punch' } },
    },
  },
  Device: device,
  DeviceCreate: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', examples: ['Main entrance'] },
      location: { type: 'string' },
      serialNumber: { type: 'string', examples: ['CJDE193560123'] },
      timezone: { type: 'string', examples: ['Europe/Berlin'] },
    },
  },
  DeviceWithKey: {
    ...device,
    required: [...device.required, 'apiKey'],
    properties: {
      ...device.properties,
      apiKey: { type: 'string', description: 'Shown once: send as X-Device-Key' },
    },
  },
  IngestBatch: {
    type: 'object',
    additionalProperties: false,
    required: ['events'],
    properties: {
      events: {
        type: 'array',
        minItems: 1,
        maxItems: 1000,
        items: {
          type: 'object',
          required: ['employeeCode', 'timestamp'],
          properties: {
            eventId: { type: 'string', description: "The device's own id of the event, for deduplication" },
            employeeCode: { type: 'string' },
            timestamp: {
              type: 'string',
              description: 'ISO 8601; without an offset it is the device local time',
            },
            direction: { type: 'string', enum: ['in', 'out'] },
          },
        },
      },
    },
  },
  IngestResult: {
    type: 'object',
    required: ['accepted', 'duplicates', 'rejected'],
    properties: {
      accepted: { type: 'integer' },
      duplicates: { type: 'integer' },
      rejected: {
        type: 'array',
        items: { type: 'object', properties: { index: { type: 'integer' }, reason: { type: 'string' } } },
      },
    },
  },
};

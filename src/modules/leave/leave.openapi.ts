import type { SchemaObject } from '../../http/openapi/types';

const id = { type: 'string', pattern: '^[0-9a-f]{24}$' };
const date = { type: 'string', format: 'date' };
const nullableString = { type: ['string', 'null'] };
const days = { type: 'number', multipleOf: 0.5 };

const balanceParts = {
  entitled: { type: 'number' },
  carriedOver: { type: 'number', description: 'Carried over from last year, less any lapsed part' },
  adjustments: { type: 'number' },
  used: { type: 'number' },
  pending: { type: 'number' },
  available: { type: 'number', description: 'entitled + carriedOver + adjustments - used - pending' },
};

export const LEAVE_SCHEMAS: Record<string, SchemaObject> = {
  LeaveRequest: {
    type: 'object',
    required: ['id', 'employeeId', 'leaveTypeId', 'startDate', 'endDate', 'days', 'status'],
    properties: {
      id,
      employeeId: id,
      leaveTypeId: id,
      leaveTypeCode: nullableString,
      startDate: date,
      endDate: date,
      halfDayStart: { type: 'boolean' },
      halfDayEnd: { type: 'boolean' },
      days: { ...days, description: 'Working days (or calendar days for calendar-day types)' },
      daysByYear: {
        type: 'array',
        items: { type: 'object', properties: { year: { type: 'integer' }, days } },
      },
      reason: nullableString,
      status: { type: 'string', enum: ['pending', 'approved', 'rejected', 'cancelled'] },
      requestedBy: { type: 'string' },
      decidedBy: nullableString,
      decidedAt: { type: ['string', 'null'], format: 'date-time' },
      decisionComment: nullableString,
      cancelledBy: nullableString,
      cancelledAt: { type: ['string', 'null'], format: 'date-time' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  LeaveRequestCreate: {
    type: 'object',
    additionalProperties: false,
    required: ['leaveTypeId', 'startDate', 'endDate'],
    properties: {
      employeeId: { ...id, description: 'Admins only: request on behalf of this employee' },
      leaveTypeId: id,
      startDate: date,
      endDate: date,
      halfDayStart: { type: 'boolean', default: false },
      halfDayEnd: { type: 'boolean', default: false },
      reason: { type: 'string', minLength: 1, maxLength: 1000, pattern: '\\S' },
    },
  },
  LeaveDecision: {
    type: 'object',
    additionalProperties: false,
    properties: { comment: { type: 'string', minLength: 1, maxLength: 1000, pattern: '\\S' } },
  },
  LeaveBalance: {
    type: 'object',
    required: [
      'leaveTypeId',
      'code',
      'entitled',
      'carriedOver',
      'adjustments',
      'used',
      'pending',
      'available',
    ],
    properties: {
      leaveTypeId: id,
      code: { type: 'string' },
      name: { type: 'string' },
      unit: { type: 'string' },
      year: { type: 'integer' },
      ...balanceParts,
    },
  },
  LeaveAdjustmentCreate: {
    type: 'object',
    additionalProperties: false,
    required: ['employeeId', 'leaveTypeId', 'year', 'days', 'reason'],
    properties: {
      employeeId: id,
      leaveTypeId: id,
      year: { type: 'integer' },
      days: { type: 'number', description: 'Positive grants, negative deducts' },
      reason: { type: 'string' },
    },
  },
  LeaveAdjustment: {
    type: 'object',
    required: ['id', 'employeeId', 'leaveTypeId', 'year', 'days', 'reason', 'balance'],
    properties: {
      id: { type: 'string' },
      employeeId: id,
      leaveTypeId: id,
      year: { type: 'integer' },
      days: { type: 'number' },
      reason: { type: 'string' },
      balance: { type: 'object', properties: balanceParts },
    },
  },
  LeaveCalendarEntry: {
    type: 'object',
    required: ['requestId', 'employeeId', 'employeeName', 'startDate', 'endDate', 'status'],
    properties: {
      requestId: id,
      employeeId: id,
      employeeName: { type: 'string' },
      departmentId: { type: ['string', 'null'] },
      leaveTypeId: id,
      leaveTypeCode: nullableString,
      startDate: date,
      endDate: date,
      halfDayStart: { type: 'boolean' },
      halfDayEnd: { type: 'boolean' },
      days,
      status: { type: 'string', enum: ['approved', 'pending'] },
    },
  },
};

import type { SchemaObject } from '../../docs/types';

const nullableString = { type: ['string', 'null'] };
const date = { type: 'string', format: 'date', examples: ['2024-03-01'] };
const id = { type: 'string', pattern: '^[0-9a-f]{24}$' };
const nullableId = { type: ['string', 'null'], pattern: '^[0-9a-f]{24}$' };

const contact = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { name: { type: 'string' }, phone: { type: 'string' } },
};

const editable = {
  employeeCode: { type: 'string', minLength: 1, maxLength: 32, pattern: '\\S', examples: ['E-1001'] },
  firstName: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
  lastName: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
  email: { type: 'string', format: 'email' },
  phone: { ...nullableString, examples: ['+49 30 1234567'] },
  address: nullableString,
  emergencyContact: contact,
  departmentId: nullableId,
  position: nullableString,
  managerId: nullableId,
  hireDate: date,
  timezone: {
    ...nullableString,
    description: 'IANA time zone; null means the company zone',
    examples: ['Europe/Berlin'],
  },
  workWeek: {
    type: ['array', 'null'],
    items: { type: 'integer', minimum: 1, maximum: 7 },
    description: 'ISO weekdays worked (Monday=1); null means the company work week',
    examples: [[1, 2, 3, 4]],
  },
  holidayCalendar: {
    ...nullableString,
    description: 'Regional holiday calendar applied on top of the company-wide one',
    examples: ['DE-BY'],
  },
  schedule: {
    type: ['object', 'null'],
    description: 'Own shift; missing fields use the company shift. An end before the start is a night shift.',
    properties: {
      start: { type: 'string', examples: ['22:00'] },
      end: { type: 'string', examples: ['06:00'] },
      graceMinutes: { type: 'integer' },
      breakMinutes: { type: 'integer' },
    },
  },
  status: { type: 'string', enum: ['active', 'inactive'] },
};

export const EMPLOYEE_SCHEMAS: Record<string, SchemaObject> = {
  Employee: {
    type: 'object',
    required: [
      'id',
      'employeeCode',
      'firstName',
      'lastName',
      'fullName',
      'email',
      'hireDate',
      'timezone',
      'status',
    ],
    properties: {
      id,
      ...editable,
      fullName: { type: 'string' },
      timezone: { type: 'string', description: 'Effective IANA time zone (own or company default)' },
      workWeek: {
        type: 'array',
        items: { type: 'integer' },
        description: 'Effective work week (own or company)',
      },
      emergencyContact: {
        type: ['object', 'null'],
        properties: { name: nullableString, phone: nullableString },
      },
      deactivatedAt: { type: ['string', 'null'], format: 'date-time' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  EmployeeCreate: {
    type: 'object',
    additionalProperties: false,
    required: ['employeeCode', 'firstName', 'lastName', 'email', 'hireDate'],
    properties: editable,
  },
  EmployeeUpdate: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    description:
      'Admins may change any field. An employee may change only phone, address and emergencyContact on self.',
    properties: editable,
  },
  Department: {
    type: 'object',
    required: ['id', 'name'],
    properties: {
      id,
      name: { type: 'string' },
      code: nullableString,
      description: nullableString,
      headId: nullableId,
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  DepartmentInput: {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S', examples: ['Engineering'] },
      code: nullableString,
      description: nullableString,
      headId: nullableId,
    },
  },
};

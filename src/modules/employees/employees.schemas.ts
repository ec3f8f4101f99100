import { s, partialOf } from '../../http/shape/builders';
import { PAGE_QUERY, pageOf } from '../../http/shape/common';
import type { Infer } from '../../http/shape/field';
import { EMPLOYEE_STATUSES } from './employee.model';

/** Employee and department shapes, declared once: request checks, the document and the types. */

export const EMPLOYEE_SORTS = [
  'lastName',
  '-lastName',
  'employeeCode',
  '-employeeCode',
  'hireDate',
  '-hireDate',
  'createdAt',
  '-createdAt',
] as const;
export type EmployeeSort = (typeof EMPLOYEE_SORTS)[number];

const scheduleInput = s
  .object({
    start: s.timeOfDay().optional().example('22:00'),
    end: s.timeOfDay().optional().example('06:00'),
    graceMinutes: s.int({ min: 0, max: 240 }).optional(),
    breakMinutes: s.int({ min: 0, max: 240 }).optional(),
  })
  .describe('Own shift; missing fields use the company shift. An end before the start is a night shift.');

const weekdays = s
  .array(s.int({ min: 1, max: 7 }), { min: 1, max: 7 })
  .tidied((days) => [...new Set(days)].sort((a, b) => a - b))
  .describe('ISO weekdays worked (Monday=1); null means the company work week')
  .example([1, 2, 3, 4]);

export const EmployeeCreateBody = s
  .object({
    employeeCode: s
      .string({ max: 32, pattern: '^[A-Za-z0-9._-]+$', hint: 'must be 1 to 32 letters, digits, . _ or -' })
      .example('E-1001'),
    firstName: s.text({ max: 100 }),
    lastName: s.text({ max: 100 }),
    email: s.email(),
    phone: s.phone().nullable().optional(),
    address: s.text({ max: 300 }).nullable().optional(),
    emergencyContact: s
      .object({ name: s.text({ max: 100 }).optional(), phone: s.phone().optional() })
      .nullable()
      .optional(),
    departmentId: s.id().nullable().optional(),
    position: s.text({ max: 100 }).nullable().optional(),
    managerId: s.id().nullable().optional(),
    hireDate: s.date(),
    timezone: s.timeZone().nullable().optional().describe('IANA time zone; null means the company zone'),
    workWeek: weekdays.nullable().optional(),
    holidayCalendar: s
      .text({ max: 40 })
      .nullable()
      .optional()
      .describe('Regional holiday calendar applied on top of the company-wide one')
      .example('DE-BY'),
    schedule: scheduleInput.nullable().optional(),
    status: s.enum(EMPLOYEE_STATUSES).optional(),
  })
  .named('EmployeeCreate');
export type NewEmployee = Infer<typeof EmployeeCreateBody>;

export const EmployeeUpdateBody = partialOf(EmployeeCreateBody)
  .nonEmpty()
  .describe(
    'Admins may change any field. An employee may change only phone, address and emergencyContact on self.',
  )
  .named('EmployeeUpdate');
export type EmployeeInput = Infer<typeof EmployeeUpdateBody>;

export const EmployeeListQuery = s.object({
  ...PAGE_QUERY,
  q: s.text({ max: 100 }).optional().describe('Search in name, email and employee code'),
  departmentId: s.id().optional(),
  managerId: s.id().optional(),
  status: s.enum(EMPLOYEE_STATUSES).optional(),
  sort: s.enum(EMPLOYEE_SORTS).optional().default('lastName'),
  format: s
    .enum(['json', 'csv'] as const)
    .optional()
    .default('json')
    .describe('csv: every matching employee as a CSV download, in the columns POST /imports/employees reads'),
});
export type EmployeeFilters = Omit<Infer<typeof EmployeeListQuery>, 'page' | 'limit' | 'format'>;

export const ShiftScheduleShape = s.object({
  start: s.timeOfDay(),
  end: s.timeOfDay(),
  graceMinutes: s.int({ min: 0 }),
  breakMinutes: s.int({ min: 0 }),
});
export type ShiftSchedule = Infer<typeof ShiftScheduleShape>;

const nullableText = () => s.str().nullable();

export const EmployeeShape = s
  .object({
    id: s.id(),
    employeeCode: s.str().example('E-1001'),
    firstName: s.str(),
    lastName: s.str(),
    fullName: s.str(),
    email: s.str(),
    phone: nullableText(),
    address: nullableText(),
    emergencyContact: s.object({ name: nullableText(), phone: nullableText() }).nullable(),
    departmentId: s.id().nullable(),
    position: nullableText(),
    managerId: s.id().nullable(),
    hireDate: s.date(),
    timezone: s.str().describe('Effective IANA time zone (own or company default)'),
    workWeek: s
      .array(s.int({ min: 1, max: 7 }), { min: 0, max: 7 })
      .describe('Effective work week (own or company)'),
    holidayCalendar: nullableText(),
    schedule: ShiftScheduleShape.describe('Effective shift (own or company)'),
    status: s.enum(EMPLOYEE_STATUSES),
    deactivatedAt: s.dateTime().nullable(),
    createdAt: s.dateTime(),
    updatedAt: s.dateTime(),
  })
  .named('Employee');
export type EmployeeDto = Infer<typeof EmployeeShape>;
export const EmployeePage = pageOf(EmployeeShape);

export const DepartmentCreateBody = s
  .object({
    name: s.text({ max: 100 }).example('Engineering'),
    code: s.text({ max: 32 }).nullable().optional().example('ENG'),
    description: s.text({ max: 500 }).nullable().optional(),
    headId: s.id().nullable().optional().describe('Decides department_head approval steps'),
    maxAbsent: s
      .int({ min: 1, max: 100_000 })
      .nullable()
      .optional()
      .example(2)
      .describe(
        'Most members away on approved leave on one day: approving beyond it is 422 unless an admin overrides with a reason; null: no limit',
      ),
  })
  .named('DepartmentCreate');
export const DepartmentUpdateBody = partialOf(DepartmentCreateBody).nonEmpty().named('DepartmentUpdate');
export type DepartmentInput = Infer<typeof DepartmentUpdateBody>;

export const DepartmentListQuery = s.object({
  ...PAGE_QUERY,
  q: s.text({ max: 100 }).optional().describe('Search by name'),
});

export const DepartmentShape = s
  .object({
    id: s.id(),
    name: s.str(),
    code: nullableText(),
    description: nullableText(),
    headId: s.id().nullable(),
    maxAbsent: s.int({ min: 1 }).nullable(),
    createdAt: s.dateTime(),
    updatedAt: s.dateTime(),
  })
  .named('Department');
export type DepartmentDto = Infer<typeof DepartmentShape>;
export const DepartmentPage = pageOf(DepartmentShape);

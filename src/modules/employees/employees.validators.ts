import { body, checkExact, query } from 'express-validator';
import { paginationQuery } from '../../lib/pagination';
import {
  calendarDateField,
  emailField,
  idParam,
  mongoIdField,
  phoneField,
  textField,
  timeZoneField,
} from '../../lib/validators';
import { EMPLOYEE_SORTS } from './employees.service';
import { EMPLOYEE_STATUSES } from './employee.model';

const nullable = { values: 'null' } as const;
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Every employee field; `creating` makes the identity fields required. Unknown fields are refused. */
function employeeBody(creating: boolean) {
  const required = <T extends { optional: (o?: object) => T }>(chain: T): T =>
    creating ? chain : chain.optional();
  return checkExact(
    [
      required(
        textField(body, 'employeeCode', 32)
          .matches(/^[A-Za-z0-9._-]+$/)
          .withMessage('may hold letters, digits, . _ -'),
      ),
      required(textField(body, 'firstName', 100)),
      required(textField(body, 'lastName', 100)),
      required(emailField(body, 'email')),
      phoneField(body, 'phone').optional(nullable),
      textField(body, 'address', 300).optional(nullable),
      body('emergencyContact').optional(nullable).isObject().withMessage('must be an object {name, phone}'),
      textField(body, 'emergencyContact.name', 100).optional(),
      phoneField(body, 'emergencyContact.phone').optional(),
      mongoIdField(body, 'departmentId').optional(nullable),
      textField(body, 'position', 100).optional(nullable),
      mongoIdField(body, 'managerId').optional(nullable),
      required(calendarDateField(body, 'hireDate')),
      timeZoneField(body, 'timezone').optional(nullable),
      body('workWeek')
        .optional(nullable)
        .isArray({ min: 1, max: 7 })
        .withMessage('must be a list of ISO weekdays (Monday=1)')
        .bail()
        .custom((days: unknown[]) =>
          days.every((d) => Number.isInteger(d) && (d as number) >= 1 && (d as number) <= 7),
        )
        .withMessage('must hold whole numbers 1 to 7')
        .customSanitizer((days: number[]) => [...new Set(days)].sort()),
      textField(body, 'holidayCalendar', 40).optional(nullable),
      body('schedule')
        .optional(nullable)
        .isObject()
        .withMessage('must be an object {start, end, graceMinutes, breakMinutes}'),
      body('schedule.start').optional().matches(TIME_OF_DAY).withMessage('must be a time HH:mm'),
      body('schedule.end').optional().matches(TIME_OF_DAY).withMessage('must be a time HH:mm'),
      body('schedule.graceMinutes')
        .optional()
        .isInt({ min: 0, max: 240 })
        .withMessage('must be 0 to 240')
        .toInt(),
      body('schedule.breakMinutes')
        .optional()
        .isInt({ min: 0, max: 240 })
        .withMessage('must be 0 to 240')
        .toInt(),
      body('status')
        .optional()
        .isIn(EMPLOYEE_STATUSES)
        .withMessage(`must be one of ${EMPLOYEE_STATUSES.join(', ')}`),
    ],
    { locations: ['body'], message: 'Unknown field' },
  );
}

export const createEmployeeRules = [employeeBody(true)];

// "At least one field" is checked by the service: a rule on the whole body would make checkExact accept any field.
export const updateEmployeeRules = [idParam(), employeeBody(false)];

export const listEmployeesRules = [
  ...paginationQuery(),
  query('q')
    .optional()
    .isString()
    .trim()
    .isLength({ min: 1, max: 100 })
    .withMessage('must be 1 to 100 characters'),
  mongoIdField(query, 'departmentId').optional(),
  mongoIdField(query, 'managerId').optional(),
  query('status')
    .optional()
    .isIn(EMPLOYEE_STATUSES)
    .withMessage(`must be one of ${EMPLOYEE_STATUSES.join(', ')}`),
  query('sort')
    .optional()
    .isIn(EMPLOYEE_SORTS)
    .withMessage(`must be one of ${EMPLOYEE_SORTS.join(', ')}`),
];

export const employeeIdRules = [idParam()];

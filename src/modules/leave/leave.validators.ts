import { body, checkExact, query } from 'express-validator';
import { paginationQuery } from '../../lib/pagination';
import { calendarDateField, idParam, mongoIdField, textField } from '../../lib/validators';
import { LEAVE_STATUSES } from './leave-request.model';
import { ACCRUAL_KINDS, LEAVE_UNITS } from './leave-type.model';

const exact = { locations: ['body' as const], message: 'Unknown field' };
const nullable = { values: 'null' } as const;
const oneOf = (values: readonly string[]) => `must be one of ${values.join(', ')}`;
const halfDays = (name: string) =>
  body(name)
    .isFloat({ min: 0, max: 366 })
    .withMessage('must be a number of days from 0 to 366')
    .bail()
    .custom((v: number) => Number.isInteger(Number(v) * 2))
    .withMessage('must be a whole or half number of days')
    .toFloat();
const flag = (name: string) => body(name).isBoolean({ strict: true }).withMessage('must be true or false');
const year = (location: typeof body | typeof query, name: string) =>
  location(name).isInt({ min: 2000, max: 2100 }).withMessage('must be a year from 2000 to 2100').toInt();

function leaveTypeBody(creating: boolean) {
  const req = <T extends { optional: (o?: object) => T }>(chain: T): T =>
    creating ? chain : chain.optional();
  return checkExact(
    [
      req(
        textField(body, 'code', 20)
          .matches(/^[A-Za-z0-9_-]+$/)
          .withMessage('may hold letters, digits, _ and -'),
      ),
      req(textField(body, 'name', 100)),
      flag('paid').optional(),
      body('unit').optional().isIn(LEAVE_UNITS).withMessage(oneOf(LEAVE_UNITS)),
      req(halfDays('annualEntitlement')),
      body('accrual').optional().isIn(ACCRUAL_KINDS).withMessage(oneOf(ACCRUAL_KINDS)),
      halfDays('carryOverMax').optional(),
      body('carryOverExpiryMonths')
        .optional(nullable)
        .isInt({ min: 1, max: 12 })
        .withMessage('must be 1 to 12')
        .toInt(),
      flag('allowNegative').optional(),
      flag('requiresApproval').optional(),
      flag('allowHalfDay').optional(),
      body('noticeDays')
        .optional(nullable)
        .isInt({ min: 0, max: 365 })
        .withMessage('must be 0 to 365')
        .toInt(),
      halfDays('maxConsecutiveDays').optional(nullable),
      flag('active').optional(),
    ],
    exact,
  );
}

export const createLeaveTypeRules = [leaveTypeBody(true)];
export const updateLeaveTypeRules = [idParam(), leaveTypeBody(false)];
export const listLeaveTypesRules = [
  query('includeInactive').optional().isBoolean().withMessage('must be true or false').toBoolean(),
];

function holidayBody(creating: boolean) {
  const date = calendarDateField(body, 'date');
  const name = textField(body, 'name', 100);
  return checkExact(
    [
      creating ? date : date.optional(),
      creating ? name : name.optional(),
      textField(body, 'calendar', 40).optional(),
    ],
    exact,
  );
}

export const createHolidayRules = [holidayBody(true)];
export const updateHolidayRules = [idParam(), holidayBody(false)];
export const listHolidaysRules = [
  year(query, 'year').optional(),
  textField(query, 'calendar', 40).optional(),
];

export const submitLeaveRequestRules = [
  checkExact(
    [
      mongoIdField(body, 'employeeId').optional(),
      mongoIdField(body, 'leaveTypeId'),
      calendarDateField(body, 'startDate'),
      calendarDateField(body, 'endDate'),
      flag('halfDayStart').optional(),
      flag('halfDayEnd').optional(),
      textField(body, 'reason', 1000).optional(),
    ],
    exact,
  ),
];

export const decisionRules = [idParam(), checkExact([textField(body, 'comment', 1000).optional()], exact)];
export const cancelRules = [idParam(), checkExact([], exact)];

export const listLeaveRequestsRules = [
  ...paginationQuery(),
  query('status').optional().isIn(LEAVE_STATUSES).withMessage(oneOf(LEAVE_STATUSES)),
  mongoIdField(query, 'employeeId').optional(),
  mongoIdField(query, 'leaveTypeId').optional(),
  calendarDateField(query, 'from').optional(),
  calendarDateField(query, 'to').optional(),
];

export const balancesRules = [mongoIdField(query, 'employeeId').optional(), year(query, 'year').optional()];

export const adjustmentRules = [
  checkExact(
    [
      mongoIdField(body, 'employeeId'),
      mongoIdField(body, 'leaveTypeId'),
      year(body, 'year'),
      body('days')
        .isFloat({ min: -366, max: 366 })
        .withMessage('must be a number of days from -366 to 366')
        .bail()
        .custom((v: number) => Number(v) !== 0 && Number.isInteger(Number(v) * 4))
        .withMessage('must be non-zero, in quarter days at most')
        .toFloat(),
      textField(body, 'reason', 500),
    ],
    exact,
  ),
];

export const calendarRules = [
  calendarDateField(query, 'from'),
  calendarDateField(query, 'to'),
  mongoIdField(query, 'departmentId').optional(),
  query('includePending').optional().isBoolean().withMessage('must be true or false').toBoolean(),
];

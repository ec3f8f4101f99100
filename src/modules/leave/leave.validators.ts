import { body, checkExact, query } from 'express-validator';
import { calendarDateField, idParam, mongoIdField, textField } from '../../lib/validators';

const exact = { locations: ['body' as const], message: 'Unknown field' };
const flag = (name: string) => body(name).isBoolean({ strict: true }).withMessage('must be true or false');
const year = (location: typeof body | typeof query, name: string) =>
  location(name).isInt({ min: 2000, max: 2100 }).withMessage('must be a year from 2000 to 2100').toInt();

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

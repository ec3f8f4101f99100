import { body, checkExact } from 'express-validator';
import { calendarDateField, idParam, mongoIdField, textField, timeZoneField } from '../../lib/validators';

const exact = { locations: ['body' as const], message: 'Unknown field' };
const timeOrInstant = (name: string) =>
  body(name)
    .isString()
    .withMessage('must be a string')
    .bail()
    .custom(
      (v: string) =>
        /^([01]\d|2[0-3]):[0-5]\d$/.test(v) ||
        (/^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))),
    )
    .withMessage('must be a local time HH:mm or an ISO 8601 date-time');

export const punchRules = [checkExact([textField(body, 'note', 500).optional()], exact)];

export const manualEntryRules = [
  checkExact(
    [
      mongoIdField(body, 'employeeId'),
      calendarDateField(body, 'date'),
      timeOrInstant('checkIn').optional(),
      timeOrInstant('checkOut').optional(),
      textField(body, 'reason', 500),
    ],
    exact,
  ),
];

export const createDeviceRules = [
  checkExact(
    [
      textField(body, 'name', 100),
      textField(body, 'location', 200).optional(),
      textField(body, 'serialNumber', 64)
        .matches(/^[A-Za-z0-9_-]+$/)
        .withMessage('may hold letters, digits, _ and -')
        .optional(),
      timeZoneField(body, 'timezone').optional(),
    ],
    exact,
  ),
];

export const deviceIdRules = [idParam()];

/** The batch shape; each event is then checked on its own so one bad item never fails the batch. */
export const ingestRules = [
  checkExact(
    [body('events').isArray({ min: 1, max: 1000 }).withMessage('must be a list of 1 to 1000 events')],
    exact,
  ),
];

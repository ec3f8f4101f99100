import { IANAZone } from 'luxon';
import type { ValidationChain, query } from 'express-validator';
import { body, param } from 'express-validator';

/** Shared field rules, so every module names and checks a date, id or zone the same way. */

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const PHONE_PATTERN = /^\+?[0-9][0-9 ().-]{4,24}$/;

export function isIanaTimeZone(value: unknown): boolean {
  return typeof value === 'string' && IANAZone.isValidZone(value);
}

/** A real calendar date `YYYY-MM-DD` (2025-02-30 is refused). */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const idParam = (name = 'id') => param(name).isMongoId().withMessage('must be a valid id');

type Location = typeof body | typeof query;

export function mongoIdField(location: Location, name: string): ValidationChain {
  return location(name).isMongoId().withMessage('must be a valid id');
}

export function calendarDateField(location: Location, name: string): ValidationChain {
  return location(name).custom(isCalendarDate).withMessage('must be a date YYYY-MM-DD');
}

export function timeZoneField(location: Location, name: string): ValidationChain {
  return location(name).custom(isIanaTimeZone).withMessage('must be an IANA time zone such as Europe/Berlin');
}

export function textField(location: Location, name: string, max: number): ValidationChain {
  return location(name)
    .isString()
    .withMessage('must be a string')
    .bail()
    .trim()
    .isLength({ min: 1, max })
    .withMessage(`must be 1 to ${max} characters`);
}

export function emailField(location: Location, name: string): ValidationChain {
  return location(name)
    .isString()
    .withMessage('must be a string')
    .bail()
    .trim()
    .isEmail()
    .withMessage('must be an email address')
    .isLength({ max: 254 })
    .withMessage('must be at most 254 characters')
    .toLowerCase();
}

export function phoneField(location: Location, name: string): ValidationChain {
  return location(name)
    .isString()
    .withMessage('must be a string')
    .bail()
    .trim()
    .matches(PHONE_PATTERN)
    .withMessage('must be a phone number such as +49 30 1234567');
}

/** New passwords: at least 10 characters; at most 72 bytes, bcrypt ignores anything longer. */
export function newPasswordField(name: string): ValidationChain {
  return body(name)
    .isString()
    .withMessage('must be a string')
    .bail()
    .isLength({ min: 10 })
    .withMessage('must be at least 10 characters')
    .custom((value: string) => Buffer.byteLength(value, 'utf8') <= 72)
    .withMessage('must be at most 72 bytes');
}

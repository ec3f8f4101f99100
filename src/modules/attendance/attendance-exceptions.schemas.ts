import { s } from '../../http/shape/builders';
import { PAGE_QUERY, pageOf } from '../../http/shape/common';
import type { Infer } from '../../http/shape/field';
import { EXCEPTION_STATUSES } from './attendance-exception.model';
import { EXCEPTION_KINDS } from './punch-pairing';

/** Exceptions queue and corrections: request checks, the document and the types, declared once. */

const TIME_OR_INSTANT =
  '^(?:([01]\\d|2[0-3]):[0-5]\\d|\\d{4}-\\d{2}-\\d{2}T([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,3})?)?(Z|[+-]([01]\\d|2[0-3]):?[0-5]\\d)?)$';

/** `HH:mm` on the day (a check-out not after the check-in is the next morning) or an ISO 8601 instant. */
export const timeOrInstant = (example: string) =>
  s
    .string({
      max: 40,
      pattern: TIME_OR_INSTANT,
      hint: 'must be a local time HH:mm or an ISO 8601 date-time',
    })
    .describe(
      'Local time HH:mm on the date, or an ISO 8601 instant (local to the employee without an offset)',
    )
    .example(example);

export const ExceptionListQuery = s.object({
  ...PAGE_QUERY,
  from: s.date().optional(),
  to: s.date().optional(),
  employeeId: s.id().optional(),
  status: s.enum(EXCEPTION_STATUSES).optional(),
  kind: s.enum(EXCEPTION_KINDS).optional(),
});
export type ExceptionListQuery = Infer<typeof ExceptionListQuery>;

export const AttendanceExceptionShape = s
  .object({
    id: s.id(),
    employeeId: s.id().nullable().describe('null: a refused device push that named nobody known'),
    date: s.date().describe('The working day it is about'),
    kind: s.enum(EXCEPTION_KINDS),
    detail: s.str().example('check-in at 2026-11-23T22:00:00.000Z has no check-out within 16 h'),
    status: s.enum(EXCEPTION_STATUSES),
    punchId: s.id().nullable(),
    deviceId: s.id().nullable(),
    resolvedBy: s.str().nullable().describe('User id of whoever resolved it'),
    resolvedAt: s.dateTime().nullable(),
    resolution: s.str().nullable(),
  })
  .named('AttendanceException');
export type AttendanceExceptionDto = Infer<typeof AttendanceExceptionShape>;
export const AttendanceExceptionPage = pageOf(AttendanceExceptionShape);

export const ExceptionResolveBody = s
  .object({
    reason: s.text({ max: 500 }).example('Confirmed with the team lead: left at 17:00'),
    checkIn: timeOrInstant('09:00').optional(),
    checkOut: timeOrInstant('17:00').optional(),
  })
  .named('ExceptionResolve');
export type ExceptionResolveInput = Infer<typeof ExceptionResolveBody>;

export const CORRECTION_STATUSES = ['pending', 'approved', 'rejected'] as const;

export const CorrectionCreateBody = s
  .object({
    date: s.date().describe('The working day to correct'),
    checkIn: timeOrInstant('08:55').optional(),
    checkOut: timeOrInstant('17:05').optional(),
    reason: s.text({ max: 500 }).example('Forgot to check out'),
  })
  .named('AttendanceCorrectionCreate');
export type CorrectionCreateInput = Infer<typeof CorrectionCreateBody>;

export const CorrectionListQuery = s.object({
  ...PAGE_QUERY,
  status: s.enum(CORRECTION_STATUSES).optional(),
  employeeId: s.id().optional(),
});
export type CorrectionListQuery = Infer<typeof CorrectionListQuery>;

export const CorrectionDecisionBody = s
  .object({ comment: s.text({ max: 500 }).optional().example('Matches the door log') })
  .named('AttendanceCorrectionDecision');
export type CorrectionDecisionInput = Infer<typeof CorrectionDecisionBody>;

export const AttendanceCorrectionShape = s
  .object({
    id: s.id(),
    employeeId: s.id(),
    date: s.date(),
    checkIn: s.dateTime().nullable().describe('The instant asked for'),
    checkOut: s.dateTime().nullable(),
    reason: s.str(),
    status: s.enum(CORRECTION_STATUSES),
    requestedBy: s.str(),
    decidedBy: s.str().nullable(),
    decidedAt: s.dateTime().nullable(),
    comment: s.str().nullable(),
    createdAt: s.dateTime(),
  })
  .named('AttendanceCorrection');
export type AttendanceCorrectionDto = Infer<typeof AttendanceCorrectionShape>;
export const AttendanceCorrectionPage = pageOf(AttendanceCorrectionShape);
/** Approve and reject may be sent without a body. */
export const OptionalCorrectionDecisionBody = CorrectionDecisionBody.optional();

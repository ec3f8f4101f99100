import { jsonResponse, problemResponses } from '../../http/openapi/components';
import type { RouteDefinition } from '../../http/routes';
import { ID_PARAMS } from '../../http/shape/common';
import { ADMIN_OR_MANAGER, ANY_ROLE } from '../../lib/roles';
import * as corrections from './attendance-corrections.controller';
import * as exceptions from './attendance-exceptions.controller';
import {
  AttendanceCorrectionPage,
  AttendanceCorrectionShape,
  AttendanceExceptionPage,
  AttendanceExceptionShape,
  CorrectionCreateBody,
  CorrectionListQuery,
  ExceptionListQuery,
  ExceptionResolveBody,
  OptionalCorrectionDecisionBody,
} from './attendance-exceptions.schemas';

const ATTENDANCE = ['Attendance'];

const decision = (verb: 'approve' | 'reject'): RouteDefinition => ({
  method: 'post',
  path: `/api/v1/attendance/corrections/:id/${verb}`,
  access: ADMIN_OR_MANAGER,
  request: {
    params: ID_PARAMS,
    body: OptionalCorrectionDecisionBody,
    example: { comment: 'Matches the door log' },
  },
  handlers: [verb === 'approve' ? corrections.approveCorrectionHandler : corrections.rejectCorrectionHandler],
  idempotent: true,
  doc: {
    tags: ATTENDANCE,
    operationId: `${verb}AttendanceCorrection`,
    summary:
      verb === 'approve'
        ? "Approve a correction (the employee's manager or an admin): its punches are written and the day recomputed"
        : "Reject a correction (the employee's manager or an admin)",
    description:
      'Decided once: a correction already approved or rejected answers 409. Your own correction: 403. The employee is notified.',
    responses: {
      '200': jsonResponse('The decided correction', AttendanceCorrectionShape),
      ...problemResponses(403, 404, 409),
    },
  },
});

/** The exceptions queue and employees' own correction requests. */
export const attendanceCorrectionRoutes: RouteDefinition[] = [
  {
    method: 'get',
    path: '/api/v1/attendance/exceptions',
    access: ANY_ROLE,
    request: { query: ExceptionListQuery },
    handlers: [exceptions.listExceptionsHandler],
    doc: {
      tags: ATTENDANCE,
      operationId: 'listAttendanceExceptions',
      summary:
        'Attendance exceptions in your scope (managers: their team; admins: all; employees: their own)',
      description:
        'Kinds: missing_check_out, orphan_check_out, double_tap, outside_shift, clock_skew, unknown_source. Newest day first.',
      responses: { '200': jsonResponse('A page of exceptions', AttendanceExceptionPage) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/attendance/exceptions/:id/resolve',
    access: ADMIN_OR_MANAGER,
    request: {
      params: ID_PARAMS,
      body: ExceptionResolveBody,
      example: { reason: 'Confirmed with the team lead: left at 17:00', checkOut: '17:00' },
    },
    handlers: [exceptions.resolveExceptionHandler],
    idempotent: true,
    doc: {
      tags: ATTENDANCE,
      operationId: 'resolveAttendanceException',
      summary: "Resolve an exception of your team's (or anyone's, as admin), optionally with a correction",
      description:
        "With checkIn and/or checkOut the punches are written on the exception's day and the day is recomputed (audited). Resolved once: 409 after. About your own attendance: 403. A session longer than MAX_SESSION_HOURS: 422.",
      responses: {
        '200': jsonResponse('The resolved exception', AttendanceExceptionShape),
        ...problemResponses(403, 404, 409, 422),
      },
    },
  },
  {
    method: 'post',
    path: '/api/v1/attendance/corrections',
    access: ANY_ROLE,
    request: {
      body: CorrectionCreateBody,
      example: { date: '2026-11-20', checkOut: '17:05', reason: 'Forgot to check out' },
    },
    handlers: [corrections.requestCorrectionHandler],
    doc: {
      tags: ATTENDANCE,
      operationId: 'requestAttendanceCorrection',
      summary: 'Ask for a correction of your own day (a forgotten or wrong punch); your manager decides',
      description:
        'checkIn and/or checkOut as HH:mm on the date (a check-out not after the check-in is the next morning) or ISO 8601. A future date, no punch, a check-out before the check-in or a session longer than MAX_SESSION_HOURS: 422. A date in a closed payroll period: 409 (period-closed).',
      responses: {
        '201': jsonResponse('The pending correction', AttendanceCorrectionShape),
        ...problemResponses(409, 422),
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/attendance/corrections',
    access: ANY_ROLE,
    request: { query: CorrectionListQuery },
    handlers: [corrections.listCorrectionsHandler],
    doc: {
      tags: ATTENDANCE,
      operationId: 'listAttendanceCorrections',
      summary: "Correction requests: your own; managers also their team's; admins all",
      responses: { '200': jsonResponse('A page of corrections', AttendanceCorrectionPage) },
    },
  },
  decision('approve'),
  decision('reject'),
];

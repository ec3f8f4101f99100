import { jsonResponse, pageOf, problemResponses } from '../../http/openapi/components';
import { jsonOrCsvResponse } from '../../http/csv-response';
import type { RouteDefinition } from '../../http/routes';
import { ADMIN_OR_MANAGER, ANY_ROLE } from '../../lib/roles';
import * as attendance from './attendance.controller';
import { listOrExportAttendanceHandler } from './attendance-export.controller';
import { ATTENDANCE_CSV_EXAMPLE, AttendanceListQuery } from './attendance-export.schemas';
import { ManualEntryBody, ManualEntryResultShape, PunchBody, PunchShape } from './attendance.schemas';
import { deviceRoutes } from './devices.routes';
import { iclockRoutes } from './iclock.routes';
import { attendanceCorrectionRoutes } from './attendance-corrections.routes';

const ATTENDANCE = ['Attendance'];

export const attendanceRoutes: RouteDefinition[] = [
  {
    method: 'post',
    path: '/api/v1/attendance/check-in',
    access: ANY_ROLE,
    request: { body: PunchBody.optional(), example: { note: 'Working from the Berlin office' } },
    handlers: [attendance.checkInHandler],
    doc: {
      operationId: 'checkIn',
      tags: ATTENDANCE,
      summary: 'Check in now (self)',
      responses: { '201': jsonResponse('The punch', PunchShape), ...problemResponses(409, 422) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/attendance/check-out',
    access: ANY_ROLE,
    request: { body: PunchBody.optional() },
    handlers: [attendance.checkOutHandler],
    doc: {
      operationId: 'checkOut',
      tags: ATTENDANCE,
      summary: 'Check out now (self); 409 without an open check-in',
      responses: { '201': jsonResponse('The punch', PunchShape), ...problemResponses(409, 422) },
    },
  },
  {
    method: 'get',
    path: '/api/v1/attendance',
    access: ANY_ROLE,
    request: { query: AttendanceListQuery },
    handlers: [listOrExportAttendanceHandler],
    doc: {
      tags: ATTENDANCE,
      operationId: 'listAttendance',
      summary: 'Daily attendance records in your scope (default: the last 31 days), or a CSV download',
      responses: {
        '200': jsonOrCsvResponse('A page of daily records', pageOf('AttendanceDay'), ATTENDANCE_CSV_EXAMPLE),
      },
    },
  },
  {
    method: 'post',
    path: '/api/v1/attendance/manual',
    access: ADMIN_OR_MANAGER,
    request: {
      body: ManualEntryBody,
      example: {
        employeeId: '665f1c2e9b1e8a0012345678',
        date: '2026-11-20',
        checkIn: '08:55',
        checkOut: '17:10',
        reason: 'Badge reader was down',
      },
    },
    handlers: [attendance.manualEntryHandler],
    doc: {
      operationId: 'createManualAttendanceEntry',
      tags: ATTENDANCE,
      summary: "Correct someone's attendance (their manager or an admin; reason required)",
      responses: {
        '201': jsonResponse('The recomputed day and the new punches', ManualEntryResultShape),
        ...problemResponses(404, 409, 422),
      },
    },
  },
  ...deviceRoutes,
  ...iclockRoutes,
  ...attendanceCorrectionRoutes,
];

import {
  NO_CONTENT,
  jsonBody,
  optionalJsonBody,
  jsonResponse,
  pageOf,
  problemResponses,
  queryParam,
  ref,
} from '../../http/openapi/components';
import type { ResponseObject } from '../../http/openapi/types';
import { jsonOrCsvResponse } from '../../http/csv-response';
import type { RouteDefinition } from '../../http/routes';
import { s } from '../../http/shape/builders';
import { ADMIN_ONLY, ADMIN_OR_MANAGER, ANY_ROLE } from '../auth/roles';
import * as attendance from './attendance.controller';
import { listOrExportAttendanceHandler } from './attendance-export.controller';
import { ATTENDANCE_CSV_EXAMPLE, AttendanceListQuery } from './attendance-export.schemas';
import * as rules from './attendance.validators';
import * as iclock from './iclock.controller';
import { ID_PARAMS } from '../../http/shape/common';
import { listRejectedLinesHandler } from './rejected-lines.controller';
import { RejectedLinesPage, RejectedLinesQuery } from './rejected-lines.schemas';

const ATTENDANCE = ['Attendance'];
const DEVICES = ['Devices'];
const ICLOCK = ['ZKTeco push (iclock)'];
// Terminals send more parameters than these, varying by firmware (options, pushver, Stamp, ...): let them through.
const IclockQuery = s
  .object({
    SN: s.string({ max: 64 }).optional().describe('The terminal serial number'),
    table: s.string({ max: 32 }).optional().describe('ATTLOG for punches; other tables are acknowledged'),
  })
  .open();
const text = (description: string): ResponseObject => ({
  description,
  content: { 'text/plain': { schema: { type: 'string' } } },
});
const sn = {
  name: 'SN',
  in: 'query' as const,
  required: true,
  schema: { type: 'string' },
  description: 'Registered serial number',
};

export const attendanceRoutes: RouteDefinition[] = [
  {
    method: 'post',
    path: '/api/v1/attendance/check-in',
    access: ANY_ROLE,
    validators: rules.punchRules,
    handlers: [attendance.checkInHandler],
    doc: {
      tags: ATTENDANCE,
      summary: 'Check in now (self)',
      requestBody: optionalJsonBody(ref('PunchRequest')),
      responses: { '201': jsonResponse('The punch', ref('Punch')), ...problemResponses(409, 422) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/attendance/check-out',
    access: ANY_ROLE,
    validators: rules.punchRules,
    handlers: [attendance.checkOutHandler],
    doc: {
      tags: ATTENDANCE,
      summary: 'Check out now (self); 409 without an open check-in',
      requestBody: optionalJsonBody(ref('PunchRequest')),
      responses: { '201': jsonResponse('The punch', ref('Punch')), ...problemResponses(409, 422) },
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
    validators: rules.manualEntryRules,
    handlers: [attendance.manualEntryHandler],
    doc: {
      tags: ATTENDANCE,
      summary: "Correct someone's attendance (their manager or an admin; reason required)",
      requestBody: jsonBody(ref('ManualEntry'), {
        employeeId: '665f1c2e9b1e8a0012345678',
        date: '2026-11-20',
        checkIn: '08:55',
        checkOut: '17:10',
        reason: 'Badge reader was down',
      }),
      responses: {
        '201': jsonResponse('The recomputed day and the new punches', ref('ManualEntryResult')),
        ...problemResponses(404, 409),
      },
    },
  },
  {
    method: 'post',
    path: '/api/v1/attendance/ingest',
    access: 'device',
    validators: rules.ingestRules,
    handlers: [attendance.ingestHandler],
    doc: {
      tags: DEVICES,
      summary: 'Biometric device batch upload (X-Device-Key), up to 1000 events',
      description:
        'Each event is checked on its own: rejected ones come back with index and reason while the rest are stored. Replays store nothing new.',
      requestBody: jsonBody(ref('IngestBatch'), {
        events: [
          {
            eventId: 'A-1001',
            employeeCode: 'D-003',
            timestamp: '2026-11-23T08:57:12+01:00',
            direction: 'in',
          },
        ],
      }),
      responses: { '202': jsonResponse('Counts of what happened', ref('IngestResult')) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/devices',
    access: ADMIN_ONLY,
    validators: rules.createDeviceRules,
    handlers: [attendance.createDeviceHandler],
    doc: {
      tags: DEVICES,
      summary: 'Register a device; its API key is in this response only',
      requestBody: jsonBody(ref('DeviceCreate')),
      responses: {
        '201': jsonResponse('The device and its key', ref('DeviceWithKey')),
        ...problemResponses(409),
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/devices',
    access: ADMIN_ONLY,
    handlers: [attendance.listDevicesHandler],
    doc: {
      tags: DEVICES,
      summary: 'List devices',
      responses: { '200': jsonResponse('Devices', { type: 'array', items: ref('Device') }) },
    },
  },
  {
    method: 'get',
    path: '/api/v1/devices/:id/rejected-lines',
    access: ADMIN_ONLY,
    request: { params: ID_PARAMS, query: RejectedLinesQuery },
    handlers: [listRejectedLinesHandler],
    doc: {
      tags: DEVICES,
      operationId: 'listDeviceRejectedLines',
      summary: 'Lines the device pushed that could not be used, newest first (kept RAW_DEVICE_LINES_DAYS)',
      responses: {
        '200': jsonResponse('A page of rejected lines', RejectedLinesPage),
        ...problemResponses(404),
      },
    },
  },
  {
    method: 'delete',
    path: '/api/v1/devices/:id',
    access: ADMIN_ONLY,
    validators: rules.deviceIdRules,
    handlers: [attendance.revokeDeviceHandler],
    doc: {
      tags: DEVICES,
      summary: 'Revoke a device (its key and serial number stop working)',
      responses: { '204': NO_CONTENT, ...problemResponses(404) },
    },
  },
  {
    method: 'get',
    path: '/iclock/cdata',
    access: 'public',
    request: { query: IclockQuery },
    handlers: [iclock.iclockHandshakeHandler],
    doc: {
      tags: ICLOCK,
      summary: 'ZKTeco handshake: returns the push options (text/plain)',
      parameters: [sn, queryParam('options', { type: 'string' }), queryParam('pushver', { type: 'string' })],
      responses: {
        '200': text('GET OPTION FROM: <SN> and option lines'),
        '403': text('Unknown device'),
        '429': text('Too many requests; see Retry-After'),
      },
    },
  },
  {
    method: 'post',
    path: '/iclock/cdata',
    access: 'public',
    request: { query: IclockQuery },
    handlers: [iclock.iclockDataHandler],
    doc: {
      tags: ICLOCK,
      summary:
        'ZKTeco data push; table=ATTLOG lines are PIN, local time, status, verify, work code (tab-separated)',
      parameters: [
        sn,
        queryParam('table', { type: 'string', examples: ['ATTLOG'] }),
        queryParam('Stamp', { type: 'string' }),
      ],
      requestBody: {
        required: true,
        content: {
          'text/plain': { schema: { type: 'string' }, example: '1001\t2026-11-23 08:57:12\t0\t1\t0\t0\t0\n' },
        },
      },
      responses: {
        '200': text('OK: <number of lines>'),
        '403': text('Unknown device'),
        '429': text('Too many requests; see Retry-After'),
      },
    },
  },
  {
    method: 'get',
    path: '/iclock/getrequest',
    access: 'public',
    request: { query: IclockQuery },
    handlers: [iclock.iclockPollHandler],
    doc: {
      tags: ICLOCK,
      summary: 'ZKTeco command poll (no commands are queued: OK)',
      parameters: [sn],
      responses: {
        '200': text('OK'),
        '403': text('Unknown device'),
        '429': text('Too many requests; see Retry-After'),
      },
    },
  },
  {
    method: 'post',
    path: '/iclock/devicecmd',
    access: 'public',
    request: { query: IclockQuery },
    handlers: [iclock.iclockPollHandler],
    doc: {
      tags: ICLOCK,
      summary: 'ZKTeco command result report (acknowledged)',
      parameters: [sn],
      responses: {
        '200': text('OK'),
        '403': text('Unknown device'),
        '429': text('Too many requests; see Retry-After'),
      },
    },
  },
];

import { NO_CONTENT, jsonResponse, pageOf, problemResponses } from '../../http/openapi/components';
import type { ResponseObject } from '../../http/openapi/types';
import { jsonOrCsvResponse } from '../../http/csv-response';
import type { RouteDefinition } from '../../http/routes';
import { s } from '../../http/shape/builders';
import { ADMIN_ONLY, ADMIN_OR_MANAGER, ANY_ROLE } from '../../lib/roles';
import * as attendance from './attendance.controller';
import { listOrExportAttendanceHandler } from './attendance-export.controller';
import { ATTENDANCE_CSV_EXAMPLE, AttendanceListQuery } from './attendance-export.schemas';
import {
  DeviceCreateBody,
  DeviceShape,
  DeviceWithKeyShape,
  IngestBody,
  IngestResultShape,
  ManualEntryBody,
  ManualEntryResultShape,
  PunchBody,
  PunchShape,
} from './attendance.schemas';
import { ID_PARAMS } from '../../http/shape/common';
import * as iclock from './iclock.controller';
import { attendanceCorrectionRoutes } from './attendance-corrections.routes';
import { DeviceUpdateBody } from './devices.schemas';
import { listRejectedLinesHandler } from './rejected-lines.controller';
import { RejectedLinesPage, RejectedLinesQuery } from './rejected-lines.schemas';

const ATTENDANCE = ['Attendance'];
const DEVICES = ['Devices'];
const ICLOCK = ['ZKTeco push (iclock)'];
// Terminals send more parameters than these, varying by firmware (options, pushver, Stamp, ...): let them through.
const IclockQuery = s
  .object({
    SN: s
      .string({ min: 1, max: 64 })
      .describe('The terminal serial number, as registered')
      .example('CQZ7224460246'),
    table: s
      .string({ max: 32 })
      .optional()
      .describe('ATTLOG for punches; other tables are acknowledged')
      .example('ATTLOG'),
  })
  .open();
const text = (description: string): ResponseObject => ({
  description,
  content: { 'text/plain': { schema: { type: 'string' } } },
});

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
  {
    method: 'post',
    path: '/api/v1/attendance/ingest',
    access: 'device',
    request: {
      body: IngestBody,
      example: {
        events: [
          {
            eventId: 'A-1001',
            employeeCode: 'D-003',
            timestamp: '2026-11-23T08:57:12+01:00',
            direction: 'in',
          },
        ],
      },
    },
    handlers: [attendance.ingestHandler],
    doc: {
      operationId: 'ingestDeviceEvents',
      tags: DEVICES,
      summary: 'Biometric device batch upload (X-Device-Key), up to 1000 events',
      description:
        'Each event is checked on its own: rejected ones come back with index and reason while the rest are stored. Replays store nothing new.',
      // The key is also the deviceKey security scheme; naming it as a parameter lets a link hand it over.
      parameters: [
        {
          name: 'X-Device-Key',
          in: 'header',
          required: true,
          description: 'The device key shown once when the device was registered',
          schema: { type: 'string', pattern: '^dk_[0-9a-f]{16}\\.[A-Za-z0-9_-]{20,100}$' },
        },
      ],
      responses: { '202': jsonResponse('Counts of what happened', IngestResultShape) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/devices',
    access: ADMIN_ONLY,
    request: {
      body: DeviceCreateBody,
      example: {
        name: 'Main entrance',
        location: 'Building A',
        serialNumber: 'CJDE193560123',
        timezone: 'Europe/Berlin',
      },
    },
    handlers: [attendance.createDeviceHandler],
    doc: {
      operationId: 'createDevice',
      tags: DEVICES,
      summary: 'Register a device; its API key is in this response only',
      responses: {
        '201': {
          ...jsonResponse('The device and its key', DeviceWithKeyShape),
          links: {
            ingest: {
              operationId: 'ingestDeviceEvents',
              parameters: { 'header.X-Device-Key': '$response.body#/apiKey' },
              description: 'Upload punches with the new key',
            },
            update: { operationId: 'updateDevice', parameters: { id: '$response.body#/id' } },
            revoke: { operationId: 'revokeDevice', parameters: { id: '$response.body#/id' } },
          },
        },
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
      operationId: 'listDevices',
      tags: DEVICES,
      summary: 'List devices',
      responses: { '200': jsonResponse('Devices', s.list(DeviceShape)) },
    },
  },
  {
    method: 'patch',
    path: '/api/v1/devices/:id',
    access: ADMIN_ONLY,
    request: {
      params: ID_PARAMS,
      body: DeviceUpdateBody,
      example: { location: 'Warehouse gate', allowedIps: ['10.20.0.0/24'] },
    },
    handlers: [attendance.updateDeviceHandler],
    doc: {
      tags: DEVICES,
      operationId: 'updateDevice',
      summary: "Change a device's name, location, time zone or allowed addresses",
      description:
        'An `allowedIps` entry that is shaped like an address but is none (`300.1.1.1/8`, `/33`) is 422 naming it.',
      responses: { '200': jsonResponse('The device', DeviceShape), ...problemResponses(404, 422) },
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
    request: { params: ID_PARAMS },
    handlers: [attendance.revokeDeviceHandler],
    doc: {
      operationId: 'revokeDevice',
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
      operationId: 'iclockHandshake',
      tags: ICLOCK,
      summary: 'ZKTeco handshake: returns the push options (text/plain)',
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
      operationId: 'iclockPush',
      tags: ICLOCK,
      summary:
        'ZKTeco data push; table=ATTLOG lines are PIN, local time, status, verify, work code (tab-separated)',
      requestBody: {
        required: false,
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
      operationId: 'iclockPoll',
      tags: ICLOCK,
      summary: 'ZKTeco command poll (no commands are queued: OK)',
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
      operationId: 'iclockCommandResult',
      tags: ICLOCK,
      summary: 'ZKTeco command result report (acknowledged)',
      responses: {
        '200': text('OK'),
        '403': text('Unknown device'),
        '429': text('Too many requests; see Retry-After'),
      },
    },
  },
  ...attendanceCorrectionRoutes,
];

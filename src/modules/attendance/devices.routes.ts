import { NO_CONTENT, jsonResponse, problemResponses } from '../../http/openapi/components';
import type { RouteDefinition } from '../../http/routes';
import { s } from '../../http/shape/builders';
import { ADMIN_ONLY } from '../../lib/roles';
import * as attendance from './attendance.controller';
import {
  DeviceCreateBody,
  DeviceShape,
  DeviceWithKeyShape,
  IngestBody,
  IngestResultShape,
} from './attendance.schemas';
import { ID_PARAMS } from '../../http/shape/common';
import { DeviceUpdateBody } from './devices.schemas';
import { listRejectedLinesHandler } from './rejected-lines.controller';
import { RejectedLinesPage, RejectedLinesQuery } from './rejected-lines.schemas';

const DEVICES = ['Devices'];

/** Registering terminals, their JSON ingest with a device key, and what they sent that was unusable. */
export const deviceRoutes: RouteDefinition[] = [
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
        'Each event is checked on its own: rejected ones come back with index and reason while the rest are stored (a punch for a day inside a closed payroll period: reason `period closed`). Replays store nothing new.',
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
];

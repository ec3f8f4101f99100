import { jsonResponse, problemResponses } from '../../http/openapi/components';
import type { RouteDefinition } from '../../http/routes';
import { ID_PARAMS } from '../../http/shape/common';
import { ADMIN_ONLY } from '../../lib/roles';
import * as periods from './periods.controller';
import {
  PayrollPeriodCreateBody,
  PayrollPeriodListQuery,
  PayrollPeriodPage,
  PayrollPeriodReopenBody,
  PayrollPeriodShape,
} from './periods.schemas';

const tags = ['Payroll periods'];

export const periodRoutes: RouteDefinition[] = [
  {
    method: 'post',
    path: '/api/v1/payroll-periods',
    access: ADMIN_ONLY,
    request: { body: PayrollPeriodCreateBody, example: { from: '2026-11-01', to: '2026-11-30' } },
    handlers: [periods.createPeriodHandler],
    doc: {
      tags,
      operationId: 'createPayrollPeriod',
      summary: 'Close a payroll period: writes touching its dates are refused until it is reopened',
      description:
        'The period is created closed. From then on any write touching a date inside it (manual entries, check-in/out, corrections, exception resolutions, leave submit/approve/reject/cancel, holiday changes and imports) is 409 with problem type `/problems/period-closed`, and device events for its dates are rejected per item with reason `period closed`. A period overlapping any other period (closed or reopened) is 409; `to` before `from` or more than 366 days after it is 422.',
      responses: {
        '201': {
          ...jsonResponse('The closed period', PayrollPeriodShape),
          links: {
            reopen: { operationId: 'reopenPayrollPeriod', parameters: { id: '$response.body#/id' } },
            export: { operationId: 'exportPayrollPeriod', parameters: { id: '$response.body#/id' } },
          },
        },
        ...problemResponses(409, 422),
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/payroll-periods',
    access: ADMIN_ONLY,
    request: { query: PayrollPeriodListQuery },
    handlers: [periods.listPeriodsHandler],
    doc: {
      tags,
      operationId: 'listPayrollPeriods',
      summary: 'List payroll periods, latest first',
      responses: { '200': jsonResponse('A page of periods', PayrollPeriodPage) },
    },
  },
  {
    method: 'get',
    path: '/api/v1/payroll-periods/:id',
    access: ADMIN_ONLY,
    request: { params: ID_PARAMS },
    handlers: [periods.getPeriodHandler],
    doc: {
      tags,
      operationId: 'getPayrollPeriod',
      summary: 'A payroll period with its close and reopen history',
      responses: { '200': jsonResponse('The period', PayrollPeriodShape), ...problemResponses(404) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/payroll-periods/:id/reopen',
    access: ADMIN_ONLY,
    request: {
      params: ID_PARAMS,
      body: PayrollPeriodReopenBody,
      example: { reason: 'Late sick note for 2026-11-12' },
    },
    handlers: [periods.reopenPeriodHandler],
    idempotent: true,
    doc: {
      tags,
      operationId: 'reopenPayrollPeriod',
      summary: 'Reopen a closed period with a reason: writes touching its dates work again',
      description: 'A period that is already open: 409. A missing `reason`: 400 naming it.',
      responses: {
        '200': {
          ...jsonResponse('The reopened period (status open)', PayrollPeriodShape),
          links: { close: { operationId: 'closePayrollPeriod', parameters: { id: '$response.body#/id' } } },
        },
        ...problemResponses(404, 409),
      },
    },
  },
  {
    method: 'post',
    path: '/api/v1/payroll-periods/:id/close',
    access: ADMIN_ONLY,
    request: { params: ID_PARAMS },
    handlers: [periods.closePeriodHandler],
    idempotent: true,
    doc: {
      tags,
      operationId: 'closePayrollPeriod',
      summary: 'Close a reopened period again (same id and dates)',
      description: 'A period that is already closed: 409. Every close and reopen stays in `history`.',
      responses: {
        '200': jsonResponse('The closed period', PayrollPeriodShape),
        ...problemResponses(404, 409),
      },
    },
  },
];

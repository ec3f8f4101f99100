import {
  jsonBody,
  optionalJsonBody,
  jsonResponse,
  pageOf,
  problemResponses,
  queryParam,
  ref,
} from '../../http/openapi/components';
import { jsonOrCsvResponse } from '../../http/csv-response';
import type { RouteDefinition } from '../../http/routes';
import { ADMIN_ONLY, ADMIN_OR_MANAGER, ANY_ROLE } from '../../lib/roles';
import * as leave from './leave.controller';
import { attachmentRoutes } from './attachments.routes';
import { holidayImportRoutes } from './holiday-import.routes';
import { listOrExportLeaveRequestsHandler } from './leave-requests-export.controller';
import { LEAVE_REQUEST_CSV_EXAMPLE, LeaveRequestListQuery } from './leave-requests-export.schemas';
import { leaveTypeRoutes } from './leave-types.routes';
import * as rules from './leave.validators';

const REQUESTS = ['Leave requests'];
const BALANCES = ['Leave balances'];
const list = (schema: string) => ({ type: 'array', items: ref(schema) });
const date = { type: 'string', format: 'date' };

export const leaveRoutes: RouteDefinition[] = [
  ...leaveTypeRoutes,
  ...holidayImportRoutes,
  ...attachmentRoutes,
  {
    method: 'post',
    path: '/api/v1/leave-requests',
    access: ANY_ROLE,
    validators: rules.submitLeaveRequestRules,
    handlers: [leave.submitLeaveRequestHandler],
    doc: {
      operationId: 'createLeaveRequest',
      tags: REQUESTS,
      summary: 'Request leave (for yourself; admins may pass employeeId)',
      description:
        "Days are counted in the employee's work week, skipping holidays of their calendars (working-day types). A request across 31 December counts into both leave years (`daysByYear`) and needs balance in each. Overlap with a pending or approved request: 409. Notice period, maximum length, no working days or insufficient balance: 422. Types that need no approval are approved at once.",
      requestBody: jsonBody(ref('LeaveRequestCreate'), {
        leaveTypeId: '665f1c2e9b1e8a0012345678',
        startDate: '2026-12-21',
        endDate: '2026-12-24',
        halfDayEnd: true,
        reason: 'Family visit',
      }),
      responses: { '201': jsonResponse('Created', ref('LeaveRequest')), ...problemResponses(409, 422, 429) },
    },
  },
  {
    method: 'get',
    path: '/api/v1/leave-requests',
    access: ANY_ROLE,
    request: { query: LeaveRequestListQuery },
    handlers: [listOrExportLeaveRequestsHandler],
    doc: {
      tags: REQUESTS,
      operationId: 'listLeaveRequests',
      summary: 'List leave requests in your scope (newest start first), or download them as CSV',
      responses: {
        '200': jsonOrCsvResponse('A page of requests', pageOf('LeaveRequest'), LEAVE_REQUEST_CSV_EXAMPLE),
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/leave-requests/:id',
    access: ANY_ROLE,
    validators: rules.cancelRules.slice(0, 1),
    handlers: [leave.getLeaveRequestHandler],
    doc: {
      operationId: 'getLeaveRequest',
      tags: REQUESTS,
      summary: 'Get a leave request in your scope',
      responses: { '200': jsonResponse('The request', ref('LeaveRequest')), ...problemResponses(404) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/leave-requests/:id/approve',
    access: ADMIN_OR_MANAGER,
    validators: rules.decisionRules,
    handlers: [leave.approveLeaveRequestHandler],
    doc: {
      operationId: 'approveLeaveRequest',
      tags: REQUESTS,
      summary: "Approve (the employee's manager, direct or higher, or an admin; never your own)",
      requestBody: optionalJsonBody(ref('LeaveDecision')),
      responses: {
        '200': jsonResponse('Approved', ref('LeaveRequest')),
        ...problemResponses(404, 409, 422),
      },
    },
  },
  {
    method: 'post',
    path: '/api/v1/leave-requests/:id/reject',
    access: ADMIN_OR_MANAGER,
    validators: rules.decisionRules,
    handlers: [leave.rejectLeaveRequestHandler],
    doc: {
      operationId: 'rejectLeaveRequest',
      tags: REQUESTS,
      summary: 'Reject (same deciders as approve); the held days are released',
      requestBody: optionalJsonBody(ref('LeaveDecision')),
      responses: { '200': jsonResponse('Rejected', ref('LeaveRequest')), ...problemResponses(404, 409) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/leave-requests/:id/cancel',
    access: ANY_ROLE,
    validators: rules.cancelRules,
    handlers: [leave.cancelLeaveRequestHandler],
    doc: {
      operationId: 'cancelLeaveRequest',
      tags: REQUESTS,
      summary: 'Cancel (the employee before it starts, an admin any time); days are released',
      responses: {
        '200': jsonResponse('Cancelled', ref('LeaveRequest')),
        ...problemResponses(404, 409, 422),
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/leave-balances',
    access: ANY_ROLE,
    validators: rules.balancesRules,
    handlers: [leave.getBalancesHandler],
    doc: {
      operationId: 'listLeaveBalances',
      tags: BALANCES,
      summary: 'Balances per leave type for an employee (default: you) and leave year (default: this year)',
      parameters: [queryParam('employeeId', { type: 'string' }), queryParam('year', { type: 'integer' })],
      responses: {
        '200': jsonResponse('One entry per leave type', list('LeaveBalance')),
        ...problemResponses(404),
      },
    },
  },
  {
    method: 'post',
    path: '/api/v1/leave-balances/adjustments',
    access: ADMIN_ONLY,
    validators: rules.adjustmentRules,
    handlers: [leave.createAdjustmentHandler],
    doc: {
      operationId: 'createLeaveBalanceAdjustment',
      tags: BALANCES,
      summary: 'Adjust a balance (a ledger entry with a reason)',
      requestBody: jsonBody(ref('LeaveAdjustmentCreate'), {
        employeeId: '665f1c2e9b1e8a0012345678',
        leaveTypeId: '665f1c2e9b1e8a0012345679',
        year: 2026,
        days: 2,
        reason: 'Overtime compensation',
      }),
      responses: { '201': jsonResponse('Created', ref('LeaveAdjustment')) },
    },
  },
  {
    method: 'get',
    path: '/api/v1/leave-calendar',
    access: ANY_ROLE,
    validators: rules.calendarRules,
    handlers: [leave.getLeaveCalendarHandler],
    doc: {
      operationId: 'getLeaveCalendar',
      tags: REQUESTS,
      summary: 'Who is away when, in your scope (approved leave; pending too with includePending=true)',
      parameters: [
        { name: 'from', in: 'query', required: true, schema: date },
        { name: 'to', in: 'query', required: true, schema: date },
        queryParam('departmentId', { type: 'string' }),
        queryParam('includePending', { type: 'boolean' }),
      ],
      responses: {
        '200': jsonResponse('Leave overlapping the range', list('LeaveCalendarEntry')),
        ...problemResponses(422),
      },
    },
  },
];

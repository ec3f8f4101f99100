import { jsonResponse, pageOf, problemResponses } from '../../http/openapi/components';
import { s } from '../../http/shape/builders';
import { ID_PARAMS } from '../../http/shape/common';
import { jsonOrCsvResponse } from '../../http/csv-response';
import type { LinkObject } from '../../http/openapi/types';
import type { RouteDefinition } from '../../http/routes';
import { ADMIN_ONLY, ADMIN_OR_MANAGER, ANY_ROLE } from '../../lib/roles';
import * as leave from './leave.controller';
import { attachmentRoutes } from './attachments.routes';
import { balanceStatementRoutes } from './balance-statement.routes';
import { holidayImportRoutes } from './holiday-import.routes';
import { listOrExportLeaveRequestsHandler } from './leave-requests-export.controller';
import { LEAVE_REQUEST_CSV_EXAMPLE, LeaveRequestListQuery } from './leave-requests-export.schemas';
import { leaveTypeRoutes } from './leave-types.routes';
import { leaveAmendmentRoutes } from './leave-amendments.routes';
import {
  BalancesQuery,
  LeaveAdjustmentCreateBody,
  LeaveAdjustmentShape,
  LeaveBalanceShape,
  LeaveCalendarEntryShape,
  LeaveCalendarQuery,
  LeaveDecisionBody,
  LeaveRequestCreateBody,
  LeaveRequestShape,
} from './leave.schemas';

const REQUESTS = ['Leave requests'];
const BALANCES = ['Leave balances'];

/** Where a client goes next with a request it holds (OpenAPI links; Schemathesis walks them too). */
const NEXT_STEPS = {
  get: 'getLeaveRequest',
  approve: 'approveLeaveRequest',
  reject: 'rejectLeaveRequest',
  cancel: 'cancelLeaveRequest',
} as const;
function requestLinks(...steps: Array<keyof typeof NEXT_STEPS>): Record<string, LinkObject> {
  return Object.fromEntries(
    (['get', ...steps] as const).map((step) => [
      step,
      { operationId: NEXT_STEPS[step], parameters: { id: '$response.body#/id' } },
    ]),
  );
}

export const leaveRoutes: RouteDefinition[] = [
  ...leaveTypeRoutes,
  ...holidayImportRoutes,
  ...attachmentRoutes,
  ...balanceStatementRoutes,
  ...leaveAmendmentRoutes,
  {
    method: 'post',
    path: '/api/v1/leave-requests',
    access: ANY_ROLE,
    request: {
      body: LeaveRequestCreateBody,
      example: {
        leaveTypeId: '665f1c2e9b1e8a0012345678',
        startDate: '2026-12-21',
        endDate: '2026-12-24',
        halfDayEnd: true,
        reason: 'Family visit',
      },
    },
    handlers: [leave.submitLeaveRequestHandler],
    entityTag: true,
    doc: {
      operationId: 'createLeaveRequest',
      tags: REQUESTS,
      summary: 'Request leave (for yourself; admins may pass employeeId)',
      description:
        "Days are counted in the employee's work week, skipping holidays of their calendars (working-day types). A request across 31 December counts into both leave years (`daysByYear`) and needs balance in each. Overlap with a pending or approved request: 409. Notice period, no working days, insufficient balance, or a maximum of consecutive days exceeded (adjacent requests of the type separated only by days off and holidays count as one absence; `errors` names startDate and/or endDate): 422. Types that need no approval are approved at once.",
      responses: {
        '201': {
          ...jsonResponse('Created', LeaveRequestShape),
          links: requestLinks('approve', 'reject', 'cancel'),
        },
        ...problemResponses(409, 422, 429),
      },
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
    request: { params: ID_PARAMS },
    handlers: [leave.getLeaveRequestHandler],
    entityTag: true,
    doc: {
      operationId: 'getLeaveRequest',
      tags: REQUESTS,
      summary: 'Get a leave request in your scope',
      responses: { '200': jsonResponse('The request', LeaveRequestShape), ...problemResponses(404) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/leave-requests/:id/approve',
    access: ADMIN_OR_MANAGER,
    request: { params: ID_PARAMS, body: LeaveDecisionBody.optional(), example: { comment: 'Enjoy!' } },
    handlers: [leave.approveLeaveRequestHandler],
    idempotent: true,
    entityTag: true,
    doc: {
      operationId: 'approveLeaveRequest',
      tags: REQUESTS,
      summary: "Approve (the employee's manager, direct or higher, or an admin; never your own)",
      responses: {
        '200': { ...jsonResponse('Approved', LeaveRequestShape), links: requestLinks('cancel') },
        ...problemResponses(404, 409, 422),
      },
    },
  },
  {
    method: 'post',
    path: '/api/v1/leave-requests/:id/reject',
    access: ADMIN_OR_MANAGER,
    request: {
      params: ID_PARAMS,
      body: LeaveDecisionBody.optional(),
      example: { comment: 'The release is that week; please pick other days' },
    },
    handlers: [leave.rejectLeaveRequestHandler],
    idempotent: true,
    entityTag: true,
    doc: {
      operationId: 'rejectLeaveRequest',
      tags: REQUESTS,
      summary: 'Reject (same deciders as approve); the held days are released',
      responses: { '200': jsonResponse('Rejected', LeaveRequestShape), ...problemResponses(404, 409) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/leave-requests/:id/cancel',
    access: ANY_ROLE,
    request: { params: ID_PARAMS },
    handlers: [leave.cancelLeaveRequestHandler],
    idempotent: true,
    entityTag: true,
    doc: {
      operationId: 'cancelLeaveRequest',
      tags: REQUESTS,
      summary: 'Cancel (the employee before it starts, an admin any time); days are released',
      responses: {
        '200': jsonResponse('Cancelled', LeaveRequestShape),
        ...problemResponses(404, 409, 422),
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/leave-balances',
    access: ANY_ROLE,
    request: { query: BalancesQuery },
    handlers: [leave.getBalancesHandler],
    doc: {
      operationId: 'listLeaveBalances',
      tags: BALANCES,
      summary: 'Balances per leave type for an employee (default: you) and leave year (default: this year)',
      responses: {
        '200': jsonResponse('One entry per leave type', s.list(LeaveBalanceShape)),
        ...problemResponses(404),
      },
    },
  },
  {
    method: 'post',
    path: '/api/v1/leave-balances/adjustments',
    access: ADMIN_ONLY,
    request: {
      body: LeaveAdjustmentCreateBody,
      example: {
        employeeId: '665f1c2e9b1e8a0012345678',
        leaveTypeId: '665f1c2e9b1e8a0012345679',
        year: 2026,
        days: 2,
        reason: 'Overtime compensation',
      },
    },
    handlers: [leave.createAdjustmentHandler],
    doc: {
      operationId: 'createLeaveBalanceAdjustment',
      tags: BALANCES,
      summary: 'Adjust a balance (a ledger entry with a reason)',
      responses: { '201': jsonResponse('Created', LeaveAdjustmentShape), ...problemResponses(422) },
    },
  },
  {
    method: 'get',
    path: '/api/v1/leave-calendar',
    access: ANY_ROLE,
    request: { query: LeaveCalendarQuery },
    handlers: [leave.getLeaveCalendarHandler],
    doc: {
      operationId: 'getLeaveCalendar',
      tags: REQUESTS,
      summary: 'Who is away when, in your scope (approved leave; pending too with includePending=true)',
      responses: {
        '200': jsonResponse('Leave overlapping the range', s.list(LeaveCalendarEntryShape)),
        ...problemResponses(422),
      },
    },
  },
];

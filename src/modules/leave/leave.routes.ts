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
import { CoverageShape } from './leave-coverage.schemas';
import {
  BalancesQuery,
  LeaveAdjustmentCreateBody,
  LeaveAdjustmentShape,
  LeaveBalanceShape,
  LeaveCalendarEntryShape,
  LeaveCalendarQuery,
  LeaveDecisionBody,
  LeaveDecisionsBody,
  LeaveDecisionsResponse,
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
      summary: 'Approve the current approval step (the last step approves the request; never your own)',
      description:
        "Decides the step in `currentStep`: its assignee, a manager above the employee (manager steps), the next level once escalated, the delegate of any of them during a delegation, or an admin. A further step starts at once (the request stays pending, `currentStep` moves on, its approver is notified); the last step approves the request and books the days. A step already decided, or a request no longer pending: 409. Not yours to decide: 403. Approving beyond the department's `maxAbsent` on any day: 422 unless an admin sends `coverageOverrideReason`. See docs/approval-workflows.md.",
      responses: {
        '200': {
          ...jsonResponse('Approved (the request, or its step)', LeaveRequestShape),
          links: requestLinks('cancel'),
        },
        ...problemResponses(403, 404, 409, 422),
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
      summary:
        'Reject at the current step (same deciders as approve); the request ends and its held days are released',
      responses: { '200': jsonResponse('Rejected', LeaveRequestShape), ...problemResponses(403, 404, 409) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/leave-requests/decisions',
    access: ADMIN_OR_MANAGER,
    request: {
      body: LeaveDecisionsBody,
      example: {
        ids: ['665f1c2e9b1e8a0012345678', '665f1c2e9b1e8a0012345679'],
        decision: 'approve',
        comment: 'Approved in the weekly review',
      },
    },
    handlers: [leave.decideManyHandler],
    doc: {
      operationId: 'decideLeaveRequests',
      tags: REQUESTS,
      summary: 'Approve or reject up to 100 requests at once, with a result per request',
      description:
        'Each id is decided as `POST /leave-requests/{id}/approve|reject` would decide it, one after another. An id that is unknown, not yours to decide, already decided or refused by a rule is reported with `status: failed`, the reason and the status code the single call would answer; the others go on. The answer is 200 whatever the items.',
      responses: {
        '200': jsonResponse('One result per id, in order', LeaveDecisionsResponse),
        ...problemResponses(400),
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/leave-requests/:id/coverage',
    access: ANY_ROLE,
    request: { params: ID_PARAMS },
    handlers: [leave.getCoverageHandler],
    doc: {
      operationId: 'getLeaveRequestCoverage',
      tags: REQUESTS,
      summary: 'Who else in the same department is away on the days of a request, against its maxAbsent',
      responses: { '200': jsonResponse('Team coverage', CoverageShape), ...problemResponses(404) },
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

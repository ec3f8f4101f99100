import { jsonResponse, problemResponses } from '../../http/openapi/components';
import type { RouteDefinition } from '../../http/routes';
import { ID_PARAMS } from '../../http/shape/common';
import { ADMIN_OR_MANAGER, ANY_ROLE } from '../../lib/roles';
import * as amendments from './leave-amendments.controller';
import { LeaveAmendBody, LeaveRequestEditBody } from './leave-amendments.schemas';
import { LeaveDecisionBody, LeaveRequestShape } from './leave.schemas';

const TAGS = ['Leave requests'];

/** Editing pending leave and amending approved leave (docs/leave.md, "Amending leave"). */
export const leaveAmendmentRoutes: RouteDefinition[] = [
  {
    method: 'patch',
    path: '/api/v1/leave-requests/:id',
    access: ANY_ROLE,
    entityTag: true,
    request: {
      params: ID_PARAMS,
      body: LeaveRequestEditBody,
      example: { startDate: '2026-12-22', endDate: '2026-12-24', halfDayEnd: false, reason: 'Family visit' },
    },
    handlers: [amendments.editLeaveRequestHandler],
    doc: {
      operationId: 'updateLeaveRequest',
      tags: TAGS,
      summary: 'Edit a pending request (the employee or an admin): dates, half days, type, reason',
      description:
        'Checked like a new request: overlap with another pending or approved request is 409; notice period, no working days, consecutive-day limit or insufficient balance is 422. The held days are corrected in the ledger and the change is kept in `amendments`. A request that is no longer pending: 409 (amend approved leave with POST /leave-requests/{id}/amend).',
      responses: {
        '200': jsonResponse('Edited', LeaveRequestShape),
        ...problemResponses(403, 404, 409, 422),
      },
    },
  },
  {
    method: 'post',
    path: '/api/v1/leave-requests/:id/amend',
    access: ANY_ROLE,
    entityTag: true,
    idempotent: true,
    request: {
      params: ID_PARAMS,
      body: LeaveAmendBody,
      example: { startDate: '2026-12-21', endDate: '2026-12-23', reason: 'Back a day early for the release' },
    },
    handlers: [amendments.amendLeaveRequestHandler],
    doc: {
      operationId: 'amendLeaveRequest',
      tags: TAGS,
      summary: 'Amend approved leave (the employee or an admin): shorten it, turn a day half, or extend it',
      description:
        'Inside the approved days (shorter, or a day turned half), or any change on a type that needs no approval: 200, applied at once, the released days go back to the balance. Reaching outside them: 202 with `pendingAmendment`; the added days are held and an approver decides with POST /leave-requests/{id}/amendment/approve or /reject, while the original stays approved. Overlap: 409; dates the rules refuse (no working day, before the hire date, notice for added days, consecutive-day limit, balance): 422, and the request stays as it was. Days already in the past change only by an admin (others: 422). Not approved, or another amendment waiting: 409. The same amendment sent again answers as the first did.',
      responses: {
        '200': jsonResponse('Applied at once', LeaveRequestShape),
        '202': jsonResponse('Waiting for an approver (`pendingAmendment`)', LeaveRequestShape),
        ...problemResponses(403, 404, 409, 422),
      },
    },
  },
  ...(['approve', 'reject'] as const).map((decision): RouteDefinition => ({
    method: 'post',
    path: `/api/v1/leave-requests/:id/amendment/${decision}`,
    access: ADMIN_OR_MANAGER,
    entityTag: true,
    idempotent: true,
    request: {
      params: ID_PARAMS,
      body: LeaveDecisionBody.optional(),
      example: { comment: decision === 'approve' ? 'Fine, enjoy the extra days' : 'We need you that week' },
    },
    handlers: [
      decision === 'approve' ? amendments.approveAmendmentHandler : amendments.rejectAmendmentHandler,
    ],
    doc: {
      operationId: decision === 'approve' ? 'approveLeaveAmendment' : 'rejectLeaveAmendment',
      tags: TAGS,
      summary:
        decision === 'approve'
          ? "Approve a waiting amendment (the employee's manager, direct or higher, or an admin; never your own): the request takes its dates"
          : 'Reject a waiting amendment (same deciders): the request stays as it was and the held days are released',
      responses: {
        '200': jsonResponse(decision === 'approve' ? 'Amended' : 'Unchanged', LeaveRequestShape),
        ...problemResponses(403, 404, 409),
      },
    },
  })),
];

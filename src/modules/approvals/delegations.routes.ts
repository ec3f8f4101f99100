import { jsonResponse, problemResponses } from '../../http/openapi/components';
import type { RouteDefinition } from '../../http/routes';
import { ID_PARAMS } from '../../http/shape/common';
import { ADMIN_OR_MANAGER } from '../../lib/roles';
import * as delegations from './delegations.controller';
import {
  DelegationCreateBody,
  DelegationListQuery,
  DelegationPage,
  DelegationShape,
} from './delegations.schemas';

const tags = ['Delegations'];

export const delegationRoutes: RouteDefinition[] = [
  {
    method: 'post',
    path: '/api/v1/delegations',
    access: ADMIN_OR_MANAGER,
    request: {
      body: DelegationCreateBody,
      example: {
        delegateUserId: '665f1c2e9b1e8a0012345678',
        from: '2026-12-21',
        to: '2027-01-04',
        reason: 'Annual leave',
      },
    },
    handlers: [delegations.createDelegationHandler],
    doc: {
      tags,
      operationId: 'createDelegation',
      summary: 'Name a stand-in who sees and decides your team’s approvals for a date range',
      description:
        "A manager delegates for themself, an admin for any manager (`delegatorUserId`). From `from` to `to` the delegate sees the delegator's team requests, decides the approval steps assigned to the delegator, and gets the delegator's approval notifications; decisions record who decided on whose behalf. The delegate must be an active manager or admin login other than the delegator (422). A delegation overlapping another of the same delegator is 409. Audited.",
      responses: {
        '201': jsonResponse('The delegation', DelegationShape),
        ...problemResponses(403, 409, 422),
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/delegations',
    access: ADMIN_OR_MANAGER,
    request: { query: DelegationListQuery },
    handlers: [delegations.listDelegationsHandler],
    doc: {
      tags,
      operationId: 'listDelegations',
      summary: 'Delegations you gave or received (admins: all), latest first',
      responses: { '200': jsonResponse('A page of delegations', DelegationPage) },
    },
  },
  {
    method: 'delete',
    path: '/api/v1/delegations/:id',
    access: ADMIN_OR_MANAGER,
    request: { params: ID_PARAMS },
    handlers: [delegations.revokeDelegationHandler],
    doc: {
      tags,
      operationId: 'revokeDelegation',
      summary: 'Revoke a delegation at once (the delegator or an admin); decisions taken under it stand',
      responses: { '204': { description: 'Revoked' }, ...problemResponses(403, 404) },
    },
  },
];

import { NO_CONTENT, jsonResponse, problemResponses } from '../../http/openapi/components';
import type { RouteDefinition } from '../../http/routes';
import { ID_PARAMS } from '../../http/shape/common';
import { ADMIN_ONLY } from './roles';
import * as users from './users.controller';
import {
  AcceptInvitationBody,
  AcceptedShape,
  InvitationCreateBody,
  InvitationShape,
  UserAccountPage,
  UserAccountShape,
  UserListQuery,
  UserUpdateBody,
} from './users.schemas';

const USERS = ['Users'];

/** User administration (admins) and invitations: the way people get a login of their own. */
export const userRoutes: RouteDefinition[] = [
  {
    method: 'get',
    path: '/api/v1/users',
    access: ADMIN_ONLY,
    request: { query: UserListQuery },
    handlers: [users.listUsersHandler],
    doc: {
      tags: USERS,
      operationId: 'listUsers',
      summary: 'List logins (by role, active or disabled, part of the email)',
      responses: { '200': jsonResponse('A page of logins', UserAccountPage) },
    },
  },
  {
    method: 'patch',
    path: '/api/v1/users/:id',
    access: ADMIN_ONLY,
    request: { params: ID_PARAMS, body: UserUpdateBody, example: { role: 'manager', active: true } },
    handlers: [users.updateUserHandler],
    doc: {
      tags: USERS,
      operationId: 'updateUser',
      summary: 'Change a role, or disable (sessions end at once) or enable a login',
      description:
        'Demoting or disabling the last active admin is refused with 409, also when two such changes race. Enabling a login whose employee is deactivated: 409.',
      responses: {
        '200': jsonResponse('Updated', UserAccountShape),
        ...problemResponses(404, 409),
      },
    },
  },
  {
    method: 'post',
    path: '/api/v1/users/:id/reset-password',
    access: ADMIN_ONLY,
    request: { params: ID_PARAMS },
    handlers: [users.sendPasswordResetHandler],
    doc: {
      tags: USERS,
      operationId: 'sendUserPasswordReset',
      summary: 'Email the user a password reset link (single use, 30 minutes)',
      description:
        'The link works with `POST /auth/reset-password`; the current password keeps working until it is used. A disabled login: 409.',
      responses: {
        '202': jsonResponse('The email is queued', AcceptedShape),
        ...problemResponses(404, 409),
      },
    },
  },
  {
    method: 'post',
    path: '/api/v1/users/invitations',
    access: ADMIN_ONLY,
    request: {
      body: InvitationCreateBody,
      example: { email: 'ada@example.com', role: 'employee', employeeId: '665f1c2e9b1e8a0012345678' },
    },
    handlers: [users.inviteUserHandler],
    doc: {
      tags: USERS,
      operationId: 'inviteUser',
      summary: 'Invite someone to create their login: emails a single-use link that expires',
      description:
        'Inviting the same address again sends a new link and ends the old one. An address or employee that already has a login: 409; an unknown employee: 422.',
      responses: { '201': jsonResponse('Invited', InvitationShape), ...problemResponses(409, 422) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/auth/accept-invitation',
    access: 'public',
    request: {
      body: AcceptInvitationBody,
      example: { token: 'the-token-from-the-invitation-email', password: 'a-long-own-password' },
    },
    handlers: [users.acceptInvitationHandler],
    doc: {
      tags: ['Auth'],
      operationId: 'acceptInvitation',
      summary: 'Create your login from an invitation, with a password of your own',
      description: 'A used, expired or unknown token: 422. Then sign in with `POST /auth/login`.',
      responses: { '204': NO_CONTENT, ...problemResponses(409, 422) },
    },
  },
];

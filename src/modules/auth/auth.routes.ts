import { NO_CONTENT, jsonResponse, problemResponses } from '../../http/openapi/components';
import type { RouteDefinition } from '../../http/routes';
import * as auth from './auth.controller';
import {
  AuthSessionShape,
  ChangePasswordBody,
  ForgotPasswordAnswer,
  ForgotPasswordBody,
  LoginBody,
  MeShape,
  RefreshBody,
  RegisterBody,
  ResetPasswordBody,
  UserShape,
} from './auth.schemas';
import { ADMIN_ONLY, ANY_ROLE } from '../../lib/roles';

const AUTH = ['Auth'];

export const authRoutes: RouteDefinition[] = [
  {
    method: 'post',
    path: '/api/v1/auth/login',
    access: 'public',
    // The demo accounts' credentials replace this example only where they exist (npm run dev): see app.ts.
    request: { body: LoginBody, example: { email: 'ada@example.com', password: 'your-own-passphrase' } },
    handlers: [auth.loginHandler],
    doc: {
      operationId: 'login',
      tags: AUTH,
      summary: 'Sign in with email and password',
      description: 'Repeated failures per account or per IP answer 429 with Retry-After.',
      responses: { '200': jsonResponse('Signed in', AuthSessionShape), ...problemResponses(401, 429) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/auth/refresh',
    access: 'public',
    request: { body: RefreshBody },
    handlers: [auth.refreshHandler],
    doc: {
      operationId: 'refreshTokens',
      tags: AUTH,
      summary: 'Exchange a refresh token for a new pair (rotation)',
      description:
        'The presented token stops working. Presenting a rotated token again revokes the whole session family.',
      responses: { '200': jsonResponse('New tokens', AuthSessionShape), ...problemResponses(401) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/auth/logout',
    access: 'public',
    request: { body: RefreshBody },
    handlers: [auth.logoutHandler],
    doc: {
      operationId: 'logout',
      tags: AUTH,
      summary: 'End the session a refresh token belongs to',
      description:
        "Its refresh tokens and its access tokens (those carrying its `sid`) stop working at once; the user's other sessions go on.",
      responses: { '204': NO_CONTENT },
    },
  },
  {
    method: 'get',
    path: '/api/v1/auth/me',
    access: ANY_ROLE,
    handlers: [auth.meHandler],
    doc: {
      operationId: 'getMe',
      tags: AUTH,
      summary: 'The signed-in user with their employee profile',
      responses: { '200': jsonResponse('You', MeShape) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/auth/change-password',
    access: ANY_ROLE,
    request: { body: ChangePasswordBody },
    handlers: [auth.changePasswordHandler],
    doc: {
      operationId: 'changePassword',
      tags: AUTH,
      summary: 'Change your password (ends every session, including this one)',
      description:
        'A wrong current password counts as a failed sign-in (429 once the budget is spent); a new password that is too easy to guess (common, breached, a pattern or your own details) is 422 naming it.',
      responses: { '204': NO_CONTENT, ...problemResponses(422, 429) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/auth/forgot-password',
    access: 'public',
    request: { body: ForgotPasswordBody, example: { email: 'ada@example.com' } },
    handlers: [auth.forgotPasswordHandler],
    doc: {
      operationId: 'forgotPassword',
      tags: AUTH,
      summary: 'Email a password reset link (202 whether or not the account exists)',
      description:
        'The same answer, in the same time, for every address: the account is looked up and the email queued after answering. Throttled per address and per client (429).',
      responses: {
        '202': jsonResponse('Accepted', ForgotPasswordAnswer),
        ...problemResponses(429),
      },
    },
  },
  {
    method: 'post',
    path: '/api/v1/auth/reset-password',
    access: 'public',
    request: { body: ResetPasswordBody },
    handlers: [auth.resetPasswordHandler],
    doc: {
      operationId: 'resetPassword',
      tags: AUTH,
      summary: 'Set a new password with the emailed token (single use, 30 minutes)',
      responses: { '204': NO_CONTENT, ...problemResponses(422) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/auth/register',
    access: ADMIN_ONLY,
    request: {
      body: RegisterBody,
      example: {
        email: 'ada@example.com',
        password: 'a-long-first-password',
        role: 'employee',
        employeeId: '665f1c2e9b1e8a0012345678',
      },
    },
    handlers: [auth.registerHandler],
    doc: {
      operationId: 'registerUser',
      tags: AUTH,
      summary: 'Create a login with a password you choose for someone (prefer an invitation)',
      description:
        'Kept for existing clients. Invitations (`POST /users/invitations`) are the recommended way: the person chooses their own password, so no admin ever knows it.',
      deprecated: true,
      responses: { '201': jsonResponse('Created', UserShape), ...problemResponses(409, 422) },
    },
  },
];

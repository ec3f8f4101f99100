import { s } from '../../http/shape/builders';
import type { Infer } from '../../http/shape/field';
import { ROLES } from '../../lib/roles';
import { EmployeeShape } from '../employees';

/** Sign-in, token and password shapes, declared once: request checks, the document and the types. */

/** Opaque tokens we issue (refresh tokens, reset links): their exact format is ours to change. */
const opaqueToken = () => s.string({ min: 20, max: 200, hint: 'is malformed' });
/** A new password: 10 to 72 characters (bcrypt reads 72 bytes; more bytes than that is 422). */
export const newPassword = () =>
  s
    .string({ min: 10, max: 72, hint: 'must be 10 to 72 characters' })
    .describe('10 to 72 characters (at most 72 bytes), not easy to guess (else 422)');

const userFields = {
  id: s.id(),
  email: s.str().example('ada@example.com'),
  role: s.enum(ROLES),
  employeeId: s.id().nullable(),
  status: s.enum(['active', 'disabled'] as const),
  lastLoginAt: s.dateTime().nullable(),
  createdAt: s.dateTime(),
};

export const UserShape = s.object(userFields).named('User');

export const MeShape = s
  .object({
    ...userFields,
    employee: EmployeeShape.nullable().describe('Your employee profile, if you have one'),
  })
  .named('Me');

export const AuthSessionShape = s
  .object({
    tokenType: s.enum(['Bearer'] as const),
    accessToken: s.str().describe('JWT (HS256); send as `Authorization: Bearer ...`'),
    expiresIn: s.int({ min: 1 }).describe('Access token lifetime in seconds'),
    refreshToken: s.str().describe('Opaque, single use: each refresh returns a new one'),
    refreshTokenExpiresAt: s.dateTime(),
    user: UserShape,
  })
  .named('AuthSession');

export const LoginBody = s
  .object({ email: s.email(), password: s.string({ min: 1, max: 1024, hint: 'is required' }) })
  .named('LoginRequest');

export const RefreshBody = s.object({ refreshToken: opaqueToken() }).named('RefreshRequest');

export const ChangePasswordBody = s
  .object({
    currentPassword: s.string({ min: 1, max: 1024, hint: 'is required' }),
    newPassword: newPassword().describe('Different from the current one (else 422)'),
  })
  .named('ChangePasswordRequest');

export const ForgotPasswordBody = s.object({ email: s.email() }).named('ForgotPasswordRequest');

export const ForgotPasswordAnswer = s.object({ message: s.str() });

export const ResetPasswordBody = s
  .object({ token: opaqueToken().describe('From the reset email'), newPassword: newPassword() })
  .named('ResetPasswordRequest');

export const RegisterBody = s
  .object({
    email: s.email(),
    password: newPassword(),
    role: s.enum(ROLES),
    employeeId: s
      .id()
      .optional()
      .describe('The employee this login belongs to; without one the user sees no employee data'),
  })
  .named('RegisterRequest');
export type RegisterInput = Infer<typeof RegisterBody>;

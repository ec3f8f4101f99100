import { body, checkExact } from 'express-validator';
import { emailField, mongoIdField, newPasswordField } from '../../lib/validators';
import { ROLES } from './roles';

const exact = { locations: ['body' as const], message: 'Unknown field' };
const opaqueToken = (name: string) =>
  body(name)
    .isString()
    .withMessage('must be a string')
    .bail()
    .isLength({ min: 20, max: 200 })
    .withMessage('is malformed');
const anyPassword = (name: string) =>
  body(name)
    .isString()
    .withMessage('must be a string')
    .bail()
    .isLength({ min: 1, max: 1024 })
    .withMessage('is required');

export const loginRules = [checkExact([emailField(body, 'email'), anyPassword('password')], exact)];
export const refreshRules = [checkExact([opaqueToken('refreshToken')], exact)];
export const logoutRules = refreshRules;
export const changePasswordRules = [
  checkExact(
    [
      anyPassword('currentPassword'),
      newPasswordField('newPassword')
        .custom(
          (value: string, { req }) => value !== (req.body as { currentPassword?: unknown }).currentPassword,
        )
        .withMessage('must differ from the current password'),
    ],
    exact,
  ),
];
export const forgotPasswordRules = [checkExact([emailField(body, 'email')], exact)];
export const resetPasswordRules = [
  checkExact([opaqueToken('token'), newPasswordField('newPassword')], exact),
];
export const registerRules = [
  checkExact(
    [
      emailField(body, 'email'),
      newPasswordField('password'),
      body('role')
        .isIn(ROLES)
        .withMessage(`must be one of ${ROLES.join(', ')}`),
      mongoIdField(body, 'employeeId').optional(),
    ],
    exact,
  ),
];

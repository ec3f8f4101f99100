import type { SchemaObject } from '../../http/openapi/types';

const user = {
  type: 'object',
  required: ['id', 'email', 'role', 'employeeId'],
  properties: {
    id: { type: 'string' },
    email: { type: 'string', format: 'email' },
    role: { type: 'string', enum: ['admin', 'manager', 'employee'] },
    employeeId: { type: ['string', 'null'] },
    status: { type: 'string', enum: ['active', 'disabled'] },
    lastLoginAt: { type: ['string', 'null'], format: 'date-time' },
    createdAt: { type: 'string', format: 'date-time' },
  },
};

// Request fields documented as the validators check them (auth.validators.ts, lib/validators.ts).
const INPUT_EMAIL = {
  type: 'string',
  format: 'email',
  maxLength: 254,
  pattern:
    '^[A-Za-z0-9_%+-]+(\\.[A-Za-z0-9_%+-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,}$',
};
const OPAQUE_TOKEN = { type: 'string', minLength: 20, maxLength: 200 };
const NEW_PASSWORD = { type: 'string', minLength: 10, maxLength: 72, description: 'At most 72 bytes' };
export const AUTH_SCHEMAS: Record<string, SchemaObject> = {
  User: user,
  Me: {
    ...user,
    properties: {
      ...user.properties,
      employee: { oneOf: [{ $ref: '#/components/schemas/Employee' }, { type: 'null' }] },
    },
  },
  AuthSession: {
    type: 'object',
    required: ['accessToken', 'refreshToken', 'user'],
    properties: {
      tokenType: { type: 'string', enum: ['Bearer'] },
      accessToken: { type: 'string', description: 'JWT (HS256); send as `Authorization: Bearer ...`' },
      expiresIn: { type: 'integer', description: 'Access token lifetime in seconds' },
      refreshToken: { type: 'string', description: 'Opaque, single use: each refresh returns a new one' },
      refreshTokenExpiresAt: { type: 'string', format: 'date-time' },
      user: { $ref: '#/components/schemas/User' },
    },
  },
  LoginRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['email', 'password'],
    properties: { email: INPUT_EMAIL, password: { type: 'string', minLength: 1, maxLength: 1024 } },
  },
  RefreshRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['refreshToken'],
    properties: { refreshToken: OPAQUE_TOKEN },
  },
  ChangePasswordRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['currentPassword', 'newPassword'],
    properties: { currentPassword: { type: 'string' }, newPassword: { type: 'string', minLength: 10 } },
  },
  ForgotPasswordRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['email'],
    properties: { email: INPUT_EMAIL },
  },
  ResetPasswordRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['token', 'newPassword'],
    properties: { token: OPAQUE_TOKEN, newPassword: NEW_PASSWORD },
  },
  RegisterRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['email', 'password', 'role'],
    properties: {
      email: INPUT_EMAIL,
      password: NEW_PASSWORD,
      role: { type: 'string', enum: ['admin', 'manager', 'employee'] },
      employeeId: {
        type: 'string',
        description: 'The employee this login belongs to; without one the user sees no employee data',
      },
    },
  },
};

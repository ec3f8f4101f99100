import type { SchemaObject } from '../../docs/types';

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
    properties: { email: { type: 'string', format: 'email' }, password: { type: 'string' } },
  },
  RefreshRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['refreshToken'],
    properties: { refreshToken: { type: 'string' } },
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
    properties: { email: { type: 'string', format: 'email' } },
  },
  ResetPasswordRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['token', 'newPassword'],
    properties: { token: { type: 'string' }, newPassword: { type: 'string', minLength: 10 } },
  },
  RegisterRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['email', 'password', 'role'],
    properties: {
      email: { type: 'string', format: 'email' },
      password: { type: 'string', minLength: 10 },
      role: { type: 'string', enum: ['admin', 'manager', 'employee'] },
      employeeId: {
        type: 'string',
        description: 'The employee this login belongs to; without one the user sees no employee data',
      },
    },
  },
};

import { s } from '../../http/shape/builders';
import { PAGE_QUERY, pageOf } from '../../http/shape/common';
import type { Infer } from '../../http/shape/field';
import { ROLES } from './roles';

/** User administration and invitation shapes, declared once: request checks, document and types. */

export const UserListQuery = s.object({
  ...PAGE_QUERY,
  role: s.enum(ROLES).optional(),
  active: s.boolean().optional().describe('true: logins that can sign in; false: disabled ones'),
  q: s.text({ max: 100 }).optional().describe('Part of the email address'),
});
export type UserFilters = Omit<Infer<typeof UserListQuery>, 'page' | 'limit'>;

export const UserUpdateBody = s
  .object({
    role: s.enum(ROLES).optional(),
    active: s.boolean().optional().describe('false disables the login and ends its sessions at once'),
  })
  .nonEmpty()
  .named('UserUpdate');
export type UserUpdate = Infer<typeof UserUpdateBody>;

export const UserAccountShape = s
  .object({
    id: s.id(),
    email: s.str().example('ada@example.com'),
    role: s.enum(ROLES),
    employeeId: s.id().nullable(),
    active: s.boolean(),
    status: s.enum(['active', 'disabled'] as const),
    lastLoginAt: s.dateTime().nullable(),
    createdAt: s.dateTime(),
  })
  .named('UserAccount');
export type UserAccountDto = Infer<typeof UserAccountShape>;
export const UserAccountPage = pageOf(UserAccountShape);

export const AcceptedShape = s
  .object({ message: s.str() })
  .example({ message: 'A password reset link has been emailed to ada@example.com.' });

export const InvitationCreateBody = s
  .object({
    email: s.email(),
    role: s.enum(ROLES),
    employeeId: s.id().optional().describe('The employee this login will belong to'),
  })
  .named('InvitationCreate');
export type InvitationInput = Infer<typeof InvitationCreateBody>;

export const InvitationShape = s
  .object({
    id: s.id(),
    email: s.str(),
    role: s.enum(ROLES),
    employeeId: s.id().nullable(),
    status: s.enum(['pending', 'accepted', 'expired'] as const),
    expiresAt: s.dateTime(),
    invitedBy: s.str().nullable(),
    acceptedAt: s.dateTime().nullable(),
    createdAt: s.dateTime(),
  })
  .named('Invitation');
export type InvitationDto = Infer<typeof InvitationShape>;

export const AcceptInvitationBody = s
  .object({
    token: s.string({ min: 20, max: 200 }).describe('From the invitation email'),
    password: s
      .string({ min: 10, max: 72, hint: 'must be 10 to 72 characters' })
      .describe('The password you choose (10 to 72 characters, at most 72 bytes)'),
  })
  .named('AcceptInvitation');
export type AcceptInvitationInput = Infer<typeof AcceptInvitationBody>;

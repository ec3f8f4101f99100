export const ROLES = ['admin', 'manager', 'employee'] as const;
export type Role = (typeof ROLES)[number];

export const ANY_ROLE: readonly Role[] = ROLES;
export const ADMIN_ONLY: readonly Role[] = ['admin'];
export const ADMIN_OR_MANAGER: readonly Role[] = ['admin', 'manager'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

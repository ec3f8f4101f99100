// Roles are shared with the router (src/http), which may not import modules: they live in lib.
export { ROLES, ANY_ROLE, ADMIN_ONLY, ADMIN_OR_MANAGER, isRole } from '../../lib/roles';
export type { Role } from '../../lib/roles';

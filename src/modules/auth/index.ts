import { onDomainEvent } from '../../lib/domain-events';
import { anonymiseUserOfEmployee, disableUserOfEmployee, enableUserOfEmployee } from './users.service';

export { authRoutes } from './auth.routes';
export { accessTokenVerifier } from './access-token-verifier';
export { userRoutes } from './users.routes';
export { AUTH_SCHEMAS } from './auth.openapi';
export {
  bootstrapAdmin,
  createUser,
  findActiveUser,
  findAdminContacts,
  findContactOfEmployee,
  findPublicUserOfEmployee,
  findUserByEmail,
} from './users.service';
export type { UserContact } from './users.service';
export type { PublicUser } from './users.service';
export { ROLES, ADMIN_ONLY, ADMIN_OR_MANAGER, ANY_ROLE } from './roles';
export { generateOpaqueToken, hashOpaqueToken } from './tokens';
export type { Role } from './roles';

// A deactivated employee can no longer sign in; reactivation restores the login.
onDomainEvent('employee.deactivated', ({ employeeId }) => disableUserOfEmployee(employeeId));
onDomainEvent('employee.reactivated', ({ employeeId }) => enableUserOfEmployee(employeeId));
onDomainEvent('employee.anonymised', ({ employeeId }) => anonymiseUserOfEmployee(employeeId));

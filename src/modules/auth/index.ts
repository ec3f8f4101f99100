export { authRoutes } from './auth.routes';
export { subscribeAuthToEvents } from './auth.subscribers';
export { accessTokenVerifier } from './access-token-verifier';
export { userRoutes } from './users.routes';
export { UserShape } from './auth.schemas';
export {
  bootstrapAdmin,
  createUser,
  findActiveUser,
  findAdminContacts,
  findContactOfEmployee,
  findContactsOfUsers,
  findPublicUserOfEmployee,
  findUserByEmail,
} from './users.service';
export type { UserContact } from './users.service';
export type { PublicUser } from './users.service';
export { ROLES, ADMIN_ONLY, ADMIN_OR_MANAGER, ANY_ROLE } from './roles';
export { generateOpaqueToken, hashOpaqueToken } from './tokens';
export type { Role } from './roles';

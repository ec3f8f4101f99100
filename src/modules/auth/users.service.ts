import { randomUUID } from 'node:crypto';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import bcrypt from 'bcrypt';
import mongoose, { Types } from 'mongoose';
import { getConfig } from '../../config';
import { NotFoundError } from '../../lib/errors';
import { assertStrongPassword } from '../../lib/password-strength';
import { recordAudit } from '../audit';
import type { CachedActiveUser } from './active-user-cache';
import { cacheGeneration, forgetActiveUser, recallActiveUser, rememberActiveUser } from './active-user-cache';
import type { Role } from './roles';
import { RefreshToken } from './refresh-token.model';
import type { UserRecord, USER_STATUSES } from './user.model';
import { User } from './user.model';

export interface PublicUser {
  id: string;
  email: string;
  role: Role;
  employeeId: string | null;
  status: (typeof USER_STATUSES)[number];
  lastLoginAt: string | null;
  createdAt: string;
}

type StoredUser = UserRecord & { _id: Types.ObjectId; createdAt?: Date };

export function toPublicUser(user: StoredUser): PublicUser {
  return {
    id: user._id.toHexString(),
    email: user.email,
    role: user.role,
    employeeId: user.employeeId ? user.employeeId.toHexString() : null,
    status: user.status,
    lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
    createdAt: (user.createdAt ?? new Date(0)).toISOString(),
  };
}

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, getConfig().BCRYPT_COST);
}

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  employeeId?: string | undefined;
}

/** Creates a login. Duplicate email or employee link surfaces as 409 through the unique indexes. */
export async function createUser(input: NewUser): Promise<PublicUser> {
  assertStrongPassword(input.password, 'password', [input.email]);
  const user = await User.create({
    email: input.email,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    ...(input.employeeId ? { employeeId: new Types.ObjectId(input.employeeId) } : {}),
  });
  const created = toPublicUser(user.toObject());
  await recordAudit({ action: 'user.create', entityType: 'User', entityId: created.id, after: created });
  return created;
}

export async function getPublicUser(userId: string): Promise<PublicUser> {
  const user = Types.ObjectId.isValid(userId) ? await User.findById(userId).lean<StoredUser>() : null;
  if (!user) throw new NotFoundError('User not found');
  return toPublicUser(user);
}

/**
 * What the JWT strategy needs per request: is the account active, and is this token's session still
 * valid. Session versions only grow, so a remembered user with a newer version than the token's
 * proves the token revoked, and one with an older version is stale and read again.
 */
export async function findActiveUserForToken(
  userId: string,
  sessionVersion: number,
  sessionId?: string,
): Promise<Express.User | undefined> {
  if (!Types.ObjectId.isValid(userId)) return undefined;
  const remembered = recallActiveUser(userId);
  if (remembered && remembered.sessionVersion >= sessionVersion) {
    const valid = remembered.sessionVersion === sessionVersion && !endedIn(remembered, sessionId);
    return valid ? remembered.user : undefined;
  }
  const readAt = cacheGeneration();
  const user = await User.findById(userId, {
    email: 1,
    role: 1,
    employeeId: 1,
    status: 1,
    sessionVersion: 1,
    endedSessions: 1,
  }).lean<StoredUser>();
  if (!user || user.status !== 'active') return undefined;
  const now = Date.now();
  const ended = (user.endedSessions ?? []).filter((s) => s.sid && s.until && s.until.getTime() > now);
  const caller = {
    id: userId,
    email: user.email,
    role: user.role,
    employeeId: user.employeeId?.toHexString(),
  };
  const entry = {
    user: caller,
    sessionVersion: user.sessionVersion,
    endedSessions: new Set(ended.map((s) => s.sid ?? '')),
  };
  rememberActiveUser(userId, entry, readAt);
  return user.sessionVersion === sessionVersion && !endedIn(entry, sessionId) ? caller : undefined;
}

function endedIn(entry: CachedActiveUser, sessionId: string | undefined): boolean {
  return sessionId !== undefined && entry.endedSessions.has(sessionId);
}

/** The user linked to an employee, if any (managers' scope starts from their employee record). */
export async function findUserIdByEmployee(employeeId: string): Promise<string | undefined> {
  const user = await User.findOne(
    { employeeId: new Types.ObjectId(employeeId) },
    { _id: 1 },
  ).lean<StoredUser>();
  return user?._id.toHexString();
}

/** Ends every session of a user: refresh tokens revoked, outstanding access tokens voided. */
export async function revokeAllSessions(userId: Types.ObjectId | string, reason: string): Promise<void> {
  const id = new Types.ObjectId(String(userId));
  await RefreshToken.updateMany(
    { userId: id, status: 'active' },
    { $set: { status: 'revoked', revokedAt: new Date(), revokedReason: reason } },
  );
  await User.updateOne({ _id: id }, { $inc: { sessionVersion: 1 } });
  forgetActiveUser(id.toHexString());
}

/**
 * Ends one session (logout, refresh reuse): its access tokens stop working at once on this instance
 * and, on others, once their remembered user expires (AUTH_USER_CACHE_SECONDS). The entry is kept
 * until the last access token the session could have issued has expired; older entries are dropped
 * first. Two idempotent single-document updates, so a retry or a race leaves the same state.
 */
export async function endSession(userId: Types.ObjectId | string, sessionId: string): Promise<void> {
  const id = new Types.ObjectId(String(userId));
  const now = new Date();
  const until = new Date(now.getTime() + getConfig().JWT_ACCESS_TTL_SECONDS * 1000);
  await User.updateOne({ _id: id }, { $pull: { endedSessions: { until: mongoose.trusted({ $lte: now }) } } });
  await User.updateOne(
    { _id: id, 'endedSessions.sid': mongoose.trusted({ $ne: sessionId }) },
    { $push: { endedSessions: { sid: sessionId, until } } },
  );
  forgetActiveUser(id.toHexString());
}

/**
 * First admin from BOOTSTRAP_ADMIN_EMAIL/PASSWORD when the database has no admin yet. Safe to run
 * on every start and on several instances at once: the unique email index lets only one insert win.
 */
export async function bootstrapAdmin(email: string, password: string): Promise<'created' | 'exists'> {
  if (await User.exists({ role: 'admin' })) return 'exists';
  // The first admin's password comes from the environment: held to the same bar as any new password.
  assertStrongPassword(password, 'BOOTSTRAP_ADMIN_PASSWORD', [email]);
  try {
    await User.create({ email, passwordHash: await hashPassword(password), role: 'admin' });
  } catch (err) {
    if (isDuplicateKeyError(err)) return 'exists';
    throw err;
  }
  await recordAudit({
    action: 'user.bootstrap_admin',
    entityType: 'User',
    after: { email, role: 'admin' },
    actor: { kind: 'system', id: 'bootstrap' },
  });
  return 'created';
}

type UserStatus = 'active' | 'disabled';

/** Follows the employee's status: a deactivated employee cannot sign in, a reactivated one can again. */
async function setStatusOfEmployeeUser(employeeId: string, from: UserStatus, to: UserStatus): Promise<void> {
  const user = await User.findOneAndUpdate(
    { employeeId: new Types.ObjectId(employeeId), status: from },
    { $set: { status: to } },
  ).lean<StoredUser>();
  if (!user) return;
  if (to === 'disabled') await revokeAllSessions(user._id, 'employee_deactivated');
  await recordAudit({
    action: to === 'disabled' ? 'user.disable' : 'user.enable',
    entityType: 'User',
    entityId: user._id.toHexString(),
    before: { status: from },
    after: { status: to },
  });
}

export const disableUserOfEmployee = (employeeId: string) =>
  setStatusOfEmployeeUser(employeeId, 'active', 'disabled');
export const enableUserOfEmployee = (employeeId: string) =>
  setStatusOfEmployeeUser(employeeId, 'disabled', 'active');

export async function findUserByEmail(email: string): Promise<string | undefined> {
  const user = await User.findOne({ email: email.trim().toLowerCase() }, { _id: 1 }).lean<StoredUser>();
  return user?._id.toHexString();
}

export interface UserContact {
  id: string;
  email: string;
}

/** The active login of an employee, for notifications. */
export async function findContactOfEmployee(employeeId: string): Promise<UserContact | undefined> {
  const user = await User.findOne(
    { employeeId: new Types.ObjectId(employeeId), status: 'active' },
    { email: 1 },
  ).lean<StoredUser>();
  return user ? { id: user._id.toHexString(), email: user.email } : undefined;
}

/** The active logins among these user ids (delegates hear what the managers they stand in for hear). */
export async function findContactsOfUsers(userIds: string[]): Promise<UserContact[]> {
  const ids = userIds.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
  if (ids.length === 0) return [];
  const users = await User.find({ _id: mongoose.trusted({ $in: ids }), status: 'active' }, { email: 1 }).lean<
    StoredUser[]
  >();
  return users.map((u) => ({ id: u._id.toHexString(), email: u.email }));
}

/** Active admins, who decide when an employee has no manager with a login. */
export async function findAdminContacts(): Promise<UserContact[]> {
  const admins = await User.find({ role: 'admin', status: 'active' }, { email: 1 }).lean<StoredUser[]>();
  return admins.map((u) => ({ id: u._id.toHexString(), email: u.email }));
}

/** An active user's role and employee, for things a user owns outside a request (calendar feeds). */
export async function findActiveUser(
  userId: string,
): Promise<{ id: string; role: Role; employeeId?: string } | undefined> {
  if (!Types.ObjectId.isValid(userId)) return undefined;
  const user = await User.findOne(
    { _id: new Types.ObjectId(userId), status: 'active' },
    { role: 1, employeeId: 1 },
  ).lean<StoredUser>();
  if (!user) return undefined;
  return {
    id: userId,
    role: user.role,
    ...(user.employeeId ? { employeeId: user.employeeId.toHexString() } : {}),
  };
}

export async function findPublicUserOfEmployee(employeeId: string): Promise<PublicUser | undefined> {
  const user = await User.findOne({ employeeId: new Types.ObjectId(employeeId) }).lean<StoredUser>();
  return user ? toPublicUser(user) : undefined;
}

/** On anonymisation: the login loses its email and password for good and every session ends. */
export async function anonymiseUserOfEmployee(employeeId: string): Promise<void> {
  const user = await User.findOne(
    { employeeId: new Types.ObjectId(employeeId) },
    { _id: 1 },
  ).lean<StoredUser>();
  if (!user) return;
  const tag = user._id.toHexString().slice(-8);
  await User.updateOne(
    { _id: user._id },
    {
      $set: {
        email: `anonymised-${tag}@invalid.invalid`,
        status: 'disabled',
        passwordHash: await hashPassword(randomUUID()),
      },
    },
  );
  await revokeAllSessions(user._id, 'anonymised');
}

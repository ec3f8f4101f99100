import type { Types } from 'mongoose';
import mongoose from 'mongoose';
import { findLeanById } from '../../db/find-by-id';
import { withLock } from '../../db/locks';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { escapeRegex } from '../../lib/escape-regex';
import type { Page, PageRequest } from '../../lib/pagination';
import { skipFor } from '../../lib/pagination';
import { recordAudit, recordThenAnnounce } from '../audit';
import { findEmployeeProfile } from '../employees';
import { forgetActiveUser } from './active-user-cache';
import { PasswordResetToken } from './password-reset-token.model';
import { PASSWORD_RESET_TTL_MINUTES } from './password-reset.service';
import { generateOpaqueToken, hashOpaqueToken } from './tokens';
import type { UserRecord } from './user.model';
import { User } from './user.model';
import type { UserAccountDto, UserFilters, UserUpdate } from './users.schemas';
import { revokeAllSessions } from './users.service';

type StoredUser = UserRecord & { _id: Types.ObjectId; createdAt?: Date };

/**
 * Admin work on logins: list, change a role, disable or enable, send a reset link. Nobody may take
 * away the last active admin: every change that would remove an active admin runs under one named
 * lock (a unique document, see db/locks.ts) and counts the other active admins first, so two such
 * changes at once cannot both see "another admin remains" and leave none.
 */
const ACTIVE_ADMINS_LOCK = 'users:active-admins';

export function toUserAccount(u: StoredUser): UserAccountDto {
  return {
    id: u._id.toHexString(),
    email: u.email,
    role: u.role,
    employeeId: u.employeeId?.toHexString() ?? null,
    active: u.status === 'active',
    status: u.status,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: (u.createdAt ?? new Date(0)).toISOString(),
  };
}

async function findUser(id: string): Promise<StoredUser> {
  const user = await findLeanById<StoredUser>(User, id);
  if (!user) throw new NotFoundError('User not found');
  return user;
}

export async function listUsers(filters: UserFilters, page: PageRequest): Promise<Page<UserAccountDto>> {
  const filter: Record<string, unknown> = {};
  if (filters.role) filter.role = filters.role;
  if (filters.active !== undefined) filter.status = filters.active ? 'active' : 'disabled';
  if (filters.q) filter.email = mongoose.trusted({ $regex: escapeRegex(filters.q.toLowerCase()) });
  const [rows, total] = await Promise.all([
    User.find(filter).sort({ email: 1 }).skip(skipFor(page)).limit(page.limit).lean<StoredUser[]>(),
    User.countDocuments(filter),
  ]);
  return { data: rows.map(toUserAccount), total, ...page };
}

export async function getUserAccount(id: string): Promise<UserAccountDto> {
  return toUserAccount(await findUser(id));
}

function removesAnActiveAdmin(user: StoredUser, input: UserUpdate): boolean {
  if (user.role !== 'admin' || user.status !== 'active') return false;
  return (input.role !== undefined && input.role !== 'admin') || input.active === false;
}

async function assertAnotherActiveAdmin(user: StoredUser): Promise<void> {
  const others = await User.countDocuments({
    role: 'admin',
    status: 'active',
    _id: mongoose.trusted({ $ne: user._id }),
  });
  if (others === 0) {
    throw new ConflictError(`${user.email} is the last active admin; make another user an admin first`, {
      errors: [{ field: user.role === 'admin' ? 'role' : 'active', message: 'would leave no active admin' }],
    });
  }
}

/** A login follows its employee: it cannot be enabled while the employee record is deactivated. */
async function assertEmployeeActive(user: StoredUser): Promise<void> {
  const employee = await findEmployeeProfile(user.employeeId?.toHexString());
  if (employee && employee.status !== 'active') {
    throw new ConflictError('The employee of this login is deactivated; reactivate the employee instead', {
      errors: [{ field: 'active', message: 'the employee is deactivated' }],
    });
  }
}

/** The write, conditional on the user being as we read them: a change made meanwhile is a 409. */
async function applyUserUpdate(before: StoredUser, input: UserUpdate): Promise<StoredUser> {
  const $set: Record<string, unknown> = {};
  if (input.role !== undefined) $set.role = input.role;
  if (input.active !== undefined) $set.status = input.active ? 'active' : 'disabled';
  const updated = await User.findOneAndUpdate(
    { _id: before._id, role: before.role, status: before.status },
    { $set },
    { returnDocument: 'after' },
  ).lean<StoredUser>();
  if (!updated) throw new ConflictError('The user was changed meanwhile; read it again and retry');
  return updated;
}

export async function updateUser(id: string, input: UserUpdate): Promise<UserAccountDto> {
  const before = await findUser(id);
  if (input.active === true && before.status !== 'active') await assertEmployeeActive(before);
  const updated = removesAnActiveAdmin(before, input)
    ? await withLock(ACTIVE_ADMINS_LOCK, async () => {
        await assertAnotherActiveAdmin(before);
        return applyUserUpdate(before, input);
      })
    : await applyUserUpdate(before, input);
  if (updated.status === 'disabled' && before.status === 'active') {
    await revokeAllSessions(updated._id, 'disabled_by_admin');
  } else if (updated.role !== before.role) {
    // The role is read from the user on each request: forgetting it here applies it at once.
    forgetActiveUser(id);
  }
  const after = toUserAccount(updated);
  await recordAudit({
    action: 'user.update',
    entityType: 'User',
    entityId: id,
    before: toUserAccount(before),
    after,
  });
  return after;
}

/**
 * Emails an active user a single-use reset link (the same token `POST /auth/reset-password` takes),
 * through the email outbox. The current password keeps working until the link is used.
 */
export async function sendPasswordResetLink(id: string): Promise<{ email: string }> {
  const user = await findUser(id);
  if (user.status !== 'active') {
    throw new ConflictError('The login is disabled; enable it before sending a reset link');
  }
  const token = generateOpaqueToken();
  const expiresAt = new Date(Date.now() + PASSWORD_RESET_TTL_MINUTES * 60 * 1000);
  await PasswordResetToken.create({ tokenHash: hashOpaqueToken(token), userId: user._id, expiresAt });
  await recordThenAnnounce({ action: 'user.password_reset_sent', entityType: 'User', entityId: id }, [
    'user.password_reset_issued',
    { userId: id, email: user.email, token, expiresAt: expiresAt.toISOString() },
  ]);
  return { email: user.email };
}

import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import bcrypt from 'bcrypt';
import type { Types } from 'mongoose';
import { getConfig } from '../../config';
import { BusinessRuleError, UnauthorizedError } from '../../lib/errors';
import { assertStrongPassword } from '../../lib/password-strength';
import { recordAudit } from '../audit';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from './login-throttle';
import { RefreshToken } from './refresh-token.model';
import { generateOpaqueToken, hashOpaqueToken, signAccessToken } from './tokens';
import type { UserRecord } from './user.model';
import { User } from './user.model';
import type { PublicUser } from './users.service';
import { endSession, hashPassword, revokeAllSessions, toPublicUser } from './users.service';

export interface AuthSession {
  tokenType: 'Bearer';
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  user: PublicUser;
}

type StoredUser = UserRecord & { _id: Types.ObjectId; createdAt?: Date };

const INVALID_CREDENTIALS = 'Invalid email or password';

let dummyHash: Promise<string> | undefined;
/** Compared against when the email is unknown, so both failures cost one bcrypt comparison. */
function getDummyHash(): Promise<string> {
  dummyHash ??= bcrypt.hash('no-such-user-timing-equaliser', getConfig().BCRYPT_COST);
  return dummyHash;
}

export async function login(email: string, password: string, ip: string): Promise<AuthSession> {
  await assertLoginAllowed(email, ip);
  const user = await User.findOne({ email: email.trim().toLowerCase() })
    .select('+passwordHash')
    .lean<StoredUser>();
  const matches = await bcrypt.compare(password, user?.passwordHash ?? (await getDummyHash()));
  if (!user || !matches || user.status !== 'active') {
    await onLoginFailure(email, ip, user);
    throw new UnauthorizedError(INVALID_CREDENTIALS);
  }
  await clearLoginFailures(email);
  const now = new Date();
  await User.updateOne(
    { _id: user._id },
    { $set: { lastLoginAt: now, failedLoginCount: 0 }, $unset: { lockUntil: 1 } },
  );
  const userId = user._id.toHexString();
  await recordAudit({
    action: 'auth.login',
    entityType: 'User',
    entityId: userId,
    actor: { kind: 'user', id: userId, role: user.role },
  });
  return issueSession({ ...user, lastLoginAt: now }, randomUUID());
}

async function onLoginFailure(email: string, ip: string, user: StoredUser | null): Promise<void> {
  const failures = await recordLoginFailure(email, ip);
  const { LOGIN_MAX_FAILURES_PER_ACCOUNT, LOGIN_FAILURE_WINDOW_SECONDS } = getConfig();
  if (user) {
    const locked = failures >= LOGIN_MAX_FAILURES_PER_ACCOUNT;
    await User.updateOne(
      { _id: user._id },
      {
        $set: {
          failedLoginCount: failures,
          ...(locked ? { lockUntil: new Date(Date.now() + LOGIN_FAILURE_WINDOW_SECONDS * 1000) } : {}),
        },
      },
    );
  }
  await recordAudit({
    action: 'auth.login_failed',
    entityType: 'User',
    entityId: user?._id.toHexString(),
    metadata: { email: email.trim().toLowerCase(), failuresInWindow: failures },
  });
}

async function issueSession(user: StoredUser, familyId: string): Promise<AuthSession> {
  const { REFRESH_TOKEN_TTL_DAYS } = getConfig();
  const refreshToken = generateOpaqueToken();
  const expiresAt = new Date(Date.now() + REFRESH_TOKEN_TTL_DAYS * 24 * 60 * 60 * 1000);
  await RefreshToken.create({
    tokenHash: hashOpaqueToken(refreshToken),
    userId: user._id,
    familyId,
    expiresAt,
  });
  // The session id is the refresh token family: it stays the same across rotations, and logout ends it.
  const access = signAccessToken(
    { id: user._id.toHexString(), role: user.role, sessionVersion: user.sessionVersion },
    familyId,
  );
  return {
    tokenType: 'Bearer',
    accessToken: access.token,
    expiresIn: access.expiresIn,
    refreshToken,
    refreshTokenExpiresAt: expiresAt.toISOString(),
    user: toPublicUser(user),
  };
}

/**
 * Rotates a refresh token. The conditional update lets exactly one of several concurrent
 * refreshes win; presenting an already rotated token revokes its whole family.
 */
export async function refreshSession(refreshToken: string): Promise<AuthSession> {
  const tokenHash = hashOpaqueToken(refreshToken);
  const now = new Date();
  const current = await RefreshToken.findOneAndUpdate(
    { tokenHash, status: 'active', expiresAt: mongoose.trusted({ $gt: now }) },
    { $set: { status: 'rotated', rotatedAt: now } },
  );
  if (!current) {
    await revokeFamilyOnReuse(tokenHash);
    throw new UnauthorizedError('Invalid or expired refresh token');
  }
  const user = await User.findById(current.userId).lean<StoredUser>();
  if (!user || user.status !== 'active') throw new UnauthorizedError('Invalid or expired refresh token');
  return issueSession(user, current.familyId);
}

async function revokeFamilyOnReuse(tokenHash: string): Promise<void> {
  const presented = await RefreshToken.findOne({ tokenHash }).lean();
  if (!presented || presented.status !== 'rotated') return;
  await RefreshToken.updateMany(
    { familyId: presented.familyId, status: mongoose.trusted({ $ne: 'revoked' }) },
    { $set: { status: 'revoked', revokedAt: new Date(), revokedReason: 'reuse_detected' } },
  );
  await endSession(presented.userId, presented.familyId);
  await recordAudit({
    action: 'auth.refresh_reuse_detected',
    entityType: 'User',
    entityId: presented.userId.toHexString(),
    metadata: { familyId: presented.familyId },
  });
}

/**
 * Ends the session the refresh token belongs to: its refresh tokens and, at once, its access tokens.
 * Unknown tokens are ignored: logout is idempotent.
 */
export async function logout(refreshToken: string): Promise<void> {
  const presented = await RefreshToken.findOne({ tokenHash: hashOpaqueToken(refreshToken) }).lean();
  if (!presented) return;
  const result = await RefreshToken.updateMany(
    { familyId: presented.familyId, status: mongoose.trusted({ $ne: 'revoked' }) },
    { $set: { status: 'revoked', revokedAt: new Date(), revokedReason: 'logout' } },
  );
  await endSession(presented.userId, presented.familyId);
  if (result.modifiedCount > 0) {
    await recordAudit({
      action: 'auth.logout',
      entityType: 'User',
      entityId: presented.userId.toHexString(),
    });
  }
}

/**
 * Guesses of the current password count like failed sign-ins (the same per-account and per-IP
 * budgets), so a stolen access token cannot be used to find the password by trying.
 */
export async function changePassword(
  userId: string,
  currentPassword: string,
  newPassword: string,
  ip: string,
): Promise<void> {
  const user = await User.findById(userId).select('+passwordHash').lean<StoredUser>();
  if (!user) throw new UnauthorizedError();
  await assertLoginAllowed(user.email, ip);
  if (!(await bcrypt.compare(currentPassword, user.passwordHash))) {
    await recordLoginFailure(user.email, ip);
    throw new BusinessRuleError('The current password is incorrect', {
      errors: [{ field: 'currentPassword', message: 'is incorrect' }],
    });
  }
  if (newPassword === currentPassword) {
    throw new BusinessRuleError('The new password is the current one', {
      errors: [{ field: 'newPassword', message: 'must differ from the current password' }],
    });
  }
  await clearLoginFailures(user.email);
  assertStrongPassword(newPassword, 'newPassword', [user.email]);
  await setPassword(user._id, newPassword, 'password_changed');
  await recordAudit({
    action: 'auth.password_change',
    entityType: 'User',
    entityId: userId,
    before: { passwordHash: user.passwordHash },
    after: { passwordHash: 'changed' },
  });
}

/** Stores a new hash and ends every existing session of the user. */
export async function setPassword(
  userId: Types.ObjectId,
  newPassword: string,
  reason: string,
): Promise<void> {
  await User.updateOne(
    { _id: userId },
    {
      $set: {
        passwordHash: await hashPassword(newPassword),
        passwordChangedAt: new Date(),
        failedLoginCount: 0,
      },
      $unset: { lockUntil: 1 },
    },
  );
  await revokeAllSessions(userId, reason);
}

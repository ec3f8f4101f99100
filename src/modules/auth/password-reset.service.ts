import mongoose from 'mongoose';
import { BusinessRuleError } from '../../lib/errors';
import { assertStrongPassword } from '../../lib/password-strength';
import { recordAudit, recordThenAnnounce } from '../audit';
import { setPassword } from './auth.service';
import { PasswordResetToken } from './password-reset-token.model';
import { generateOpaqueToken, hashOpaqueToken } from './tokens';
import { User } from './user.model';

export const PASSWORD_RESET_TTL_MINUTES = 30;

/**
 * Creates a single-use reset token for an active user and hands the link to the outbox (through the
 * `user.password_reset_requested` event; the token goes only into the email). Runs after the answer
 * has gone out (see the controller), so neither the answer nor its timing tells whether the address
 * exists.
 */
export async function requestPasswordReset(email: string): Promise<void> {
  const user = await User.findOne(
    { email: email.trim().toLowerCase(), status: 'active' },
    { email: 1 },
  ).lean();
  if (!user) return;
  const token = generateOpaqueToken();
  const expiresAt = new Date(Date.now() + PASSWORD_RESET_TTL_MINUTES * 60 * 1000);
  await PasswordResetToken.create({ tokenHash: hashOpaqueToken(token), userId: user._id, expiresAt });
  await recordThenAnnounce(
    { action: 'auth.password_reset_requested', entityType: 'User', entityId: user._id.toHexString() },
    [
      'user.password_reset_requested',
      { userId: user._id.toHexString(), email: user.email, token, expiresAt: expiresAt.toISOString() },
    ],
  );
}

/** Consumes the token (once, even under concurrent calls) and sets the new password. */
export async function resetPassword(token: string, newPassword: string): Promise<void> {
  // Before the token is spent, so a weak choice can be corrected with the same link.
  assertStrongPassword(newPassword, 'newPassword');
  const now = new Date();
  const used = await PasswordResetToken.findOneAndUpdate(
    {
      tokenHash: hashOpaqueToken(token),
      usedAt: mongoose.trusted({ $exists: false }),
      expiresAt: mongoose.trusted({ $gt: now }),
    },
    { $set: { usedAt: now } },
  );
  if (!used)
    throw new BusinessRuleError('The reset link is invalid, used or expired', {
      errors: [{ field: 'token', message: 'is invalid, used or expired' }],
    });
  await setPassword(used.userId, newPassword, 'password_reset');
  await recordAudit({
    action: 'auth.password_reset',
    entityType: 'User',
    entityId: used.userId.toHexString(),
    actor: { kind: 'user', id: used.userId.toHexString() },
  });
}

import mongoose from 'mongoose';
import { getConfig } from '../../config';
import { ValidationError } from '../../lib/errors';
import { logger } from '../../lib/logger';
import { sendMail } from '../../lib/mailer';
import { recordAudit } from '../audit';
import { setPassword } from './auth.service';
import { PasswordResetToken } from './password-reset-token.model';
import { generateOpaqueToken, hashOpaqueToken } from './tokens';
import { User } from './user.model';

export const PASSWORD_RESET_TTL_MINUTES = 30;

/**
 * Emails a single-use reset link when the address belongs to an active user. The caller always
 * gets the same answer, and the mail is sent after the response, so neither the body nor the
 * timing tells whether the address exists.
 */
export async function requestPasswordReset(email: string): Promise<void> {
  const user = await User.findOne(
    { email: email.trim().toLowerCase(), status: 'active' },
    { email: 1 },
  ).lean();
  if (!user) return;
  const token = generateOpaqueToken();
  await PasswordResetToken.create({
    tokenHash: hashOpaqueToken(token),
    userId: user._id,
    expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MINUTES * 60 * 1000),
  });
  await recordAudit({
    action: 'auth.password_reset_requested',
    entityType: 'User',
    entityId: user._id.toHexString(),
  });
  void sendMail(resetMessage(user.email, token)).catch((err: unknown) => {
    logger.error('Password reset email could not be sent', {
      error: err instanceof Error ? err.message : String(err),
    });
  });
}

function resetMessage(to: string, token: string) {
  const { PASSWORD_RESET_URL, PUBLIC_BASE_URL } = getConfig();
  const base = PASSWORD_RESET_URL ?? `${PUBLIC_BASE_URL ?? 'http://localhost:3000'}/reset-password`;
  const link = `${base}?token=${encodeURIComponent(token)}`;
  const text = [
    'Someone asked to reset the password of your Attendance & Leave account.',
    '',
    `Open this link within ${PASSWORD_RESET_TTL_MINUTES} minutes to choose a new password:`,
    link,
    '',
    `If your app asks for a reset code, paste: ${token}`,
    '',
    'If you did not ask for this, ignore this email; your password stays as it is.',
  ].join('\n');
  return { to, subject: 'Reset your password', text };
}

/** Consumes the token (once, even under concurrent calls) and sets the new password. */
export async function resetPassword(token: string, newPassword: string): Promise<void> {
  const now = new Date();
  const used = await PasswordResetToken.findOneAndUpdate(
    {
      tokenHash: hashOpaqueToken(token),
      usedAt: mongoose.trusted({ $exists: false }),
      expiresAt: mongoose.trusted({ $gt: now }),
    },
    { $set: { usedAt: now } },
  );
  if (!used) throw new ValidationError([{ field: 'token', message: 'is invalid, used or expired' }]);
  await setPassword(used.userId, newPassword, 'password_reset');
  await recordAudit({
    action: 'auth.password_reset',
    entityType: 'User',
    entityId: used.userId.toHexString(),
    actor: { kind: 'user', id: used.userId.toHexString() },
  });
}

import { getConfig } from '../../config';
import type { DomainEvents } from '../../lib/domain-events';
import { pumpOutboxSoon, queueEmails } from './outbox.service';

/** Emails that carry a single-use link for a login (invitation, admin-sent reset), through the outbox. */

function baseUrl(): string {
  return getConfig().PUBLIC_BASE_URL ?? 'http://localhost:3000';
}

function linkTo(page: string | undefined, fallbackPath: string, token: string): string {
  return `${page ?? `${baseUrl()}${fallbackPath}`}?token=${encodeURIComponent(token)}`;
}

function until(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

export async function queueInvitationEmail(event: DomainEvents['user.invited']): Promise<void> {
  const link = linkTo(getConfig().INVITATION_URL, '/accept-invitation', event.token);
  const text = [
    `You have been invited to the Attendance & Leave service as ${event.role}.`,
    '',
    `Open this link before ${until(event.expiresAt)} to choose your password and create your login:`,
    link,
    '',
    `If your app asks for an invitation code, paste: ${event.token}`,
    '',
    'The link works once. If you were not expecting this, ignore this email.',
  ].join('\n');
  // One email per invitation and link: a renewed invitation (new expiry) mails again.
  await queueEmails([
    {
      key: `invitation:${event.invitationId}:${event.expiresAt}`,
      to: event.email,
      subject: 'Your invitation',
      text,
    },
  ]);
  pumpOutboxSoon();
}

export async function queueSelfServicePasswordResetEmail(
  event: DomainEvents['user.password_reset_requested'],
): Promise<void> {
  const link = linkTo(getConfig().PASSWORD_RESET_URL, '/reset-password', event.token);
  const text = [
    'Someone asked to reset the password of your Attendance & Leave account.',
    '',
    `Open this link before ${until(event.expiresAt)} to choose a new password:`,
    link,
    '',
    `If your app asks for a reset code, paste: ${event.token}`,
    '',
    'If you did not ask for this, ignore this email; your password stays as it is.',
  ].join('\n');
  await queueEmails([
    {
      key: `password-reset:${event.userId}:${event.expiresAt}`,
      to: event.email,
      subject: 'Reset your password',
      text,
    },
  ]);
  pumpOutboxSoon();
}

export async function queueAdminPasswordResetEmail(
  event: DomainEvents['user.password_reset_issued'],
): Promise<void> {
  const link = linkTo(getConfig().PASSWORD_RESET_URL, '/reset-password', event.token);
  const text = [
    'An administrator has sent you a link to choose a new password for your Attendance & Leave login.',
    '',
    `Open it before ${until(event.expiresAt)}:`,
    link,
    '',
    `If your app asks for a reset code, paste: ${event.token}`,
    '',
    'Your current password keeps working until you use the link.',
  ].join('\n');
  await queueEmails([
    {
      key: `admin-password-reset:${event.userId}:${event.expiresAt}`,
      to: event.email,
      subject: 'Choose a new password',
      text,
    },
  ]);
  pumpOutboxSoon();
}

import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { getConfig } from '../config';
import { logger } from './logger';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** A fixed Message-ID (`<id@domain>`), so a resent message can be recognised as the same one. */
  messageId?: string;
  /**
   * An iCalendar invitation (RFC 5546): nodemailer adds it as a `text/calendar; method=...`
   * alternative and as an .ics attachment, the form Outlook, Google and Apple Calendar all accept.
   */
  icalEvent?: { method: string; filename: string; content: string };
}

let transport: Transporter | undefined;

function getTransport(): Transporter | undefined {
  const { SMTP_URL } = getConfig();
  if (!SMTP_URL) return undefined;
  transport ??= nodemailer.createTransport(SMTP_URL);
  return transport;
}

/**
 * Sends through SMTP_URL. Without one (local development) the message is logged instead,
 * so flows that email (password reset) stay usable; the body is not logged, it may hold a secret.
 */
export async function sendMail(message: MailMessage): Promise<void> {
  const smtp = getTransport();
  if (!smtp) {
    logger.warn(`SMTP_URL is not set; not sending "${message.subject}" to ${message.to}`);
    return;
  }
  await smtp.sendMail({ from: getConfig().MAIL_FROM, ...message });
}

/** Tests point the mailer at a fresh SMTP sink. */
export function resetMailTransport(): void {
  transport?.close();
  transport = undefined;
}

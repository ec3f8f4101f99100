import mongoose from 'mongoose';
import { insertIgnoringDuplicates } from '../../db/duplicate-key';
import { getConfig } from '../../config';
import { logger } from '../../lib/logger';
import { sendMail } from '../../lib/mailer';
import { OutboxEmail } from './outbox-email.model';

export const MAX_ATTEMPTS = 8;
const LEASE_MS = 5 * 60 * 1000;

/** 1, 2, 4 ... minutes, at most an hour, between attempts. */
export function backoffMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60 * 1000;
}

export interface QueuedEmail {
  key: string;
  to: string;
  subject: string;
  text: string;
}

/** Adds emails to the outbox; an email whose key is already there is skipped. */
export async function queueEmails(emails: QueuedEmail[]): Promise<void> {
  if (emails.length === 0) return;
  await insertIgnoringDuplicates(() => OutboxEmail.insertMany(emails, { ordered: false }));
}

/**
 * Sends the emails that are due, one claimed at a time: the claim pushes `nextAttemptAt` out by a
 * lease, so several instances pumping at once never send the same email twice concurrently.
 * A failure schedules the next attempt with backoff; after MAX_ATTEMPTS the email is marked failed.
 */
export async function processOutbox(limit = 50): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < limit; i++) {
    const claimedAt = new Date();
    const email = await OutboxEmail.findOneAndUpdate(
      { status: 'pending', nextAttemptAt: mongoose.trusted({ $lte: claimedAt }) },
      { $set: { nextAttemptAt: new Date(claimedAt.getTime() + LEASE_MS) }, $inc: { attempts: 1 } },
      { returnDocument: 'after', sort: { nextAttemptAt: 1 } },
    ).lean();
    if (!email) break;
    try {
      await sendMail({ to: email.to, subject: email.subject, text: email.text });
      await OutboxEmail.updateOne(
        { _id: email._id },
        { $set: { status: 'sent', sentAt: new Date() }, $unset: { lastError: 1 } },
      );
      sent++;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const gaveUp = email.attempts >= MAX_ATTEMPTS;
      await OutboxEmail.updateOne(
        { _id: email._id },
        {
          $set: {
            lastError: message,
            ...(gaveUp
              ? { status: 'failed' }
              : { nextAttemptAt: new Date(Date.now() + backoffMs(email.attempts)) }),
          },
        },
      );
      logger.warn(`Email "${email.subject}" to ${email.to} failed (attempt ${email.attempts})`, {
        error: message,
      });
      failed++;
    }
  }
  return { sent, failed };
}

/**
 * Sends soon after the request that queued the mail, without the request waiting for it. Only
 * instances that run jobs pump; tests call processOutbox themselves.
 */
export function pumpOutboxSoon(): void {
  if (!getConfig().JOBS_ENABLED) return;
  setImmediate(() => {
    processOutbox().catch((err: unknown) => logger.error('Outbox pump failed', { error: String(err) }));
  });
}

export function startOutboxPump(intervalMs = 30_000): () => void {
  const timer = setInterval(pumpOutboxSoon, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

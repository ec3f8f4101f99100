import { createHash } from 'node:crypto';
import { insertIgnoringDuplicates } from '../../db/duplicate-key';
import { takeLease } from '../../db/lease';
import { getConfig } from '../../config';
import { now } from '../../lib/clock';
import { logger } from '../../lib/logger';
import { sendMail } from '../../lib/mailer';
import { OutboxEmail } from './outbox-email.model';

export const MAX_ATTEMPTS = 8;

/** 1, 2, 4 ... minutes, at most an hour, between attempts. */
export function backoffMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60 * 1000;
}

export interface QueuedEmail {
  key: string;
  to: string;
  subject: string;
  text: string;
  /** An iCalendar invitation to send with it (METHOD:REQUEST or CANCEL). */
  calendar?: CalendarPart;
}

export interface CalendarPart {
  method: 'REQUEST' | 'CANCEL';
  filename: string;
  content: string;
}

/** Adds emails to the outbox; an email whose key is already there is skipped. */
export async function queueEmails(emails: QueuedEmail[]): Promise<void> {
  if (emails.length === 0) return;
  const at = now();
  await insertIgnoringDuplicates(
    emails.map((e) => ({ ...e, nextAttemptAt: at })),
    (chunk) => OutboxEmail.insertMany(chunk, { ordered: false }),
  );
}

/** The Message-ID of an outbox email: the same for every attempt, so a receiver can spot a resend. */
export function messageIdOf(key: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(getConfig().MAIL_FROM)?.[1] ?? 'localhost';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${domain}>`;
}

/**
 * Sends one due email under a lease. The lease (owner, leaseUntil) keeps other instances off it
 * while it is sent and is renewed while SMTP is slow; if this process dies mid-send, the lease
 * expires and another instance sends it (same Message-ID). Only the window between the SMTP
 * server's acceptance and the `sent` write can send twice; `sendCount` records it.
 * Returns undefined when nothing is due.
 */
async function sendNext(): Promise<'sent' | 'failed' | undefined> {
  const taken = await takeLease(
    OutboxEmail.collection,
    { status: 'pending', nextAttemptAt: { $lte: now() } },
    // LEASE_SECONDS: renewed while SMTP is slow, taken over after a crash.
    getConfig().LEASE_SECONDS * 1000,
    { sort: { nextAttemptAt: 1 }, inc: { attempts: 1 } },
  );
  if (!taken) return undefined;
  const { lease, doc } = taken;
  const email = doc as unknown as {
    key: string;
    to: string;
    subject: string;
    text: string;
    calendar?: CalendarPart;
    attempts: number;
  };
  const stopRenewing = lease.keepAlive((err) =>
    logger.warn('Outbox lease renewal failed', { error: String(err) }),
  );
  try {
    await sendMail({
      to: email.to,
      subject: email.subject,
      text: email.text,
      messageId: messageIdOf(email.key),
      ...(email.calendar ? { icalEvent: { ...email.calendar } } : {}),
    });
    stopRenewing();
    const recorded = await lease.finish(
      { status: 'sent', sentAt: new Date() },
      { lastError: '' },
      { sendCount: 1 },
    );
    // Sent after losing the lease: another instance sends (or sent) it too; count this acceptance.
    if (!recorded) await OutboxEmail.updateOne({ _id: lease.id }, { $inc: { sendCount: 1 } });
    return 'sent';
  } catch (err) {
    stopRenewing();
    const message = err instanceof Error ? err.message : String(err);
    const gaveUp = email.attempts >= MAX_ATTEMPTS;
    await lease.finish({
      lastError: message,
      ...(gaveUp
        ? { status: 'failed' }
        : { nextAttemptAt: new Date(now().getTime() + backoffMs(email.attempts)) }),
    });
    logger.warn(`Email "${email.subject}" to ${email.to} failed (attempt ${email.attempts})`, {
      error: message,
    });
    return 'failed';
  }
}

let stopping = false;
let running: Promise<{ sent: number; failed: number }> | undefined;
let again = false;

/**
 * Sends the emails that are due, one leased at a time; stops early when the pump is being stopped.
 * A failure schedules the next attempt with backoff; after MAX_ATTEMPTS the email is marked failed.
 */
export async function processOutbox(limit = 50): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < limit && !stopping; i++) {
    const outcome = await sendNext();
    if (!outcome) break;
    if (outcome === 'sent') sent++;
    else failed++;
  }
  return { sent, failed };
}

/** One pass at a time per process; a request during a pass asks for one more pass after it. */
function pumpOnce(): void {
  if (stopping) return;
  if (running) {
    again = true;
    return;
  }
  running = processOutbox()
    .catch((err: unknown) => {
      logger.error('Outbox pump failed', { error: String(err) });
      return { sent: 0, failed: 0 };
    })
    .finally(() => {
      running = undefined;
      if (again) {
        again = false;
        pumpOnce();
      }
    });
}

/**
 * Sends soon after the request that queued the mail, without the request waiting for it. Only
 * instances that run jobs pump; tests call processOutbox themselves.
 */
export function pumpOutboxSoon(): void {
  if (!getConfig().JOBS_ENABLED) return;
  setImmediate(pumpOnce);
}

export interface RunningPump {
  /** Stops pumping and resolves once the email being sent (if any) is finished. */
  stop(): Promise<void>;
}

export function startOutboxPump(intervalMs = getConfig().OUTBOX_PUMP_SECONDS * 1000): RunningPump {
  stopping = false;
  setImmediate(pumpOnce);
  const timer = setInterval(pumpOnce, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopping = true;
      clearInterval(timer);
      await running;
    },
  };
}

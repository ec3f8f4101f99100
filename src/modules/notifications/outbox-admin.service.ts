import type { Types } from 'mongoose';
import mongoose from 'mongoose';
import { findLeanById } from '../../db/find-by-id';
import { now } from '../../lib/clock';
import { ConflictError, NotFoundError } from '../../lib/errors';
import type { Page, PageRequest } from '../../lib/pagination';
import { skipFor } from '../../lib/pagination';
import { recordAudit } from '../audit';
import type { OutboxEmailDto, OutboxFilters } from './outbox-admin.schemas';
import { OutboxEmail } from './outbox-email.model';
import { pumpOutboxSoon } from './outbox.service';

interface StoredEmail {
  _id: Types.ObjectId;
  to: string;
  subject: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil?: Date | null;
  lastError?: string | null;
  createdAt: Date;
}

const WAITING: Array<'pending' | 'failed'> = ['pending', 'failed'];

function toDto(e: StoredEmail): OutboxEmailDto {
  return {
    id: e._id.toHexString(),
    to: e.to,
    subject: e.subject,
    status: e.status,
    attempts: e.attempts,
    nextAttemptAt: e.nextAttemptAt.toISOString(),
    ...(e.leaseUntil ? { leaseUntil: e.leaseUntil.toISOString() } : {}),
    ...(e.lastError ? { lastError: e.lastError } : {}),
    createdAt: e.createdAt.toISOString(),
  };
}

/** Failed and pending emails, newest first (sent ones are not an operator's concern). */
export async function listOutbox(filters: OutboxFilters, page: PageRequest): Promise<Page<OutboxEmailDto>> {
  const filter = { status: filters.status ?? mongoose.trusted({ $in: WAITING }) };
  const [rows, total] = await Promise.all([
    OutboxEmail.find(filter)
      .select('-text')
      .sort({ createdAt: -1, _id: -1 })
      .skip(skipFor(page))
      .limit(page.limit)
      .lean<StoredEmail[]>(),
    OutboxEmail.countDocuments(filter),
  ]);
  return { data: rows.map(toDto), page: page.page, limit: page.limit, total };
}

/**
 * Makes a failed (or waiting) email due now with a fresh set of attempts. A sent email is not sent
 * again (409); one being sent right now keeps its lease and is retried only if that send fails.
 */
export async function retryOutboxEmail(id: string): Promise<OutboxEmailDto> {
  const found = await findLeanById<StoredEmail>(OutboxEmail, id);
  if (!found) throw new NotFoundError('Email not found');
  const updated = await OutboxEmail.findOneAndUpdate(
    { _id: found._id, status: mongoose.trusted({ $in: WAITING }) },
    { $set: { status: 'pending', attempts: 0, nextAttemptAt: now() } },
    { returnDocument: 'after' },
  )
    .select('-text')
    .lean<StoredEmail>();
  if (!updated) throw new ConflictError('This email has been sent already');
  await recordAudit({
    action: 'outbox.retry',
    entityType: 'OutboxEmail',
    entityId: id,
    metadata: { previousStatus: found.status, attempts: found.attempts },
  });
  pumpOutboxSoon();
  return toDto(updated);
}

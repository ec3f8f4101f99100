import type { DomainEvents } from '../../lib/domain-events';
import { emitDomainEvent } from '../../lib/domain-events';
import type { AuditInput, RecordedEntry } from './audit.service';
import * as auditWriter from './audit.service';

/** An event a command announces once its change is recorded: `['holiday.changed', {date}]`. */
export type Announcement = { [K in keyof DomainEvents]: [K, DomainEvents[K]] }[keyof DomainEvents];

function announce<K extends keyof DomainEvents>([event, payload]: [K, DomainEvents[K]]): Promise<void> {
  return emitDomainEvent(event, payload);
}

async function announceRecorded(entry: AuditInput, recorded: RecordedEntry): Promise<void> {
  const { action, entityType, entityId, before, after } = entry;
  await emitDomainEvent('change.recorded', {
    auditId: recorded.id,
    action,
    entityType,
    entityId,
    before,
    after,
    at: recorded.at,
  });
}

/**
 * Writes the audit entry, then tells mirrors of changes (the integrations outbox) what it recorded:
 * so whatever reaches the trail reaches them, after it and in its order.
 */
export async function recordAudit(entry: AuditInput): Promise<void> {
  await announceRecorded(entry, await auditWriter.recordAudit(entry));
}

/** Many entries at once (an import), announced one by one in their order. */
export async function recordAuditMany(entries: AuditInput[]): Promise<void> {
  const recorded = await auditWriter.recordAuditMany(entries);
  for (const [i, entry] of entries.entries()) {
    const written = recorded[i];
    if (written) await announceRecorded(entry, written);
  }
}

/**
 * How every command ends: its audit entry is written first, then its events are announced, in
 * order. Reactions in other modules (emails, recounts, recomputed days) so always follow a change the
 * trail already shows, and a reaction that fails never hides the change from the audit log.
 */
export async function recordThenAnnounce(entry: AuditInput, ...announcements: Announcement[]): Promise<void> {
  await recordAudit(entry);
  for (const announcement of announcements) await announce(announcement);
}

import type { DomainEvents } from '../../lib/domain-events';
import { emitDomainEvent } from '../../lib/domain-events';
import type { AuditInput } from './audit.service';
import { recordAudit } from './audit.service';

/** An event a command announces once its change is recorded: `['holiday.changed', {date}]`. */
export type Announcement = { [K in keyof DomainEvents]: [K, DomainEvents[K]] }[keyof DomainEvents];

function announce<K extends keyof DomainEvents>([event, payload]: [K, DomainEvents[K]]): Promise<void> {
  return emitDomainEvent(event, payload);
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

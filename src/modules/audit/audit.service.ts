import mongoose from 'mongoose';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import type { Actor } from '../../lib/request-context';
import type { Page, PageRequest } from '../../lib/pagination';
import { skipFor } from '../../lib/pagination';
import { currentContext } from '../../lib/request-context';
import type { Changes } from './audit-diff';
import { diffChanges, normalize } from './audit-diff';
import type { AuditLogRecord } from './audit-log.model';
import type { AuditEntry, AuditFilters } from './audit.schemas';
import { AuditLog } from './audit-log.model';

export type { AuditEntry, AuditFilters } from './audit.schemas';

export interface AuditInput {
  /** `<entity>.<verb>`, e.g. `employee.update`, `auth.login_failed`. */
  action: string;
  entityType: string;
  entityId?: string | undefined;
  /** Snapshots (documents or plain objects); the stored diff is computed from them. */
  before?: object | null | undefined;
  after?: object | null | undefined;
  /** Extra facts that are not field changes (counts, reasons). Secrets are redacted here too. */
  metadata?: Record<string, unknown> | undefined;
  /** Defaults to whoever the current request or job acts as. */
  actor?: Actor | undefined;
  /**
   * The command's unfinished-work id (src/db/unfinished-work.ts): a command finished twice (by
   * itself and by the sweeper after a crash) writes one entry, the second call gets the first one.
   */
  changeId?: string | undefined;
}

/** Where a written entry is: its id and time. */
export interface RecordedEntry {
  id: string;
  at: Date;
}

/**
 * The single audit writer: every mutation calls it after it succeeds. Request id, IP and actor
 * come from the request context, so services record what changed and nothing about HTTP.
 */
export async function recordAudit(input: AuditInput): Promise<RecordedEntry> {
  const context = currentContext();
  const actor = input.actor ?? context?.actor ?? { kind: 'anonymous' };
  try {
    const created = await AuditLog.create({
      actor,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      changes: diffChanges(input.before, input.after),
      metadata: input.metadata ? normalize(input.metadata) : undefined,
      requestId: context?.requestId,
      ip: context?.ip,
      changeId: input.changeId,
      at: new Date(),
    });
    return { id: String(created._id), at: created.at };
  } catch (err) {
    const earlier =
      input.changeId && isDuplicateKeyError(err) ? await entryOfChange(input.changeId) : undefined;
    if (!earlier) throw err;
    return earlier;
  }
}

async function entriesOfChanges(changeIds: string[]): Promise<Map<string, RecordedEntry>> {
  if (changeIds.length === 0) return new Map();
  const found = await AuditLog.find(
    { changeId: mongoose.trusted({ $in: changeIds }) },
    { at: 1, changeId: 1 },
  ).lean();
  return new Map(found.map((e) => [e.changeId ?? '', { id: String(e._id), at: e.at }]));
}

async function entryOfChange(changeId: string): Promise<RecordedEntry | undefined> {
  const found = await AuditLog.findOne({ changeId }, { at: 1 }).lean();
  return found ? { id: String(found._id), at: found.at } : undefined;
}

/**
 * Many entries at once (an import): one unvalidated insert of documents built here, instead of one
 * validated insert per changed record. Absent values are left out rather than stored as null.
 */
export async function recordAuditMany(inputs: AuditInput[]): Promise<RecordedEntry[]> {
  if (inputs.length === 0) return [];
  const context = currentContext();
  const at = new Date();
  // Entries of changes already recorded (finished by the sweeper meanwhile) are not written again.
  const earlier = await entriesOfChanges(inputs.flatMap((i) => (i.changeId ? [i.changeId] : [])));
  const fresh = inputs.filter((input) => !(input.changeId && earlier.has(input.changeId)));
  const docs = fresh.map((input) => {
    const changes = diffChanges(input.before, input.after);
    const doc: Record<string, unknown> = {
      actor: input.actor ?? context?.actor ?? { kind: 'anonymous' },
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      changes,
      metadata: input.metadata ? normalize(input.metadata) : undefined,
      requestId: context?.requestId,
      ip: context?.ip,
      changeId: input.changeId,
      at,
    };
    return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined));
  });
  const inserted = docs.length > 0 ? await AuditLog.insertMany(docs, { lean: true }) : [];
  const written = new Map(fresh.map((input, i) => [input, inserted[i]]));
  return inputs.map((input) => {
    const known = input.changeId ? earlier.get(input.changeId) : undefined;
    const doc = written.get(input);
    return known ?? { id: String(doc?._id), at };
  });
}

/** Entries for one entity, newest first (the history view of a record). */
export async function listAuditForEntity(entityType: string, entityId: string): Promise<AuditEntry[]> {
  const docs = await AuditLog.find({ entityType, entityId }).sort({ at: -1 }).lean<StoredAuditLog[]>();
  return docs.map(toAuditEntry);
}

type StoredAuditLog = AuditLogRecord & { _id: unknown };

export function toAuditEntry(doc: StoredAuditLog): AuditEntry {
  const actor = doc.actor ?? { kind: 'anonymous' };
  return {
    id: String(doc._id),
    actor: {
      kind: actor.kind,
      ...(actor.id ? { id: actor.id } : {}),
      ...(actor.role ? { role: actor.role } : {}),
    },
    action: doc.action,
    entityType: doc.entityType,
    ...(doc.entityId ? { entityId: doc.entityId } : {}),
    changes: (doc.changes ?? {}) as Changes,
    ...(doc.metadata ? { metadata: doc.metadata as Record<string, unknown> } : {}),
    ...(doc.requestId ? { requestId: doc.requestId } : {}),
    ...(doc.ip ? { ip: doc.ip } : {}),
    at: doc.at.toISOString(),
  };
}

/** Newest first; `from`/`to` are instants (a bare date means that day's start, in UTC). */
export async function listAuditLogs(filters: AuditFilters, page: PageRequest): Promise<Page<AuditEntry>> {
  const filter: Record<string, unknown> = {};
  if (filters.entityType) filter.entityType = filters.entityType;
  if (filters.entityId) filter.entityId = filters.entityId;
  if (filters.actorId) filter['actor.id'] = filters.actorId;
  if (filters.action) filter.action = filters.action;
  if (filters.from || filters.to) {
    filter.at = mongoose.trusted({
      ...(filters.from ? { $gte: new Date(filters.from) } : {}),
      ...(filters.to ? { $lte: new Date(filters.to) } : {}),
    });
  }
  const [rows, total] = await Promise.all([
    AuditLog.find(filter)
      .sort({ at: -1, _id: -1 })
      .skip(skipFor(page))
      .limit(page.limit)
      .lean<StoredAuditLog[]>(),
    AuditLog.countDocuments(filter),
  ]);
  return { data: rows.map(toAuditEntry), total, ...page };
}

/** Entries about an entity or made by an actor, oldest first (personal-data export). */
export async function listAuditAbout(entityIds: string[], actorIds: string[]): Promise<AuditEntry[]> {
  const docs = await AuditLog.find({
    $or: [
      { entityId: mongoose.trusted({ $in: entityIds }) },
      { 'actor.id': mongoose.trusted({ $in: actorIds }) },
    ],
  })
    .sort({ at: 1 })
    .lean<StoredAuditLog[]>();
  return docs.map(toAuditEntry);
}

import type { InferSchemaType } from 'mongoose';
import { Schema, model } from 'mongoose';
import { tryGetConfig } from '../../config';

export const ACTOR_KINDS = ['user', 'device', 'system', 'anonymous'] as const;

const auditLogSchema = new Schema(
  {
    actor: {
      kind: { type: String, enum: ACTOR_KINDS, required: true },
      id: { type: String },
      role: { type: String },
    },
    action: { type: String, required: true },
    entityType: { type: String, required: true },
    entityId: { type: String },
    /** `{field: {from, to}}`, secrets already redacted. */
    changes: { type: Schema.Types.Mixed },
    metadata: { type: Schema.Types.Mixed },
    requestId: { type: String },
    ip: { type: String },
    /** Set by commands that finish their work idempotently: one entry per change. */
    changeId: { type: String },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { versionKey: false, minimize: true },
);

// The query API filters by entity, by actor or by action, always newest first within a time range.
auditLogSchema.index({ entityType: 1, entityId: 1, at: -1 });
auditLogSchema.index({ 'actor.id': 1, at: -1 });
auditLogSchema.index({ action: 1, at: -1 });
auditLogSchema.index({ at: -1 });
// sparse, not partialFilterExpression: the offline stand-in ignores partial filters.
auditLogSchema.index({ changeId: 1 }, { unique: true, sparse: true });

// Retention: with AUDIT_RETENTION_DAYS set, MongoDB deletes entries older than that (a TTL index).
const retentionDays = tryGetConfig()?.AUDIT_RETENTION_DAYS;
if (retentionDays)
  auditLogSchema.index({ at: 1 }, { expireAfterSeconds: retentionDays * 86_400, name: 'audit_retention' });

export type AuditLogRecord = InferSchemaType<typeof auditLogSchema>;

export const AuditLog = model('AuditLog', auditLogSchema);

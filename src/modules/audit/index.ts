export { recordAudit, recordAuditMany, listAuditAbout, listAuditForEntity } from './audit.service';
export type { AuditInput, AuditEntry } from './audit.service';
export { AuditEntryShape } from './audit.schemas';
export { diffChanges, REDACTED } from './audit-diff';
export type { Changes, FieldChange } from './audit-diff';
export { auditRoutes } from './audit.routes';
export { listAuditLogs } from './audit.service';
export { checkDecisionInvariants } from './invariants.service';

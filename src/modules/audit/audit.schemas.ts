import { s } from '../../http/shape/builders';
import { PAGE_QUERY, pageOf } from '../../http/shape/common';
import type { Infer } from '../../http/shape/field';

/** Request and response shapes of the audit trail, declared once (checks, document and types). */

const filterText = (description: string) => s.text({ max: 100 }).optional().describe(description);

export const AuditQuery = s.object({
  ...PAGE_QUERY,
  entityType: filterText('e.g. Employee, User, Department'),
  entityId: filterText('The id of the changed record'),
  actorId: filterText('User id (or device id, job name) that acted'),
  action: filterText('e.g. employee.update, auth.login_failed'),
  from: s.dateOrDateTime().optional(),
  to: s.dateOrDateTime().optional(),
});
export type AuditFilters = Omit<Infer<typeof AuditQuery>, 'page' | 'limit'>;

export const AuditEntryShape = s
  .object({
    id: s.id(),
    actor: s.object({
      kind: s.enum(['user', 'device', 'system', 'anonymous']),
      id: s.string({ max: 200 }).optional(),
      role: s.string({ max: 20 }).optional(),
    }),
    action: s.string({ max: 100 }).example('employee.update'),
    entityType: s.string({ max: 100 }).example('Employee'),
    entityId: s.string({ max: 200 }).optional(),
    changes: s
      .record(s.object({ from: s.unknown().optional(), to: s.unknown().optional() }))
      .describe('`{field: {from, to}}`; secrets appear as "[REDACTED]"'),
    metadata: s.record(s.unknown()).optional(),
    requestId: s.string({ max: 200 }).optional(),
    ip: s.string({ max: 100 }).optional(),
    at: s.dateTime(),
  })
  .named('AuditEntry');
export type AuditEntry = Infer<typeof AuditEntryShape>;

export const AuditPage = pageOf(AuditEntryShape);

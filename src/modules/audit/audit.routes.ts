import { jsonResponse } from '../../http/openapi/components';
import type { RouteDefinition } from '../../http/routes';
import { ADMIN_ONLY } from '../../lib/roles';
import { listAuditLogsHandler } from './audit.controller';
import { AuditPage, AuditQuery } from './audit.schemas';

export const auditRoutes: RouteDefinition[] = [
  {
    method: 'get',
    path: '/api/v1/audit-logs',
    access: ADMIN_ONLY,
    request: { query: AuditQuery },
    handlers: [listAuditLogsHandler],
    doc: {
      tags: ['Audit'],
      operationId: 'listAuditLogs',
      summary: 'Search the audit trail (newest first)',
      responses: { '200': jsonResponse('A page of audit entries', AuditPage) },
    },
  },
];

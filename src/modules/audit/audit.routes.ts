import { PAGE_PARAMETERS, jsonResponse, pageOf, queryParam } from '../../docs/components';
import type { SchemaObject } from '../../docs/types';
import type { RouteDefinition } from '../../http/routes';
import { ADMIN_ONLY } from '../auth/roles';
import { listAuditLogsHandler } from './audit.controller';
import { listAuditLogsRules } from './audit.validators';

export const AUDIT_SCHEMAS: Record<string, SchemaObject> = {
  AuditEntry: {
    type: 'object',
    required: ['id', 'actor', 'action', 'entityType', 'changes', 'at'],
    properties: {
      id: { type: 'string' },
      actor: {
        type: 'object',
        required: ['kind'],
        properties: {
          kind: { type: 'string', enum: ['user', 'device', 'system', 'anonymous'] },
          id: { type: 'string' },
          role: { type: 'string' },
        },
      },
      action: { type: 'string', examples: ['employee.update'] },
      entityType: { type: 'string', examples: ['Employee'] },
      entityId: { type: 'string' },
      changes: {
        type: 'object',
        description: '`{field: {from, to}}`; secrets appear as "[REDACTED]"',
        additionalProperties: { type: 'object', properties: { from: {}, to: {} } },
      },
      metadata: { type: 'object' },
      requestId: { type: 'string' },
      ip: { type: 'string' },
      at: { type: 'string', format: 'date-time' },
    },
  },
};

export const auditRoutes: RouteDefinition[] = [
  {
    method: 'get',
    path: '/api/v1/audit-logs',
    access: ADMIN_ONLY,
    validators: listAuditLogsRules,
    handlers: [listAuditLogsHandler],
    doc: {
      tags: ['Audit'],
      summary: 'Search the audit trail (newest first)',
      parameters: [
        ...PAGE_PARAMETERS,
        queryParam('entityType', { type: 'string' }, 'e.g. Employee, User, Department'),
        queryParam('entityId', { type: 'string' }),
        queryParam('actorId', { type: 'string' }, 'User id (or device id, job name) that acted'),
        queryParam('action', { type: 'string' }, 'e.g. employee.update, auth.login_failed'),
        queryParam('from', { type: 'string', format: 'date-time' }),
        queryParam('to', { type: 'string', format: 'date-time' }),
      ],
      responses: { '200': jsonResponse('A page of audit entries', pageOf('AuditEntry')) },
    },
  },
];

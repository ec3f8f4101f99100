import { jsonResponse, problemResponses } from '../../http/openapi/components';
import type { RouteDefinition } from '../../http/routes';
import { ID_PARAMS } from '../../http/shape/common';
import { ADMIN_ONLY } from '../auth';
import * as privacy from './privacy.controller';
import { EmployeeShape } from '../employees';
import { EmployeeExportShape } from './privacy.schemas';

export const privacyRoutes: RouteDefinition[] = [
  {
    method: 'get',
    path: '/api/v1/employees/:id/export',
    access: ADMIN_ONLY,
    request: { params: ID_PARAMS },
    handlers: [privacy.exportEmployeeDataHandler],
    doc: {
      tags: ['Employees'],
      operationId: 'exportEmployeeData',
      summary: 'Export everything stored about an employee (personal-data access request)',
      responses: {
        '200': jsonResponse(
          'Profile, login, leave, ledger, attendance, punches, notifications and audit entries, as an attachment',
          EmployeeExportShape,
        ),
        ...problemResponses(404),
      },
    },
  },
  {
    method: 'post',
    path: '/api/v1/employees/:id/anonymise',
    access: ADMIN_ONLY,
    request: { params: ID_PARAMS },
    handlers: [privacy.anonymiseEmployeeHandler],
    doc: {
      tags: ['Employees'],
      operationId: 'anonymiseEmployee',
      summary: "Erase a deactivated employee's personal data (the record, aggregates and audit trail stay)",
      responses: {
        '200': jsonResponse('The anonymised employee', EmployeeShape),
        ...problemResponses(404, 409),
      },
    },
  },
];

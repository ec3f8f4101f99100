import type { Request, Response } from 'express';
import { jsonResponse, problemResponses } from '../../http/openapi/components';
import { pathParam } from '../../http/request-data';
import type { RouteDefinition } from '../../http/routes';
import { idParam } from '../../lib/validators';
import { ADMIN_ONLY } from '../auth/roles';
import { exportEmployeeData } from './privacy.service';

async function exportHandler(req: Request, res: Response): Promise<void> {
  const data = await exportEmployeeData(pathParam(req));
  res.attachment(`employee-${data.employee.id}.json`).json(data);
}

export const privacyRoutes: RouteDefinition[] = [
  {
    method: 'get',
    path: '/api/v1/employees/:id/export',
    access: ADMIN_ONLY,
    validators: [idParam()],
    handlers: [exportHandler],
    doc: {
      tags: ['Employees'],
      summary: 'Export everything stored about an employee (personal-data access request)',
      responses: {
        '200': jsonResponse(
          'Profile, login, leave, ledger, attendance, punches, notifications and audit entries',
          {
            type: 'object',
            required: ['employee', 'leave', 'attendance', 'audit'],
          },
        ),
        ...problemResponses(404),
      },
    },
  },
];

import { problemResponses } from '../../http/openapi/components';
import type { RouteDefinition } from '../../http/routes';
import { ID_PARAMS } from '../../http/shape/common';
import { ADMIN_ONLY } from '../../lib/roles';
import { payrollExportHandler } from './payroll-export.controller';
import { PayrollExportQuery, PayrollExportRowShape } from './payroll-export.schemas';
import { rowsOrCsv } from './reports.routes';

export const payrollExportRoutes: RouteDefinition[] = [
  {
    method: 'get',
    path: '/api/v1/payroll-periods/:id/export',
    access: ADMIN_ONLY,
    request: { params: ID_PARAMS, query: PayrollExportQuery },
    handlers: [payrollExportHandler],
    doc: {
      tags: ['Payroll periods'],
      operationId: 'exportPayrollPeriod',
      summary: 'Payroll export of a period: one row per employee (JSON or CSV)',
      description:
        'Worked and overtime minutes, paid and unpaid leave days, absent days and late count per employee with daily records in the period. The figures are the attendance summary for the same range (`GET /reports/attendance-summary?groupBy=employee`), whose leave days are split by the paid flag of the approved request on each day; overtime equals the overtime report and absent days the absenteeism report. Works for open and closed periods; a closed one cannot change under it.',
      responses: { '200': rowsOrCsv(PayrollExportRowShape), ...problemResponses(404) },
    },
  },
];

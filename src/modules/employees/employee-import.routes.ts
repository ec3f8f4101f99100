import type { Request, Response } from 'express';
import { jsonResponse, problemResponses } from '../../http/openapi/components';
import { csvTextOf, queryOf } from '../../http/request-data';
import type { RouteDefinition } from '../../http/routes';
import { s } from '../../http/shape/builders';
import { describeCsvColumns } from '../../http/shape/csv-rows';
import { ImportQuery, ImportReportShape } from '../../http/shape/imports';
import { ADMIN_ONLY } from '../../lib/roles';
import { EMPLOYEE_CSV_EXAMPLE, EmployeeImportRow } from './employee-import.schemas';
import { importEmployees } from './employee-import.service';

export async function importEmployeesHandler(req: Request, res: Response): Promise<void> {
  res.json(await importEmployees(csvTextOf(req), queryOf(req, ImportQuery).dryRun ?? false));
}

export const employeeImportRoutes: RouteDefinition[] = [
  {
    method: 'post',
    path: '/api/v1/imports/employees',
    access: ADMIN_ONLY,
    request: {
      query: ImportQuery,
      bodyType: 'csv',
      body: s.csv(`Employees, one per row (UTF-8). Columns:\n${describeCsvColumns(EmployeeImportRow)}`),
      example: EMPLOYEE_CSV_EXAMPLE,
    },
    handlers: [importEmployeesHandler],
    doc: {
      tags: ['Imports'],
      operationId: 'importEmployees',
      summary: 'Import employees from a CSV file, idempotent by employee code',
      description: `A row whose employeeCode exists updates that employee (only the columns the file has); a new code creates one. Every row is checked before anything is written: refused cells are listed in \`errors\` with row and column, and then nothing is written; \`dryRun=true\` only reports. An empty cell of an optional column clears the field. \`GET /employees?format=csv\` writes the same columns, so an export can be edited and imported again.

A wrong header: 400. A file that is not UTF-8: 415. The same employee code or email twice, or managers that would form a reporting cycle: 422, nothing written. Over IMPORT_MAX_BYTES: 413.`,
      responses: {
        '200': jsonResponse('What was (or, on a dry run, would be) written', ImportReportShape),
        ...problemResponses(422),
      },
    },
  },
];

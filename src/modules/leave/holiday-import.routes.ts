import { jsonResponse, problemResponses } from '../../http/openapi/components';
import type { RouteDefinition } from '../../http/routes';
import { s } from '../../http/shape/builders';
import { describeCsvColumns } from '../../http/shape/csv-rows';
import { ImportQuery, ImportReportShape } from '../../http/shape/imports';
import { ADMIN_ONLY } from '../../lib/roles';
import * as imports from './holiday-import.controller';
import {
  HOLIDAY_CSV_EXAMPLE,
  HolidayImportRow,
  PublicHolidayImportBody,
  PublicHolidayImportResult,
} from './holiday-import.schemas';

export const holidayImportRoutes: RouteDefinition[] = [
  {
    method: 'post',
    path: '/api/v1/holidays/import',
    access: ADMIN_ONLY,
    request: {
      body: PublicHolidayImportBody,
      example: { calendar: 'DE-BY', country: 'DE', region: 'BY', year: 2027 },
    },
    handlers: [imports.importPublicHolidaysHandler],
    doc: {
      tags: ['Holidays'],
      operationId: 'importPublicHolidays',
      summary: "Add a country's (and region's) public holidays for a year to a holiday calendar",
      description:
        'From the date-holidays library, named in English where it knows the name. Dates the calendar already has are skipped, so importing again adds nothing. Employees whose `holidayCalendar` names the calendar get these days off (on top of the "default" calendar), and leave and attendance of those dates are recounted. An unknown country or region: 422; a new holiday inside a closed payroll period: 409 (period-closed), nothing added.',
      responses: {
        '201': jsonResponse('Imported', PublicHolidayImportResult),
        ...problemResponses(409, 422),
      },
    },
  },
  {
    method: 'post',
    path: '/api/v1/imports/holidays',
    access: ADMIN_ONLY,
    request: {
      query: ImportQuery,
      bodyType: 'csv',
      body: s.csv(`Holidays, one per row. Columns:\n${describeCsvColumns(HolidayImportRow)}`),
      example: HOLIDAY_CSV_EXAMPLE,
    },
    handlers: [imports.importHolidayCsvHandler],
    doc: {
      tags: ['Imports'],
      operationId: 'importHolidays',
      summary: 'Import holidays from a CSV file (UTF-8), idempotent by calendar and date',
      description:
        'Every row is checked before anything is written. Refused cells are listed in `errors` with their row and column, and then nothing is written; `dryRun=true` only reports. An existing holiday on the same calendar and date is renamed (updated), an identical one is unchanged. A wrong header: 400; a file that is not UTF-8: 415; the same calendar and date twice: 422; over IMPORT_MAX_BYTES: 413; a new or renamed holiday inside a closed payroll period: 409 (period-closed), nothing written.',
      responses: {
        '200': jsonResponse('What was (or, on a dry run, would be) written', ImportReportShape),
        ...problemResponses(409, 422),
      },
    },
  },
];

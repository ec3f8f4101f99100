import type { Request, Response } from 'express';
import { query } from 'express-validator';
import { stringify } from 'csv-stringify';
import { jsonResponse, queryParam } from '../../http/openapi/components';
import type { ParameterObject, SchemaObject } from '../../http/openapi/types';
import { getConfig } from '../../config';
import { SAFE_CSV_CAST } from '../../lib/csv-safety';
import { requireUser } from '../../http/authenticate';
import { addDays, todayIn, yearOf } from '../../lib/dates';
import { validQuery } from '../../http/request-data';
import type { RouteDefinition } from '../../http/routes';
import { calendarDateField, mongoIdField } from '../../lib/validators';
import { ADMIN_OR_MANAGER } from '../auth/roles';
import { today } from './analytics.service';
import type { Range, SummaryGroup, UtilizationGroup } from './reports.service';
import { absenteeism, attendanceSummary, compliance, leaveUtilization, overtime } from './reports.service';

type Format = 'json' | 'csv';

/** JSON as an array, or CSV streamed with a header row and proper quoting (csv-stringify). */
function sendRows(res: Response, name: string, format: Format | undefined, rows: object[]): void {
  if (format !== 'csv') {
    res.json(rows);
    return;
  }
  res.type('text/csv; charset=utf-8').attachment(`${name}.csv`);
  const columns = rows[0] ? Object.keys(rows[0]) : undefined;
  const csv = stringify({ header: true, cast: SAFE_CSV_CAST, ...(columns ? { columns } : {}) });
  csv.pipe(res);
  for (const row of rows) csv.write(row);
  csv.end();
}

const range = [calendarDateField(query, 'from').optional(), calendarDateField(query, 'to').optional()];
const format = query('format').optional().isIn(['json', 'csv']).withMessage('must be json or csv');
const oneOf = (name: string, values: string[]) =>
  query(name)
    .optional()
    .isIn(values)
    .withMessage(`must be one of ${values.join(', ')}`);

const rangeParams: ParameterObject[] = [
  {
    name: 'from',
    in: 'query',
    description: 'Default: 30 days before `to`',
    schema: { type: 'string', format: 'date' },
  },
  {
    name: 'to',
    in: 'query',
    description: 'Default: today (company time zone)',
    schema: { type: 'string', format: 'date' },
  },
];
const formatParam = queryParam('format', { type: 'string', enum: ['json', 'csv'], default: 'json' });
const csvOrJson = (schema: string) => ({
  description: 'Rows (JSON), or the same rows as CSV with a header row when format=csv',
  content: {
    'application/json': { schema: { type: 'array', items: { $ref: `#/components/schemas/${schema}` } } },
    'text/csv': { schema: { type: 'string' } },
  },
});

const row = (properties: Record<string, SchemaObject>): SchemaObject => ({ type: 'object', properties });
const num = { type: 'number' };
const str = { type: 'string' };

export const REPORT_SCHEMAS: Record<string, SchemaObject> = {
  AttendanceSummaryRow: row({
    key: str,
    label: str,
    days: num,
    present: num,
    absent: num,
    onLeave: num,
    late: num,
    workedMinutes: num,
    overtimeMinutes: num,
  }),
  LeaveUtilizationRow: row({ key: str, label: str, taken: num, pending: num, entitled: num, remaining: num }),
  AbsenteeismRow: row({
    employeeId: str,
    employeeName: str,
    employeeCode: str,
    absenceDays: num,
    spells: num,
    bradfordFactor: num,
  }),
  OvertimeRow: row({
    employeeId: str,
    employeeName: str,
    employeeCode: str,
    days: num,
    overtimeMinutes: num,
  }),
  ComplianceViolation: row({
    employeeId: str,
    employeeName: str,
    employeeCode: str,
    rule: { type: 'string', enum: ['daily_max', 'weekly_average', 'min_rest'] },
    date: str,
    valueMinutes: num,
    limitMinutes: num,
  }),
  TodayAnalytics: row({
    date: str,
    employees: num,
    present: num,
    onLeave: num,
    absent: num,
    notYetIn: num,
    dayOff: num,
    upcomingLeave: { type: 'array', items: { $ref: '#/components/schemas/LeaveCalendarEntry' } },
  }),
};

const REPORTS = ['Reports'];

function report(
  path: string,
  summary: string,
  schema: string,
  validators: RouteDefinition['validators'],
  parameters: ParameterObject[],
  run: (req: Request) => Promise<object[]>,
): RouteDefinition {
  const name = path.split('/').pop() ?? 'report';
  return {
    method: 'get',
    path,
    access: ADMIN_OR_MANAGER,
    validators: [...(validators ?? []), format],
    handlers: [
      async (req: Request, res: Response) => {
        sendRows(res, name, validQuery<{ format?: Format }>(req).format, await run(req));
      },
    ],
    doc: {
      tags: REPORTS,
      summary,
      description: 'Managers see their reports (direct and indirect); admins everyone.',
      parameters: [...parameters, formatParam],
      responses: { '200': csvOrJson(schema) },
    },
  };
}

/** The requested range, or the 30 days up to today. */
function rangeOf(req: Request): Range {
  const q = validQuery<Partial<Range>>(req);
  const to = q.to ?? todayIn(getConfig().COMPANY_TIMEZONE);
  return { from: q.from ?? addDays(to, -30), to };
}

export const reportRoutes: RouteDefinition[] = [
  report(
    '/api/v1/reports/attendance-summary',
    'Attendance summary by employee, department or day',
    'AttendanceSummaryRow',
    [
      ...range,
      oneOf('groupBy', ['employee', 'department', 'day']),
      mongoIdField(query, 'departmentId').optional(),
    ],
    [
      ...rangeParams,
      queryParam('groupBy', { type: 'string', enum: ['employee', 'department', 'day'], default: 'employee' }),
      queryParam('departmentId', str),
    ],
    (req) => {
      const q = validQuery<{ groupBy?: SummaryGroup; departmentId?: string }>(req);
      return attendanceSummary(requireUser(req), {
        ...rangeOf(req),
        ...(q.departmentId ? { departmentId: q.departmentId } : {}),
        groupBy: q.groupBy ?? 'employee',
      });
    },
  ),
  report(
    '/api/v1/reports/leave-utilization',
    'Leave taken, pending and remaining by type, department or month of a leave year',
    'LeaveUtilizationRow',
    [
      query('year')
        .optional()
        .isInt({ min: 2000, max: 2100 })
        .withMessage('must be a year from 2000 to 2100')
        .toInt(),
      oneOf('groupBy', ['type', 'department', 'month']),
    ],
    [
      queryParam('year', { type: 'integer' }, 'Leave year; default this year'),
      queryParam('groupBy', { type: 'string', enum: ['type', 'department', 'month'], default: 'type' }),
    ],
    (req) => {
      const q = validQuery<{ year?: number; groupBy?: UtilizationGroup }>(req);
      const year = q.year ?? yearOf(todayIn(getConfig().COMPANY_TIMEZONE));
      return leaveUtilization(requireUser(req), { year, groupBy: q.groupBy ?? 'type' });
    },
  ),
  report(
    '/api/v1/reports/absenteeism',
    'Absence spells, days and Bradford factor per employee',
    'AbsenteeismRow',
    range,
    rangeParams,
    (req) => absenteeism(requireUser(req), rangeOf(req)),
  ),
  report('/api/v1/reports/overtime', 'Overtime per employee', 'OvertimeRow', range, rangeParams, (req) =>
    overtime(requireUser(req), rangeOf(req)),
  ),
  report(
    '/api/v1/reports/compliance',
    'Working-time compliance: days over the daily maximum, short rest, average week over the maximum',
    'ComplianceViolation',
    range,
    rangeParams,
    (req) => compliance(requireUser(req), rangeOf(req)),
  ),
  {
    method: 'get',
    path: '/api/v1/analytics/today',
    access: ADMIN_OR_MANAGER,
    handlers: [
      async (req: Request, res: Response) => {
        res.json(await today(requireUser(req)));
      },
    ],
    doc: {
      tags: REPORTS,
      summary: 'Today: present, on leave, absent, not yet in; leave in the next 14 days',
      responses: { '200': jsonResponse('Counts', { $ref: '#/components/schemas/TodayAnalytics' }) },
    },
  },
];

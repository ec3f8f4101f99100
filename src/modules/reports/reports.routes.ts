import type { RequestHandler } from 'express';
import { stringify } from 'csv-stringify/sync';
import { jsonResponse, problemResponses } from '../../http/openapi/components';
import type { ResponseObject } from '../../http/openapi/types';
import type { RouteDefinition } from '../../http/routes';
import { s } from '../../http/shape/builders';
import type { ObjectField, Shape } from '../../http/shape/field';
import { ADMIN_OR_MANAGER } from '../auth';
import * as reports from './reports.controller';
import {
  AbsenteeismRowShape,
  AttendanceSummaryQuery,
  AttendanceSummaryRowShape,
  ComplianceViolationShape,
  LeaveUtilizationQuery,
  LeaveUtilizationRowShape,
  OvertimeRowShape,
  RangeReportQuery,
  TodayAnalyticsShape,
} from './reports.schemas';

const tags = ['Reports'];

/** The rows as JSON, or as CSV (format=csv): the example CSV is the row shape's example, written out. */
export function rowsOrCsv(row: ObjectField<Shape>): ResponseObject {
  const examples: unknown = row.spec.schema.examples;
  const example = Array.isArray(examples) ? (examples[0] as Record<string, unknown>) : undefined;
  return {
    description: 'Rows (JSON), or the same rows as CSV with a header row when format=csv',
    content: {
      'application/json': { schema: s.list(row) },
      'text/csv': {
        schema: { type: 'string' },
        ...(example
          ? { example: stringify([example], { header: true, columns: Object.keys(row.shape) }) }
          : {}),
      },
    },
  };
}

function report(spec: {
  path: string;
  operationId: string;
  summary: string;
  query: ObjectField<Shape>;
  row: ObjectField<Shape>;
  handler: RequestHandler;
}): RouteDefinition {
  return {
    method: 'get',
    path: spec.path,
    access: ADMIN_OR_MANAGER,
    request: { query: spec.query },
    handlers: [spec.handler],
    doc: {
      tags,
      operationId: spec.operationId,
      summary: spec.summary,
      description: 'Managers see their reports (direct and indirect); admins everyone.',
      responses: { '200': rowsOrCsv(spec.row), ...problemResponses(422) },
    },
  };
}

export const reportRoutes: RouteDefinition[] = [
  report({
    path: '/api/v1/reports/attendance-summary',
    operationId: 'getAttendanceSummaryReport',
    summary: 'Attendance summary by employee, department or day',
    query: AttendanceSummaryQuery,
    row: AttendanceSummaryRowShape,
    handler: reports.attendanceSummaryHandler,
  }),
  report({
    path: '/api/v1/reports/leave-utilization',
    operationId: 'getLeaveUtilizationReport',
    summary: 'Leave taken, pending and remaining by type, department or month of a leave year',
    query: LeaveUtilizationQuery,
    row: LeaveUtilizationRowShape,
    handler: reports.leaveUtilizationHandler,
  }),
  report({
    path: '/api/v1/reports/absenteeism',
    operationId: 'getAbsenteeismReport',
    summary: 'Absence spells, days and Bradford factor per employee',
    query: RangeReportQuery,
    row: AbsenteeismRowShape,
    handler: reports.absenteeismHandler,
  }),
  report({
    path: '/api/v1/reports/overtime',
    operationId: 'getOvertimeReport',
    summary: 'Overtime per employee',
    query: RangeReportQuery,
    row: OvertimeRowShape,
    handler: reports.overtimeHandler,
  }),
  report({
    path: '/api/v1/reports/compliance',
    operationId: 'getComplianceReport',
    summary:
      'Working-time compliance: days over the daily maximum, short rest, average week over the maximum',
    query: RangeReportQuery,
    row: ComplianceViolationShape,
    handler: reports.complianceHandler,
  }),
  {
    method: 'get',
    path: '/api/v1/analytics/today',
    access: ADMIN_OR_MANAGER,
    handlers: [reports.todayAnalyticsHandler],
    doc: {
      tags,
      operationId: 'getTodayAnalytics',
      summary: 'Today: present, on leave, absent, not yet in; leave in the next 14 days',
      responses: { '200': jsonResponse('Counts', TodayAnalyticsShape) },
    },
  },
];

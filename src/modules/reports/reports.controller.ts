import type { Request, Response } from 'express';
import { stringify } from 'csv-stringify';
import { getConfig } from '../../config';
import { SAFE_CSV_CAST } from '../../lib/csv-safety';
import { requireUser } from '../../http/authenticate';
import { queryOf } from '../../http/request-data';
import type { ObjectField, Shape } from '../../http/shape/field';
import { addDays, todayIn, yearOf } from '../../lib/dates';
import { absenteeism } from './absenteeism.service';
import { today } from './analytics.service';
import { attendanceSummary } from './attendance-summary.service';
import { compliance } from './compliance.service';
import { leaveUtilization } from './leave-utilization.service';
import { overtime } from './overtime.service';
import type { Range } from './pipeline';
import {
  AbsenteeismRowShape,
  AttendanceSummaryQuery,
  AttendanceSummaryRowShape,
  ComplianceViolationShape,
  LeaveUtilizationQuery,
  LeaveUtilizationRowShape,
  OvertimeRowShape,
  RangeReportQuery,
} from './reports.schemas';

type Format = 'json' | 'csv' | undefined;

/**
 * JSON as an array, or CSV streamed with a header row and proper quoting (csv-stringify). The
 * columns are the row shape's fields, so an empty report still has its header row.
 */
export function sendRows(
  res: Response,
  name: string,
  format: Format,
  row: ObjectField<Shape>,
  rows: object[],
): void {
  if (format !== 'csv') {
    res.json(rows);
    return;
  }
  res.type('text/csv; charset=utf-8').attachment(`${name}.csv`);
  const csv = stringify({ header: true, columns: Object.keys(row.shape), cast: SAFE_CSV_CAST });
  csv.pipe(res);
  for (const r of rows) csv.write(r);
  csv.end();
}

const companyToday = () => todayIn(getConfig().COMPANY_TIMEZONE);

/** The requested range, or the 30 days up to today. */
function rangeOf(query: { from?: string | undefined; to?: string | undefined }): Range {
  const to = query.to ?? companyToday();
  return { from: query.from ?? addDays(to, -30), to };
}

export async function attendanceSummaryHandler(req: Request, res: Response): Promise<void> {
  const { format, groupBy, departmentId, ...range } = queryOf(req, AttendanceSummaryQuery);
  const rows = await attendanceSummary(requireUser(req), {
    ...rangeOf(range),
    groupBy: groupBy ?? 'employee',
    departmentId,
  });
  sendRows(res, 'attendance-summary', format, AttendanceSummaryRowShape, rows);
}

export async function leaveUtilizationHandler(req: Request, res: Response): Promise<void> {
  const { format, groupBy, year } = queryOf(req, LeaveUtilizationQuery);
  const rows = await leaveUtilization(requireUser(req), {
    year: year ?? yearOf(companyToday()),
    groupBy: groupBy ?? 'type',
  });
  sendRows(res, 'leave-utilization', format, LeaveUtilizationRowShape, rows);
}

export async function absenteeismHandler(req: Request, res: Response): Promise<void> {
  const { format, ...range } = queryOf(req, RangeReportQuery);
  sendRows(
    res,
    'absenteeism',
    format,
    AbsenteeismRowShape,
    await absenteeism(requireUser(req), rangeOf(range)),
  );
}

export async function overtimeHandler(req: Request, res: Response): Promise<void> {
  const { format, ...range } = queryOf(req, RangeReportQuery);
  sendRows(res, 'overtime', format, OvertimeRowShape, await overtime(requireUser(req), rangeOf(range)));
}

export async function complianceHandler(req: Request, res: Response): Promise<void> {
  const { format, ...range } = queryOf(req, RangeReportQuery);
  sendRows(
    res,
    'compliance',
    format,
    ComplianceViolationShape,
    await compliance(requireUser(req), rangeOf(range)),
  );
}

export async function todayAnalyticsHandler(req: Request, res: Response): Promise<void> {
  res.json(await today(requireUser(req)));
}

import type { Request, Response } from 'express';
import { getConfig } from '../../config';
import { requireUser } from '../../http/authenticate';
import { streamCsv } from '../../http/csv-response';
import { queryOf } from '../../http/request-data';
import { addDays, todayIn } from '../../lib/dates';
import { pageRequest } from '../../lib/pagination';
import { listFreshAttendance } from './fresh-reads.service';
import { ATTENDANCE_CSV_COLUMNS, AttendanceListQuery } from './attendance-export.schemas';
import { attendanceCsvRows } from './attendance-export.service';

/** Daily records (default: the last 31 days) as a JSON page, or with `format=csv` all of them as CSV. */
export async function listOrExportAttendanceHandler(req: Request, res: Response): Promise<void> {
  const { page, limit, format, employeeId, ...range } = queryOf(req, AttendanceListQuery);
  const to = range.to ?? todayIn(getConfig().COMPANY_TIMEZONE);
  const query = { from: range.from ?? addDays(to, -30), to, ...(employeeId ? { employeeId } : {}) };
  if (format === 'csv') {
    await streamCsv(res, 'attendance', ATTENDANCE_CSV_COLUMNS, attendanceCsvRows(requireUser(req), query));
    return;
  }
  res.json(await listFreshAttendance(requireUser(req), query, pageRequest({ page, limit })));
}

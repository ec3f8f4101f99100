import type { Request, Response } from 'express';
import { requireUser } from '../../http/authenticate';
import { streamCsv } from '../../http/csv-response';
import { queryOf } from '../../http/request-data';
import { pageRequest } from '../../lib/pagination';
import { listLeaveRequests } from './leave-request-queries.service';
import { LEAVE_REQUEST_CSV_COLUMNS, LeaveRequestListQuery } from './leave-requests-export.schemas';
import { leaveRequestCsvRows } from './leave-requests-export.service';

/** A page of requests as JSON, or with `format=csv` every matching request as a CSV download. */
export async function listOrExportLeaveRequestsHandler(req: Request, res: Response): Promise<void> {
  const { page, limit, format, ...filters } = queryOf(req, LeaveRequestListQuery);
  if (format === 'csv') {
    await streamCsv(
      res,
      'leave-requests',
      LEAVE_REQUEST_CSV_COLUMNS,
      leaveRequestCsvRows(requireUser(req), filters),
    );
    return;
  }
  res.json(await listLeaveRequests(requireUser(req), filters, pageRequest({ page, limit })));
}

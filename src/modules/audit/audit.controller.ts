import type { Request, Response } from 'express';
import { queryOf } from '../../http/request-data';
import { pageRequest } from '../../lib/pagination';
import { AuditQuery } from './audit.schemas';
import { listAuditLogs } from './audit.service';

export async function listAuditLogsHandler(req: Request, res: Response): Promise<void> {
  const { page, limit, ...filters } = queryOf(req, AuditQuery);
  res.json(await listAuditLogs(filters, pageRequest({ page, limit })));
}

import type { Request, Response } from 'express';
import { validQuery } from '../../http/request-data';
import { pageRequest } from '../../lib/pagination';
import type { AuditFilters } from './audit.service';
import { listAuditLogs } from './audit.service';

export async function listAuditLogsHandler(req: Request, res: Response): Promise<void> {
  const query = validQuery<AuditFilters & { page?: number; limit?: number }>(req);
  res.json(await listAuditLogs(query, pageRequest(query)));
}

import type { Request, Response } from 'express';
import { paramsOf, queryOf } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import { pageRequest } from '../../lib/pagination';
import { OutboxListQuery } from './outbox-admin.schemas';
import { listOutbox, retryOutboxEmail } from './outbox-admin.service';

export async function listOutboxHandler(req: Request, res: Response): Promise<void> {
  const { page, limit, ...filters } = queryOf(req, OutboxListQuery);
  res.json(await listOutbox(filters, pageRequest({ page, limit })));
}

export async function retryOutboxEmailHandler(req: Request, res: Response): Promise<void> {
  res.status(202).json(await retryOutboxEmail(paramsOf(req, ID_PARAMS).id));
}

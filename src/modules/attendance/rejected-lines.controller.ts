import type { Request, Response } from 'express';
import { paramsOf, queryOf } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import { pageRequest } from '../../lib/pagination';
import { RejectedLinesQuery } from './rejected-lines.schemas';
import { listRejectedLines } from './rejected-lines.service';

export async function listRejectedLinesHandler(req: Request, res: Response): Promise<void> {
  const { page, limit } = queryOf(req, RejectedLinesQuery);
  res.json(await listRejectedLines(paramsOf(req, ID_PARAMS).id, pageRequest({ page, limit })));
}

import type { Request, Response } from 'express';
import { requireUser } from '../../http/authenticate';
import { bodyOf, paramsOf, queryOf } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import { pageRequest } from '../../lib/pagination';
import { resolveException } from './attendance-corrections.service';
import { ExceptionListQuery, ExceptionResolveBody } from './attendance-exceptions.schemas';
import { listFreshExceptions } from './fresh-reads.service';

export async function listExceptionsHandler(req: Request, res: Response): Promise<void> {
  const { page, limit, ...filters } = queryOf(req, ExceptionListQuery);
  res.json(await listFreshExceptions(requireUser(req), filters, pageRequest({ page, limit })));
}

export async function resolveExceptionHandler(req: Request, res: Response): Promise<void> {
  const { id } = paramsOf(req, ID_PARAMS);
  res.json(await resolveException(requireUser(req), id, bodyOf(req, ExceptionResolveBody)));
}

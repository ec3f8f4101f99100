import type { Request, Response } from 'express';
import { requireUser } from '../../http/authenticate';
import { bodyOf, paramsOf, queryOf } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import { pageRequest } from '../../lib/pagination';
import { PayrollPeriodCreateBody, PayrollPeriodListQuery, PayrollPeriodReopenBody } from './periods.schemas';
import { closePeriod, createPeriod, getPeriod, listPeriods, reopenPeriod } from './periods.service';

export async function createPeriodHandler(req: Request, res: Response): Promise<void> {
  const period = await createPeriod(bodyOf(req, PayrollPeriodCreateBody), requireUser(req).id);
  res.status(201).location(`/api/v1/payroll-periods/${period.id}`).json(period);
}

export async function listPeriodsHandler(req: Request, res: Response): Promise<void> {
  const { status, page, limit } = queryOf(req, PayrollPeriodListQuery);
  res.json(await listPeriods({ status }, pageRequest({ page, limit })));
}

export async function getPeriodHandler(req: Request, res: Response): Promise<void> {
  res.json(await getPeriod(paramsOf(req, ID_PARAMS).id));
}

export async function reopenPeriodHandler(req: Request, res: Response): Promise<void> {
  const { reason } = bodyOf(req, PayrollPeriodReopenBody);
  res.json(await reopenPeriod(paramsOf(req, ID_PARAMS).id, reason, requireUser(req).id));
}

export async function closePeriodHandler(req: Request, res: Response): Promise<void> {
  res.json(await closePeriod(paramsOf(req, ID_PARAMS).id, requireUser(req).id));
}

import type { Request, Response } from 'express';
import { requireUser } from '../../http/authenticate';
import { bodyOf, paramsOf, queryOf } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import { pageRequest } from '../../lib/pagination';
import { DelegationCreateBody, DelegationListQuery } from './delegations.schemas';
import { createDelegation, listDelegations, revokeDelegation } from './delegations.service';

export async function createDelegationHandler(req: Request, res: Response): Promise<void> {
  const delegation = await createDelegation(requireUser(req), bodyOf(req, DelegationCreateBody));
  res.status(201).location(`/api/v1/delegations/${delegation.id}`).json(delegation);
}

export async function listDelegationsHandler(req: Request, res: Response): Promise<void> {
  const { current, page, limit } = queryOf(req, DelegationListQuery);
  res.json(await listDelegations(requireUser(req), { current }, pageRequest({ page, limit })));
}

export async function revokeDelegationHandler(req: Request, res: Response): Promise<void> {
  await revokeDelegation(requireUser(req), paramsOf(req, ID_PARAMS).id);
  res.status(204).end();
}

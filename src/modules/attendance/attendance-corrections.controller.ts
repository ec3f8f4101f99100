import type { Request, Response } from 'express';
import { requireUser } from '../../http/authenticate';
import { bodyOf, paramsOf, queryOf } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import { pageRequest } from '../../lib/pagination';
import { decideCorrection, listCorrections, requestCorrection } from './attendance-corrections.service';
import {
  CorrectionCreateBody,
  OptionalCorrectionDecisionBody,
  CorrectionListQuery,
} from './attendance-exceptions.schemas';

export async function requestCorrectionHandler(req: Request, res: Response): Promise<void> {
  const correction = await requestCorrection(requireUser(req), bodyOf(req, CorrectionCreateBody));
  res.status(201).json(correction);
}

export async function listCorrectionsHandler(req: Request, res: Response): Promise<void> {
  const { page, limit, ...filters } = queryOf(req, CorrectionListQuery);
  res.json(await listCorrections(requireUser(req), filters, pageRequest({ page, limit })));
}

function decide(decision: 'approved' | 'rejected') {
  return async (req: Request, res: Response): Promise<void> => {
    const { id } = paramsOf(req, ID_PARAMS);
    const comment = bodyOf(req, OptionalCorrectionDecisionBody)?.comment;
    res.json(await decideCorrection(requireUser(req), id, decision, comment));
  };
}

export const approveCorrectionHandler = decide('approved');
export const rejectCorrectionHandler = decide('rejected');

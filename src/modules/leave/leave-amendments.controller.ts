import type { Request, Response } from 'express';
import { requireUser } from '../../http/authenticate';
import { ifMatchOf } from '../../http/if-match';
import { bodyOf, paramsOf } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import { LeaveAmendBody, LeaveRequestEditBody } from './leave-amendments.schemas';
import { LeaveDecisionBody } from './leave.schemas';
import { decideAmendment } from './leave-amendment-decisions.service';
import { amendLeaveRequest } from './leave-amendments.service';
import { editLeaveRequest } from './leave-request-edit.service';

export async function editLeaveRequestHandler(req: Request, res: Response): Promise<void> {
  const id = paramsOf(req, ID_PARAMS).id;
  res.json(await editLeaveRequest(requireUser(req), id, bodyOf(req, LeaveRequestEditBody), ifMatchOf(req)));
}

export async function amendLeaveRequestHandler(req: Request, res: Response): Promise<void> {
  const id = paramsOf(req, ID_PARAMS).id;
  const result = await amendLeaveRequest(requireUser(req), id, bodyOf(req, LeaveAmendBody), ifMatchOf(req));
  res.status(result.outcome === 'applied' ? 200 : 202).json(result.request);
}

function decideHandler(decision: 'approve' | 'reject') {
  return async (req: Request, res: Response): Promise<void> => {
    res.json(
      await decideAmendment(
        requireUser(req),
        paramsOf(req, ID_PARAMS).id,
        decision,
        bodyOf(req, LeaveDecisionBody.optional())?.comment,
        ifMatchOf(req),
      ),
    );
  };
}

export const approveAmendmentHandler = decideHandler('approve');
export const rejectAmendmentHandler = decideHandler('reject');

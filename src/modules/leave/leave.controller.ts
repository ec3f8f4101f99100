import type { Request, Response } from 'express';
import { requireUser } from '../../http/authenticate';
import { ifMatchOf } from '../../http/if-match';
import { bodyOf, paramsOf, queryOf } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import {
  BalancesQuery,
  LeaveAdjustmentCreateBody,
  LeaveCalendarQuery,
  LeaveDecisionBody,
  LeaveDecisionsBody,
  LeaveRequestCreateBody,
} from './leave.schemas';
import { createAdjustment, getBalances } from './balances.service';
import { getLeaveCalendar } from './leave-calendar.service';
import { cancelLeaveRequest, submitLeaveRequest } from './leave-requests.service';
import type { Decision } from './leave-decisions.service';
import { decideLeaveRequest, decideMany } from './leave-decisions.service';
import { getCoverage } from './leave-coverage.service';
import { getLeaveRequest } from './leave-request-queries.service';

export async function submitLeaveRequestHandler(req: Request, res: Response): Promise<void> {
  const request = await submitLeaveRequest(requireUser(req), bodyOf(req, LeaveRequestCreateBody));
  res.status(201).location(`/api/v1/leave-requests/${request.id}`).json(request);
}

export async function getLeaveRequestHandler(req: Request, res: Response): Promise<void> {
  res.json(await getLeaveRequest(requireUser(req), paramsOf(req, ID_PARAMS).id));
}

function decisionHandler(decision: Decision) {
  return async (req: Request, res: Response): Promise<void> => {
    const body = bodyOf(req, LeaveDecisionBody.optional());
    res.json(
      await decideLeaveRequest(requireUser(req), paramsOf(req, ID_PARAMS).id, decision, {
        comment: body?.comment,
        coverageOverrideReason: body?.coverageOverrideReason,
        ifMatch: ifMatchOf(req),
      }),
    );
  };
}

export const approveLeaveRequestHandler = decisionHandler('approve');
export const rejectLeaveRequestHandler = decisionHandler('reject');

export async function decideManyHandler(req: Request, res: Response): Promise<void> {
  const { ids, decision, comment } = bodyOf(req, LeaveDecisionsBody);
  res.json({ results: await decideMany(requireUser(req), ids, decision, comment) });
}

export async function getCoverageHandler(req: Request, res: Response): Promise<void> {
  res.json(await getCoverage(requireUser(req), paramsOf(req, ID_PARAMS).id));
}

export async function cancelLeaveRequestHandler(req: Request, res: Response): Promise<void> {
  res.json(await cancelLeaveRequest(requireUser(req), paramsOf(req, ID_PARAMS).id, ifMatchOf(req)));
}

export async function getBalancesHandler(req: Request, res: Response): Promise<void> {
  const user = requireUser(req);
  const query = queryOf(req, BalancesQuery);
  const employeeId = query.employeeId ?? user.employeeId;
  if (!employeeId) {
    res.json([]);
    return;
  }
  res.json(await getBalances(user, employeeId, query.year));
}

export async function createAdjustmentHandler(req: Request, res: Response): Promise<void> {
  res.status(201).json(await createAdjustment(requireUser(req), bodyOf(req, LeaveAdjustmentCreateBody)));
}

export async function getLeaveCalendarHandler(req: Request, res: Response): Promise<void> {
  res.json(await getLeaveCalendar(requireUser(req), queryOf(req, LeaveCalendarQuery)));
}

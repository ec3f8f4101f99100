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
  LeaveRequestCreateBody,
} from './leave.schemas';
import { createAdjustment, getBalances } from './balances.service';
import { getLeaveCalendar } from './leave-calendar.service';
import { cancelLeaveRequest, decideLeaveRequest, submitLeaveRequest } from './leave-requests.service';
import { getLeaveRequest } from './leave-request-queries.service';

export async function submitLeaveRequestHandler(req: Request, res: Response): Promise<void> {
  const request = await submitLeaveRequest(requireUser(req), bodyOf(req, LeaveRequestCreateBody));
  res.status(201).location(`/api/v1/leave-requests/${request.id}`).json(request);
}

export async function getLeaveRequestHandler(req: Request, res: Response): Promise<void> {
  res.json(await getLeaveRequest(requireUser(req), paramsOf(req, ID_PARAMS).id));
}

export async function approveLeaveRequestHandler(req: Request, res: Response): Promise<void> {
  res.json(
    await decideLeaveRequest(
      requireUser(req),
      paramsOf(req, ID_PARAMS).id,
      'approve',
      bodyOf(req, LeaveDecisionBody.optional())?.comment,
      ifMatchOf(req),
    ),
  );
}

export async function rejectLeaveRequestHandler(req: Request, res: Response): Promise<void> {
  res.json(
    await decideLeaveRequest(
      requireUser(req),
      paramsOf(req, ID_PARAMS).id,
      'reject',
      bodyOf(req, LeaveDecisionBody.optional())?.comment,
      ifMatchOf(req),
    ),
  );
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

import type { Request, Response } from 'express';
import { requireUser } from '../../http/authenticate';
import { pathParam, validBody, validQuery } from '../../http/request-data';

import type { AdjustmentInput } from './balances.service';
import { createAdjustment, getBalances } from './balances.service';
import type { LeaveCalendarQuery } from './leave-calendar.service';
import { getLeaveCalendar } from './leave-calendar.service';
import type { SubmitLeaveInput } from './leave-requests.service';
import {
  cancelLeaveRequest,
  decideLeaveRequest,
  getLeaveRequest,
  submitLeaveRequest,
} from './leave-requests.service';

export async function submitLeaveRequestHandler(req: Request, res: Response): Promise<void> {
  const request = await submitLeaveRequest(requireUser(req), validBody<SubmitLeaveInput>(req));
  res.status(201).location(`/api/v1/leave-requests/${request.id}`).json(request);
}

export async function getLeaveRequestHandler(req: Request, res: Response): Promise<void> {
  res.json(await getLeaveRequest(requireUser(req), pathParam(req)));
}

export async function approveLeaveRequestHandler(req: Request, res: Response): Promise<void> {
  res.json(
    await decideLeaveRequest(
      requireUser(req),
      pathParam(req),
      'approve',
      validBody<{ comment?: string }>(req).comment,
    ),
  );
}

export async function rejectLeaveRequestHandler(req: Request, res: Response): Promise<void> {
  res.json(
    await decideLeaveRequest(
      requireUser(req),
      pathParam(req),
      'reject',
      validBody<{ comment?: string }>(req).comment,
    ),
  );
}

export async function cancelLeaveRequestHandler(req: Request, res: Response): Promise<void> {
  res.json(await cancelLeaveRequest(requireUser(req), pathParam(req)));
}

export async function getBalancesHandler(req: Request, res: Response): Promise<void> {
  const user = requireUser(req);
  const query = validQuery<{ employeeId?: string; year?: number }>(req);
  const employeeId = query.employeeId ?? user.employeeId;
  if (!employeeId) {
    res.json([]);
    return;
  }
  res.json(await getBalances(user, employeeId, query.year));
}

export async function createAdjustmentHandler(req: Request, res: Response): Promise<void> {
  res.status(201).json(await createAdjustment(requireUser(req), validBody<AdjustmentInput>(req)));
}

export async function getLeaveCalendarHandler(req: Request, res: Response): Promise<void> {
  res.json(await getLeaveCalendar(requireUser(req), validQuery<LeaveCalendarQuery>(req)));
}

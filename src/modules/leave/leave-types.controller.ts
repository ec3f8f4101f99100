import type { Request, Response } from 'express';
import { getConfig } from '../../config';
import { requireUser } from '../../http/authenticate';
import { ifMatchOf } from '../../http/if-match';
import { bodyOf, paramsOf, queryOf } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import { todayIn, yearOf } from '../../lib/dates';
import { createHoliday, deleteHoliday, getHoliday, listHolidays, updateHoliday } from './holidays.service';
import {
  HolidayCreateBody,
  HolidayListQuery,
  HolidayUpdateBody,
  LeaveTypeCreateBody,
  LeaveTypeListQuery,
  LeaveTypeUpdateBody,
} from './leave-types.schemas';
import {
  createLeaveType,
  deleteLeaveType,
  getLeaveType,
  listLeaveTypes,
  updateLeaveType,
} from './leave-types.service';

export async function createLeaveTypeHandler(req: Request, res: Response): Promise<void> {
  const type = await createLeaveType(bodyOf(req, LeaveTypeCreateBody));
  res.status(201).location(`/api/v1/leave-types/${type.id}`).json(type);
}

export async function listLeaveTypesHandler(req: Request, res: Response): Promise<void> {
  const { includeInactive } = queryOf(req, LeaveTypeListQuery);
  const all = requireUser(req).role === 'admin' && includeInactive === true;
  res.json(await listLeaveTypes(all));
}

export async function getLeaveTypeHandler(req: Request, res: Response): Promise<void> {
  res.json(await getLeaveType(paramsOf(req, ID_PARAMS).id));
}

export async function updateLeaveTypeHandler(req: Request, res: Response): Promise<void> {
  res.json(
    await updateLeaveType(paramsOf(req, ID_PARAMS).id, bodyOf(req, LeaveTypeUpdateBody), ifMatchOf(req)),
  );
}

export async function deleteLeaveTypeHandler(req: Request, res: Response): Promise<void> {
  await deleteLeaveType(paramsOf(req, ID_PARAMS).id, ifMatchOf(req));
  res.status(204).end();
}

export async function createHolidayHandler(req: Request, res: Response): Promise<void> {
  const holiday = await createHoliday(bodyOf(req, HolidayCreateBody));
  res.status(201).location(`/api/v1/holidays/${holiday.id}`).json(holiday);
}

export async function listHolidaysHandler(req: Request, res: Response): Promise<void> {
  const query = queryOf(req, HolidayListQuery);
  res.json(
    await listHolidays({
      year: query.year ?? yearOf(todayIn(getConfig().COMPANY_TIMEZONE)),
      ...(query.calendar ? { calendar: query.calendar } : {}),
    }),
  );
}

export async function getHolidayHandler(req: Request, res: Response): Promise<void> {
  res.json(await getHoliday(paramsOf(req, ID_PARAMS).id));
}

export async function updateHolidayHandler(req: Request, res: Response): Promise<void> {
  res.json(await updateHoliday(paramsOf(req, ID_PARAMS).id, bodyOf(req, HolidayUpdateBody)));
}

export async function deleteHolidayHandler(req: Request, res: Response): Promise<void> {
  await deleteHoliday(paramsOf(req, ID_PARAMS).id);
  res.status(204).end();
}

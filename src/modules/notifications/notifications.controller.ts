import type { Request, Response } from 'express';
import { requireUser } from '../../http/authenticate';
import { paramsOf, queryOf } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import { pageRequest } from '../../lib/pagination';
import { NotificationListQuery } from './notifications.schemas';
import { listNotifications, markNotificationRead } from './notifications.service';

export async function listNotificationsHandler(req: Request, res: Response): Promise<void> {
  const { page, limit, unread } = queryOf(req, NotificationListQuery);
  res.json(
    await listNotifications(requireUser(req).id, { unread: unread === true }, pageRequest({ page, limit })),
  );
}

export async function markNotificationReadHandler(req: Request, res: Response): Promise<void> {
  await markNotificationRead(requireUser(req).id, paramsOf(req, ID_PARAMS).id);
  res.status(204).end();
}

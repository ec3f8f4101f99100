import type { Request, Response } from 'express';
import { requireUser } from '../../http/authenticate';
import { bodyOf, paramsOf, queryOf } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import { pageRequest } from '../../lib/pagination';
import { NotificationListQuery, NotificationPreferencesShape } from './notifications.schemas';
import { listNotifications, markNotificationRead } from './notifications.service';
import { getPreferences, setPreferences } from './preferences.service';

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

export async function getPreferencesHandler(req: Request, res: Response): Promise<void> {
  res.json(await getPreferences(requireUser(req).id));
}

export async function setPreferencesHandler(req: Request, res: Response): Promise<void> {
  res.json(await setPreferences(requireUser(req).id, bodyOf(req, NotificationPreferencesShape)));
}

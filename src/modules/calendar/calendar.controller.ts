import type { Request, Response } from 'express';
import { requireUser } from '../../http/authenticate';
import { paramsOf } from '../../http/request-data';
import { findActiveUser } from '../auth';
import { FeedTokenParams } from './calendar.schemas';
import { issueFeed, renderFeed, revokeFeeds } from './calendar.service';

export async function issueCalendarFeedHandler(req: Request, res: Response): Promise<void> {
  res.json(await issueFeed(requireUser(req)));
}

export async function revokeCalendarFeedsHandler(req: Request, res: Response): Promise<void> {
  await revokeFeeds(requireUser(req).id);
  res.status(204).end();
}

export async function calendarFeedHandler(req: Request, res: Response): Promise<void> {
  const body = await renderFeed(paramsOf(req, FeedTokenParams).token, findActiveUser);
  res.type('text/calendar; charset=utf-8').set('Cache-Control', 'private, max-age=300').send(body);
}

import type { Request, Response } from 'express';
import { param } from 'express-validator';
import { NO_CONTENT, jsonResponse, problemResponses } from '../../http/openapi/components';
import { requireUser } from '../../http/authenticate';
import { pathParam } from '../../http/request-data';
import type { RouteDefinition } from '../../http/routes';
import { findActiveUser } from '../auth';
import { ANY_ROLE } from '../auth/roles';
import { issueFeed, renderFeed, revokeFeeds } from './calendar.service';

async function issueHandler(req: Request, res: Response): Promise<void> {
  res.json(await issueFeed(requireUser(req)));
}

async function revokeHandler(req: Request, res: Response): Promise<void> {
  await revokeFeeds(requireUser(req).id);
  res.status(204).end();
}

async function feedHandler(req: Request, res: Response): Promise<void> {
  const body = await renderFeed(pathParam(req, 'token'), findActiveUser);
  res.type('text/calendar; charset=utf-8').set('Cache-Control', 'private, max-age=300').send(body);
}

export const calendarRoutes: RouteDefinition[] = [
  {
    method: 'post',
    path: '/api/v1/calendar/feed',
    access: ANY_ROLE,
    handlers: [issueHandler],
    doc: {
      tags: ['Calendar'],
      summary: 'Issue your secret iCalendar feed URL (earlier URLs stop working)',
      responses: {
        '200': jsonResponse('The feed URL', {
          type: 'object',
          required: ['url'],
          properties: { url: { type: 'string', format: 'uri' } },
        }),
      },
    },
  },
  {
    method: 'delete',
    path: '/api/v1/calendar/feed',
    access: ANY_ROLE,
    handlers: [revokeHandler],
    doc: { tags: ['Calendar'], summary: 'Revoke your feed URLs', responses: { '204': NO_CONTENT } },
  },
  {
    method: 'get',
    path: '/api/v1/calendar/feeds/:token.ics',
    access: 'public',
    validators: [
      param('token')
        .matches(/^[A-Za-z0-9_-]{20,100}$/)
        .withMessage('is malformed'),
    ],
    handlers: [feedHandler],
    doc: {
      tags: ['Calendar'],
      summary: 'iCalendar feed (no login: the token in the URL is the credential)',
      description:
        'Approved leave of the owner and, for managers and admins, of everyone in their scope, as all-day events with stable UIDs.',
      responses: {
        '200': {
          description: 'RFC 5545 calendar',
          content: { 'text/calendar': { schema: { type: 'string' } } },
        },
        ...problemResponses(404),
      },
    },
  },
];

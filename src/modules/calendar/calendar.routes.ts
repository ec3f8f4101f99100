import { NO_CONTENT, jsonResponse, problemResponses } from '../../http/openapi/components';
import type { RouteDefinition } from '../../http/routes';
import { ANY_ROLE } from '../auth';
import * as calendar from './calendar.controller';
import { CalendarFeedShape, FeedTokenParams } from './calendar.schemas';

const tags = ['Calendar'];

/** What `renderFeed` writes for one approved leave (ical-generator output). */
const FEED_EXAMPLE = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//attendance-leave-api//leave-feed//EN',
  'METHOD:PUBLISH',
  'NAME:Leave',
  'X-WR-CALNAME:Leave',
  'BEGIN:VEVENT',
  'UID:leave-665f1c2e9b1e8a0012345678@attendance-leave-api',
  'SEQUENCE:0',
  'DTSTAMP:20261202T012734Z',
  'DTSTART;VALUE=DATE:20261207',
  'DTEND;VALUE=DATE:20261210',
  'X-MICROSOFT-CDO-ALLDAYEVENT:TRUE',
  'X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT:TRUE',
  'SUMMARY:Ada Lovelace: ANNUAL (3 days)',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

export const calendarRoutes: RouteDefinition[] = [
  {
    method: 'post',
    path: '/api/v1/calendar/feed',
    access: ANY_ROLE,
    handlers: [calendar.issueCalendarFeedHandler],
    doc: {
      tags,
      operationId: 'issueCalendarFeed',
      summary: 'Issue your secret iCalendar feed URL (earlier URLs stop working)',
      responses: { '200': jsonResponse('The feed URL', CalendarFeedShape) },
    },
  },
  {
    method: 'delete',
    path: '/api/v1/calendar/feed',
    access: ANY_ROLE,
    handlers: [calendar.revokeCalendarFeedsHandler],
    doc: {
      tags,
      operationId: 'revokeCalendarFeeds',
      summary: 'Revoke your feed URLs',
      responses: { '204': NO_CONTENT },
    },
  },
  {
    method: 'get',
    path: '/api/v1/calendar/feeds/:token.ics',
    access: 'public',
    request: { params: FeedTokenParams },
    handlers: [calendar.calendarFeedHandler],
    doc: {
      tags,
      operationId: 'getCalendarFeed',
      summary: 'iCalendar feed (no login: the token in the URL is the credential)',
      description:
        'Approved leave of the owner and, for managers and admins, of everyone in their scope, as all-day events with stable UIDs.',
      responses: {
        '200': {
          description: 'RFC 5545 calendar',
          content: { 'text/calendar': { schema: { type: 'string' }, example: FEED_EXAMPLE } },
        },
        ...problemResponses(404),
      },
    },
  },
];

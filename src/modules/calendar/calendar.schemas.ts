import { s } from '../../http/shape/builders';
import type { Infer } from '../../http/shape/field';

/** Calendar feed shapes, declared once: request checks, the document and the types. */

export const CalendarFeedShape = s
  .object({
    url: s
      .str()
      .describe('Secret iCalendar URL: whoever has it sees the leave in it, without signing in')
      .example('https://hr.example.com/api/v1/calendar/feeds/q8PbX0m1S7c2Yw9LkR4tZ6uJ3hVn5aDe.ics'),
  })
  .named('CalendarFeed');
export type CalendarFeedDto = Infer<typeof CalendarFeedShape>;

export const FeedTokenParams = s.object({
  token: s
    .string({
      min: 20,
      max: 100,
      pattern: '^[A-Za-z0-9_-]+$',
      hint: 'must be the token of a feed URL (20 to 100 letters, digits, _ or -)',
    })
    .describe('The secret token of the feed URL'),
});

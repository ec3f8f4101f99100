import { s } from '../../http/shape/builders';
import { PAGE_QUERY, pageOf } from '../../http/shape/common';
import type { Infer } from '../../http/shape/field';

/** Notification shapes, declared once: request checks, the document and the types. */

export const NotificationListQuery = s.object({
  ...PAGE_QUERY,
  unread: s.boolean().optional().describe('true: only notifications not read yet'),
});

export const NotificationShape = s
  .object({
    id: s.id(),
    type: s
      .str()
      .describe('leave.submitted, leave.approved, leave.rejected, leave.cancelled or leave.reminder')
      .example('leave.approved'),
    title: s.str(),
    body: s.str(),
    data: s.record(s.unknown()).describe('e.g. requestId, employeeId, startDate, endDate'),
    read: s.boolean(),
    readAt: s.dateTime().nullable(),
    createdAt: s.dateTime(),
  })
  .named('Notification');
export type NotificationDto = Infer<typeof NotificationShape>;
export const NotificationPage = pageOf(NotificationShape);

export const NotificationPreferencesShape = s
  .object({
    calendarInvitations: s
      .object({
        self: s
          .boolean()
          .describe('Email a calendar invitation when your own leave is approved, amended or cancelled')
          .example(true),
        asManager: s
          .boolean()
          .describe('Email a calendar invitation for the leave of your direct reports as well')
          .example(false),
      })
      .describe('iCalendar invitations by email (default: self true, asManager false)'),
  })
  .named('NotificationPreferences');
export type NotificationPreferencesDto = Infer<typeof NotificationPreferencesShape>;

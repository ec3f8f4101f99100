import ICAL from 'ical.js';
import type { Person } from './factories';
import { mimeParts } from './mime';
import type { startSmtpSink } from './smtp-sink';

type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

/** Calendar invitations as a calendar application reads them, parsed with ical.js. */

export interface Invitation {
  method: string;
  uid: string;
  sequence: number;
  start: string;
  end: string;
  allDay: boolean;
  status: string;
  summary: string;
  organizer: string;
  attendees: string[];
}

export function parseInvitation(ics: string): Invitation {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const [vevent, ...more] = calendar.getAllSubcomponents('vevent');
  expect(more).toHaveLength(0);
  const event = new ICAL.Event(vevent);
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toString(),
    end: event.endDate.toString(),
    allDay: event.startDate.isDate && event.endDate.isDate,
    status: String(vevent!.getFirstPropertyValue('status')),
    summary: event.summary,
    organizer: String(vevent!.getFirstPropertyValue('organizer')).replace(/^mailto:/i, 'mailto:'),
    attendees: event.attendees.map((a) => String(a.getFirstValue()).replace(/^mailto:/i, 'mailto:')),
  };
}

/** The invitations (text/calendar alternative and .ics attachment, which must agree) mailed to `person`. */
export function invitationsIn(sink: SmtpSink, person: Person): Invitation[] {
  return sink.received
    .filter((m) => m.to.includes(person.email))
    .flatMap((m) => {
      const parts = mimeParts(m.raw);
      const alternative = parts.find((p) => /^text\/calendar/i.test(p.contentType));
      if (!alternative) return [];
      const method = /method=([A-Z]+)/i.exec(alternative.contentType)?.[1];
      const attachment = parts.find(
        (p) => /attachment/i.test(p.disposition) && /\.ics/.test(p.contentType + p.disposition),
      );
      expect(attachment?.body).toBe(alternative.body);
      const invitation = parseInvitation(alternative.body);
      expect(invitation.method).toBe(method);
      return [invitation];
    });
}

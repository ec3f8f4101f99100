import ICAL from 'ical.js';
import mongoose from 'mongoose';
import request from 'supertest';
import { setConfigForTests } from '../../../src/config';
import { setClockForTests } from '../../../src/lib/clock';
import { resetMailTransport } from '../../../src/lib/mailer';
import { inviteOnLeaveAmended, processOutbox } from '../../../src/modules/notifications';
import { OutboxEmail } from '../../../src/modules/notifications/outbox-email.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { apiDriver } from '../../support/driver';
import type { Person } from '../../support/factories';
import { makeOrganisation } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';
import { mimeParts } from '../../support/mime';
import { invitationsIn } from '../../support/invitations';
import { startSmtpSink } from '../../support/smtp-sink';

useTestDatabase();
const app = testApp();
const driver = apiDriver(app);
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.stop();
  setClockForTests(undefined);
});
beforeEach(() => setClockForTests('2026-11-23T10:00:00Z'));

const invitationsTo = (person: Person) => invitationsIn(sink, person);

async function submit(person: Person, startDate: string, endDate: string, extra: object = {}) {
  const type = await makeLeaveType({ name: 'Annual leave' });
  return driver.submitLeave(person, { leaveTypeId: type.id, startDate, endDate, ...extra });
}

/** Issues the person's feed and reads it through the API: UID -> SEQUENCE of each event. */
async function feedOf(person: Person): Promise<Map<string, number>> {
  const issued = await request(app).post('/api/v1/calendar/feed').set(person.auth).expect(200);
  const feed = await request(app).get(new URL(issued.body.url).pathname).expect(200);
  const calendar = new ICAL.Component(ICAL.parse(feed.text));
  return new Map(
    calendar.getAllSubcomponents('vevent').map((v) => {
      const event = new ICAL.Event(v);
      return [event.uid, event.sequence] as const;
    }),
  );
}

const setPreferences = (person: Person, self: boolean, asManager: boolean) =>
  request(app)
    .put('/api/v1/notifications/preferences')
    .set(person.auth)
    .send({ calendarInvitations: { self, asManager } })
    .expect(200);

describe('calendar invitations', () => {
  it('when leave is approved then the employee gets a METHOD:REQUEST all-day invitation with the UID and SEQUENCE of the feed', async () => {
    const org = await makeOrganisation();
    const { id } = await submit(org.direct, '2026-12-07', '2026-12-09');
    await driver.decideLeave(org.manager, id, 'approve');
    await processOutbox();

    const [invitation, ...others] = invitationsTo(org.direct);
    expect(others).toHaveLength(0);
    expect(invitation).toMatchObject({
      method: 'REQUEST',
      sequence: 0,
      start: '2026-12-07',
      end: '2026-12-10',
      allDay: true,
      status: 'CONFIRMED',
      organizer: 'mailto:hr@example.com',
      attendees: [`mailto:${org.direct.email}`],
    });
    expect(invitation!.summary).toContain(org.direct.employee!.fullName);
    const feed = await feedOf(org.direct);
    expect(feed.get(invitation!.uid)).toBe(0);
    expect([...feed.keys()]).toEqual([invitation!.uid]);
    // The manager did not opt in: their mail (the submission) carries no invitation.
    expect(invitationsTo(org.manager)).toEqual([]);
  });

  it('when approved leave is cancelled then a METHOD:CANCEL with the same UID and a higher SEQUENCE follows', async () => {
    const org = await makeOrganisation();
    const { id } = await submit(org.direct, '2026-12-14', '2026-12-15');
    await driver.decideLeave(org.manager, id, 'approve');
    await processOutbox();
    const [approved] = invitationsTo(org.direct);
    await driver.cancelLeave(org.direct, id);
    await processOutbox();

    const cancelled = invitationsTo(org.direct)[1];
    expect(cancelled).toMatchObject({
      method: 'CANCEL',
      uid: approved!.uid,
      sequence: approved!.sequence + 1,
      start: '2026-12-14',
      end: '2026-12-16',
      allDay: true,
      status: 'CANCELLED',
    });
  });

  it('when an approved request is amended then an update REQUEST with a higher SEQUENCE is sent once, and a later cancellation goes higher still', async () => {
    const org = await makeOrganisation();
    const { id } = await submit(org.direct, '2026-12-07', '2026-12-11');
    const approved = await driver.decideLeave(org.manager, id, 'approve');
    const amended = {
      requestId: id,
      employeeId: org.direct.employee!.id,
      leaveTypeName: 'Annual leave',
      startDate: '2026-12-07',
      endDate: '2026-12-09',
      halfDayEnd: true,
      days: 2.5,
      status: 'approved',
      revision: 1,
    };
    await inviteOnLeaveAmended(amended);
    await inviteOnLeaveAmended(amended); // a retried event sends nothing new
    await processOutbox();
    const [first, update, ...rest] = invitationsTo(org.direct);
    expect(rest).toHaveLength(0);
    expect(update).toMatchObject({
      method: 'REQUEST',
      uid: first!.uid,
      sequence: 1,
      start: '2026-12-07',
      end: '2026-12-10',
      allDay: true,
    });
    expect(approved.status).toBe('approved');
    expect((await feedOf(org.direct)).get(first!.uid)).toBe(1);

    await driver.cancelLeave(org.direct, id);
    await processOutbox();
    expect(invitationsTo(org.direct)[2]).toMatchObject({ method: 'CANCEL', uid: first!.uid, sequence: 2 });
  });

  it('when a manager opts in then they get invitations for their reports; an employee who opts out gets none', async () => {
    const org = await makeOrganisation();
    const defaults = await request(app)
      .get('/api/v1/notifications/preferences')
      .set(org.manager.auth)
      .expect(200);
    expect(defaults.body).toEqual({ calendarInvitations: { self: true, asManager: false } });
    const stored = await setPreferences(org.manager, true, true);
    expect(stored.body).toEqual({ calendarInvitations: { self: true, asManager: true } });
    await setPreferences(org.direct, false, false);
    expect(
      (await request(app).get('/api/v1/notifications/preferences').set(org.direct.auth).expect(200)).body,
    ).toEqual({ calendarInvitations: { self: false, asManager: false } });

    const { id } = await submit(org.direct, '2027-01-04', '2027-01-04', { halfDayStart: true });
    await driver.decideLeave(org.manager, id, 'approve');
    // The sub-manager's report: the manager is not their direct manager, so no copy.
    const indirect = await submit(org.indirect, '2027-01-05', '2027-01-05');
    await driver.decideLeave(org.subManager, indirect.id, 'approve');
    await processOutbox();

    expect(invitationsTo(org.direct)).toEqual([]);
    const [copy, ...more] = invitationsTo(org.manager);
    expect(more).toHaveLength(0);
    expect(copy).toMatchObject({ method: 'REQUEST', start: '2027-01-04', end: '2027-01-05', allDay: true });
    expect(copy!.attendees).toEqual([`mailto:${org.direct.email}`, `mailto:${org.manager.email}`]);
    expect(copy!.summary).toContain('(half day)');

    // Opting out again stops the copies.
    await setPreferences(org.manager, true, false);
    const next = await submit(org.direct, '2027-01-11', '2027-01-11');
    await driver.decideLeave(org.manager, next.id, 'approve');
    await processOutbox();
    expect(invitationsTo(org.manager)).toHaveLength(1);
  });

  it('when leave is rejected then no invitation is sent to anyone', async () => {
    const org = await makeOrganisation();
    await setPreferences(org.manager, true, true);
    const { id } = await submit(org.direct, '2027-02-01', '2027-02-02');
    await driver.decideLeave(org.manager, id, 'reject', 'Busy week');
    await processOutbox();
    expect(sink.received.some((m) => m.to.includes(org.direct.email))).toBe(true);
    expect(invitationsTo(org.direct)).toEqual([]);
    expect(invitationsTo(org.manager)).toEqual([]);
    expect(
      await OutboxEmail.countDocuments({
        to: org.direct.email,
        calendar: mongoose.trusted({ $exists: true }),
      }),
    ).toBe(0);
  });

  it('when preferences are not the declared shape then 400 names the field and nothing is stored', async () => {
    const org = await makeOrganisation();
    const res = await request(app)
      .put('/api/v1/notifications/preferences')
      .set(org.direct.auth)
      .send({ calendarInvitations: { self: 'yes', asManager: false } })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(res.body)).toContain('self');
    expect(
      (await request(app).get('/api/v1/notifications/preferences').set(org.direct.auth).expect(200)).body,
    ).toEqual({ calendarInvitations: { self: true, asManager: false } });
  });

  it('when the mail server fails then the retry sends the same invitation that was stored with the email', async () => {
    const org = await makeOrganisation();
    setConfigForTests({ SMTP_URL: 'smtp://127.0.0.1:1' });
    resetMailTransport();
    const { id } = await submit(org.direct, '2027-03-01', '2027-03-03');
    await driver.decideLeave(org.manager, id, 'approve');
    expect((await processOutbox()).failed).toBeGreaterThanOrEqual(1);
    const queued = await OutboxEmail.findOne({
      to: org.direct.email,
      calendar: mongoose.trusted({ $exists: true }),
    }).lean();
    expect(queued).toMatchObject({ status: 'pending', attempts: 1, calendar: { method: 'REQUEST' } });

    await sink.stop();
    sink = await startSmtpSink();
    setClockForTests(new Date(queued!.nextAttemptAt.getTime() + 1000));
    await processOutbox();
    const [invitation] = invitationsTo(org.direct);
    expect(invitation).toMatchObject({
      method: 'REQUEST',
      sequence: 0,
      start: '2027-03-01',
      end: '2027-03-04',
    });
    const sent = sink.received.find(
      (m) => m.to.includes(org.direct.email) && m.raw.includes('text/calendar'),
    );
    const alternative = mimeParts(sent!.raw).find((p) => /^text\/calendar/i.test(p.contentType));
    expect(alternative!.body.trim()).toBe(queued!.calendar!.content.trim());
  });
});

import ICAL from 'ical.js';
import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makeOrganisation } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';

useTestDatabase();
const app = testApp();
afterAll(() => setClockForTests(undefined));

async function approvedLeave(person: Person, approver: Person, startDate: string, endDate: string) {
  const type = await makeLeaveType({ code: `AL${Math.random().toString(36).slice(2, 6).toUpperCase()}` });
  const res = await request(app)
    .post('/api/v1/leave-requests')
    .set(person.auth)
    .send({ leaveTypeId: type.id, startDate, endDate })
    .expect(201);
  await request(app).post(`/api/v1/leave-requests/${res.body.id}/approve`).set(approver.auth).expect(200);
  return res.body as { id: string };
}

function feedPath(url: string): string {
  return new URL(url).pathname;
}

function parseEvents(body: string) {
  const component = new ICAL.Component(ICAL.parse(body));
  return component.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate,
    };
  });
}

describe('calendar feeds', () => {
  it("when a manager subscribes then the feed holds their team's approved leave as all-day events with stable UIDs", async () => {
    setClockForTests('2026-11-23T10:00:00Z');
    const org = await makeOrganisation();
    const mine = await approvedLeave(org.direct, org.manager, '2026-12-07', '2026-12-09');
    await approvedLeave(org.outsider, org.otherManager, '2026-12-07', '2026-12-07');
    const issued = await request(app).post('/api/v1/calendar/feed').set(org.manager.auth).expect(200);
    expect(issued.body.url).toMatch(/\/api\/v1\/calendar\/feeds\/[A-Za-z0-9_-]+\.ics$/);

    const res = await request(app).get(feedPath(issued.body.url)).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const events = parseEvents(res.text);
    expect(events).toEqual([
      {
        uid: `leave-${mine.id}@attendance-leave-api`,
        summary: expect.stringContaining(org.direct.employee!.fullName),
        start: '2026-12-07',
        end: '2026-12-10',
        allDay: true,
      },
    ]);
    // Fetching again gives the same UID: calendar apps update instead of duplicating.
    expect(parseEvents((await request(app).get(feedPath(issued.body.url)).expect(200)).text)[0]!.uid).toBe(
      events[0]!.uid,
    );

    const own = await request(app).post('/api/v1/calendar/feed').set(org.direct.auth).expect(200);
    const ownEvents = parseEvents((await request(app).get(feedPath(own.body.url)).expect(200)).text);
    expect(ownEvents.map((e) => e.summary)).toEqual([expect.stringMatching(/^You: /)]);
  });

  it('when a new URL is issued or the feed revoked then old URLs answer 404', async () => {
    const org = await makeOrganisation();
    const first = await request(app).post('/api/v1/calendar/feed').set(org.direct.auth).expect(200);
    const second = await request(app).post('/api/v1/calendar/feed').set(org.direct.auth).expect(200);
    await request(app).get(feedPath(first.body.url)).expect(404);
    await request(app).get(feedPath(second.body.url)).expect(200);
    await request(app).delete('/api/v1/calendar/feed').set(org.direct.auth).expect(204);
    await request(app).get(feedPath(second.body.url)).expect(404);
    await request(app).get('/api/v1/calendar/feeds/short.ics').expect(400);
    await request(app).post('/api/v1/calendar/feed').expect(401);
  });
});

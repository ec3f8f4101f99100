import request from 'supertest';
import { setConfigForTests } from '../../../src/config';
import { setClockForTests } from '../../../src/lib/clock';
import { resetMailTransport } from '../../../src/lib/mailer';
import { runJob } from '../../../src/jobs/jobs';
import { processOutbox } from '../../../src/modules/notifications';
import { messageIdOf } from '../../../src/modules/notifications/outbox.service';
import { Notification } from '../../../src/modules/notifications/notification.model';
import { OutboxEmail } from '../../../src/modules/notifications/outbox-email.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { apiDriver } from '../../support/driver';
import type { Person } from '../../support/factories';
import { makeOrganisation } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';
import { decodeBody, startSmtpSink } from '../../support/smtp-sink';

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

async function submit(person: Person, startDate: string, endDate: string, typeOverrides = {}) {
  const type = await makeLeaveType({ name: 'Annual leave', ...typeOverrides });
  return driver.submitLeave(person, { leaveTypeId: type.id, startDate, endDate });
}

const inbox = (person: Person) => request(app).get('/api/v1/notifications').set(person.auth).expect(200);

/** Bodies of every message the sink received for `address`, once at least one has arrived. */
async function mailBodiesTo(address: string): Promise<string[]> {
  await sink.waitFor(address);
  return sink.received.filter((m) => m.to.includes(address)).map((m) => decodeBody(m.raw));
}

describe('leave notifications', () => {
  it('when a request is submitted then the manager is notified once in-app and by a real email with name, dates and days', async () => {
    const org = await makeOrganisation();
    const { id } = await submit(org.direct, '2026-12-07', '2026-12-09');
    const notes = (await inbox(org.manager)).body.data as Array<{
      type: string;
      body: string;
      data: { requestId: string };
    }>;
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ type: 'leave.submitted', read: false, data: { requestId: id } });
    expect(notes[0]!.body).toContain(org.direct.employee!.fullName);
    expect((await inbox(org.direct)).body.total).toBe(0);

    await processOutbox();
    const bodies = await mailBodiesTo(org.manager.email);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toContain(org.direct.employee!.fullName);
    expect(bodies[0]).toContain('from 2026-12-07 to 2026-12-09 (3 days)');
    await processOutbox();
    expect(sink.received.filter((m) => m.to.includes(org.manager.email))).toHaveLength(1);
    expect(await OutboxEmail.countDocuments({ to: org.manager.email, status: 'sent' })).toBe(1);
  });

  it('when the manager rejects with a comment then the employee is told, with the comment', async () => {
    const org = await makeOrganisation();
    const { id } = await submit(org.direct, '2026-12-14', '2026-12-14');
    await request(app)
      .post(`/api/v1/leave-requests/${id}/reject`)
      .set(org.manager.auth)
      .send({ comment: 'Release week' })
      .expect(200);
    const notes = (await inbox(org.direct)).body.data as Array<{ type: string; body: string }>;
    expect(notes.map((n) => n.type)).toEqual(['leave.rejected']);
    expect(notes[0]!.body).toContain('Comment: Release week');
    await processOutbox();
    expect((await mailBodiesTo(org.direct.email)).some((b) => b.includes('was rejected'))).toBe(true);
  });

  it('when the employee cancels then the approver is told; the canceller is not', async () => {
    const org = await makeOrganisation();
    const { id } = await submit(org.direct, '2026-12-21', '2026-12-22');
    await request(app).post(`/api/v1/leave-requests/${id}/approve`).set(org.manager.auth).expect(200);
    await request(app).post(`/api/v1/leave-requests/${id}/cancel`).set(org.direct.auth).expect(200);
    const managerTypes = ((await inbox(org.manager)).body.data as Array<{ type: string }>)
      .map((n) => n.type)
      .sort();
    expect(managerTypes).toEqual(['leave.cancelled', 'leave.submitted']);
    const ownTypes = ((await inbox(org.direct)).body.data as Array<{ type: string }>)
      .map((n) => n.type)
      .sort();
    expect(ownTypes).toEqual(['leave.approved']);
  });

  it('when the mail server is down then the request still succeeds and the email is retried later with backoff', async () => {
    const org = await makeOrganisation();
    setConfigForTests({ SMTP_URL: 'smtp://127.0.0.1:1' });
    resetMailTransport();
    await submit(org.direct, '2027-01-11', '2027-01-12');
    const first = await processOutbox();
    expect(first.failed).toBeGreaterThanOrEqual(1);
    const queued = await OutboxEmail.findOne({ to: org.manager.email }).lean();
    expect(queued).toMatchObject({ status: 'pending', attempts: 1 });
    expect(queued!.nextAttemptAt.getTime()).toBeGreaterThan(Date.parse('2026-11-23T10:00:30Z'));
    expect(queued!.lastError).toBeDefined();

    // The server is back; once the backoff has passed the same email goes out, once.
    await sink.stop();
    sink = await startSmtpSink();
    expect((await processOutbox()).sent).toBe(0);
    setClockForTests(new Date(queued!.nextAttemptAt.getTime() + 1000));
    await processOutbox();
    await sink.waitFor(org.manager.email);
    expect(await OutboxEmail.findById(queued!._id).lean()).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('when notifications are read then only the owner can mark them, and unread filters them out', async () => {
    const org = await makeOrganisation();
    await submit(org.direct, '2027-02-01', '2027-02-01');
    const note = ((await inbox(org.manager)).body.data as Array<{ id: string }>)[0]!;
    await request(app).post(`/api/v1/notifications/${note.id}/read`).set(org.direct.auth).expect(404);
    await request(app).post(`/api/v1/notifications/${note.id}/read`).set(org.manager.auth).expect(204);
    const unread = await request(app)
      .get('/api/v1/notifications?unread=true')
      .set(org.manager.auth)
      .expect(200);
    expect(unread.body.total).toBe(0);
    const all = await inbox(org.manager);
    expect(all.body.data[0]).toMatchObject({ id: note.id, read: true });
  });
});

describe('outbox leases', () => {
  it('when the instance sending an email died then another sends it once its lease expires, once, with the same Message-ID', async () => {
    const org = await makeOrganisation();
    await submit(org.direct, '2027-03-01', '2027-03-01');
    // A dead instance had leased the email and was sending it when it crashed.
    const lease = new Date('2026-11-23T10:02:00Z');
    await OutboxEmail.updateMany({}, { $set: { owner: 'dead#1', leaseUntil: lease }, $inc: { attempts: 1 } });
    expect((await processOutbox()).sent).toBe(0);
    setClockForTests('2026-11-23T10:02:01Z');
    const pass = await processOutbox();
    expect(pass.sent).toBeGreaterThanOrEqual(1);
    const mail = await sink.waitFor(org.manager.email);
    const email = await OutboxEmail.findOne({ to: org.manager.email }).lean();
    expect(email).toMatchObject({ status: 'sent', attempts: 2, sendCount: 1 });
    expect(email!.leaseUntil).toBeUndefined();
    expect(mail.raw.replace(/\r?\n\s+/g, ' ')).toContain(`Message-ID: ${messageIdOf(email!.key)}`);
    expect((await processOutbox()).sent).toBe(0);
  });
});

describe('leave reminders', () => {
  it('when an approved leave starts on Monday then Friday reminds the employee and the manager, once however often the job runs', async () => {
    const org = await makeOrganisation();
    const { id } = await submit(org.direct, '2026-12-07', '2026-12-08', { requiresApproval: false });
    await runJob('leave-reminders', '2026-12-03');
    expect(await Notification.countDocuments({ type: 'leave.reminder' })).toBe(0);
    await runJob('leave-reminders', '2026-12-04');
    await runJob('leave-reminders', '2026-12-04');
    const reminders = await Notification.find({ type: 'leave.reminder', 'data.requestId': id }).lean();
    expect(reminders.map((r) => r.userId.toHexString()).sort()).toEqual(
      [org.direct.userId, org.manager.userId].sort(),
    );
    await processOutbox();
    const bodies = await mailBodiesTo(org.direct.email);
    expect(bodies.filter((b) => b.includes('starts on the next working day'))).toHaveLength(1);
  });
});

import request from 'supertest';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { Invitation } from '../../../src/modules/auth/invitation.model';
import { User } from '../../../src/modules/auth/user.model';
import { processOutbox } from '../../../src/modules/notifications';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { makeEmployee, makePerson } from '../../support/factories';
import { decodeBody, startSmtpSink } from '../../support/smtp-sink';

useTestDatabase();
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.stop();
});

const app = testApp();
let n = 0;
const address = () => `invitee-${Date.now()}-${n++}@example.com`;

function invite(admin: { auth: Record<string, string> }, body: object) {
  return request(app).post('/api/v1/users/invitations').set(admin.auth).send(body);
}

async function tokenMailedTo(email: string, nth = 0): Promise<string> {
  await processOutbox();
  await sink.waitFor(email);
  const mails = sink.received.filter((m) => m.to.includes(email));
  const body = decodeBody(mails[nth]?.raw ?? '');
  const token = /invitation code, paste: ([A-Za-z0-9_-]{40,})/.exec(body)?.[1];
  if (!token) throw new Error(`no token in:\n${body}`);
  return token;
}

describe('invitations', () => {
  it('when an admin invites someone then they get a link, choose their own password once, and sign in with the role and employee', async () => {
    const admin = await makePerson('admin');
    const employee = await makeEmployee();
    const email = address();
    const res = await invite(admin, { email, role: 'manager', employeeId: employee.id }).expect(201);
    expect(res.body).toMatchObject({ email, role: 'manager', employeeId: employee.id, status: 'pending' });
    expect(await User.exists({ email })).toBeNull();

    const token = await tokenMailedTo(email);
    await request(app)
      .post('/api/v1/auth/accept-invitation')
      .send({ token, password: 'My-own-choice-2026' })
      .expect(204);
    const session = await request(app)
      .post('/api/v1/auth/login')
      .send({ email, password: 'My-own-choice-2026' })
      .expect(200);
    expect(session.body.user).toMatchObject({ role: 'manager', employeeId: employee.id });

    const again = await request(app)
      .post('/api/v1/auth/accept-invitation')
      .send({ token, password: 'Someone-elses-2026' })
      .expect(422);
    expect(again.body.errors[0].field).toBe('token');
    expect(await AuditLog.exists({ action: 'user.invitation_accepted' })).toBeTruthy();
    expect((await Invitation.findOne({ email }).lean())?.tokenHash).not.toContain(token);
  });

  it('when the same address is invited again then only the newest link works', async () => {
    const admin = await makePerson('admin');
    const email = address();
    await invite(admin, { email, role: 'employee' }).expect(201);
    const first = await tokenMailedTo(email, 0);
    await invite(admin, { email, role: 'employee' }).expect(201);
    await processOutbox();
    await new Promise((r) => setTimeout(r, 200));
    const second = await tokenMailedTo(email, 1);
    await request(app)
      .post('/api/v1/auth/accept-invitation')
      .send({ token: first, password: 'First-link-2026!' })
      .expect(422);
    await request(app)
      .post('/api/v1/auth/accept-invitation')
      .send({ token: second, password: 'Second-link-2026!' })
      .expect(204);
  });

  it('when the link has expired then 422 and no login is created', async () => {
    const admin = await makePerson('admin');
    const email = address();
    await invite(admin, { email, role: 'employee' }).expect(201);
    const token = await tokenMailedTo(email);
    await Invitation.updateOne({ email }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    await request(app)
      .post('/api/v1/auth/accept-invitation')
      .send({ token, password: 'Too-late-for-this-1' })
      .expect(422);
    expect(await User.exists({ email })).toBeNull();
  });

  it('when two people use the same link at once then exactly one login is created', async () => {
    const admin = await makePerson('admin');
    const email = address();
    await invite(admin, { email, role: 'employee' }).expect(201);
    const token = await tokenMailedTo(email);
    const results = await Promise.all(
      [1, 2, 3].map((i) =>
        request(app)
          .post('/api/v1/auth/accept-invitation')
          .send({ token, password: `Racing-password-${i}` }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([204, 422, 422]);
    expect(await User.countDocuments({ email })).toBe(1);
  });

  it('when the address or employee already has a login then 409; an unknown employee is 422; a manager is 403', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    const taken = await invite(admin, { email: person.email, role: 'employee' }).expect(409);
    expect(taken.body.errors[0].field).toBe('email');
    const linked = await invite(admin, {
      email: address(),
      role: 'employee',
      employeeId: person.employee!.id,
    }).expect(409);
    expect(linked.body.errors[0].field).toBe('employeeId');
    const unknown = await invite(admin, {
      email: address(),
      role: 'employee',
      employeeId: '0123456789abcdef01234567',
    }).expect(422);
    expect(unknown.body.errors[0].field).toBe('employeeId');
    await invite(admin, { email: 'not-an-email', role: 'employee' }).expect(400);
    const manager = await makePerson('manager');
    await invite(manager, { email: address(), role: 'employee' }).expect(403);
  });

  it('when the chosen password is too short or too long in bytes then 400 and 422, and the link still works', async () => {
    const admin = await makePerson('admin');
    const email = address();
    await invite(admin, { email, role: 'employee' }).expect(201);
    const token = await tokenMailedTo(email);
    await request(app).post('/api/v1/auth/accept-invitation').send({ token, password: 'short' }).expect(400);
    await request(app)
      .post('/api/v1/auth/accept-invitation')
      .send({ token, password: 'é'.repeat(40) })
      .expect(422);
    await request(app)
      .post('/api/v1/auth/accept-invitation')
      .send({ token, password: 'Long-enough-now-1' })
      .expect(204);
  });
});

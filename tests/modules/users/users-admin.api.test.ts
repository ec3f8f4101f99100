import request from 'supertest';
import { processOutbox } from '../../../src/modules/notifications';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { User } from '../../../src/modules/auth/user.model';
import { OutboxEmail } from '../../../src/modules/notifications/outbox-email.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { PASSWORD, makePerson } from '../../support/factories';
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
const login = (email: string, password = PASSWORD) =>
  request(app).post('/api/v1/auth/login').send({ email, password });

describe('GET /users', () => {
  it('when an admin filters by role and active then only matching logins come back, paged', async () => {
    const admin = await makePerson('admin');
    const manager = await makePerson('manager');
    const disabled = await makePerson('manager');
    await request(app)
      .patch(`/api/v1/users/${disabled.userId}`)
      .set(admin.auth)
      .send({ active: false })
      .expect(200);

    const active = await request(app)
      .get('/api/v1/users')
      .query({ role: 'manager', active: 'true', limit: 100 })
      .set(admin.auth)
      .expect(200);
    const ids = active.body.data.map((u: { id: string }) => u.id);
    expect(ids).toContain(manager.userId);
    expect(ids).not.toContain(disabled.userId);
    expect(
      active.body.data.every((u: { role: string; active: boolean }) => u.role === 'manager' && u.active),
    ).toBe(true);

    const off = await request(app)
      .get('/api/v1/users')
      .query({ active: 'false' })
      .set(admin.auth)
      .expect(200);
    expect(off.body.data.map((u: { id: string }) => u.id)).toEqual([disabled.userId]);
    expect(off.body).toMatchObject({ page: 1, total: 1 });

    const page = await request(app)
      .get('/api/v1/users')
      .query({ limit: 1, page: 2 })
      .set(admin.auth)
      .expect(200);
    expect(page.body.data).toHaveLength(1);
    expect(page.body.total).toBeGreaterThanOrEqual(3);
  });

  it('when a manager or an employee asks then 403, and an unknown filter value is 400', async () => {
    const admin = await makePerson('admin');
    const manager = await makePerson('manager');
    await request(app).get('/api/v1/users').set(manager.auth).expect(403);
    const bad = await request(app).get('/api/v1/users').query({ active: 'yes' }).set(admin.auth).expect(400);
    expect(bad.body.errors[0].field).toBe('active');
  });
});

describe('PATCH /users/:id', () => {
  it('when an admin disables a login then its sessions end at once and it cannot sign in; enabling restores sign-in', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    const session = (await login(person.email).expect(200)).body as {
      accessToken: string;
      refreshToken: string;
    };
    const res = await request(app)
      .patch(`/api/v1/users/${person.userId}`)
      .set(admin.auth)
      .send({ active: false })
      .expect(200);
    expect(res.body).toMatchObject({ id: person.userId, active: false, status: 'disabled' });

    await request(app)
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${session.accessToken}`)
      .expect(401);
    await request(app).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    await login(person.email).expect(401);
    const audit = await AuditLog.findOne({ action: 'user.update', entityId: person.userId }).lean();
    expect(audit?.changes).toMatchObject({ active: { from: true, to: false } });

    await request(app)
      .patch(`/api/v1/users/${person.userId}`)
      .set(admin.auth)
      .send({ active: true })
      .expect(200);
    await login(person.email).expect(200);
  });

  it('when an admin changes a role then the new role applies to the next request', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    await request(app).get('/api/v1/users').set(person.auth).expect(403);
    await request(app)
      .patch(`/api/v1/users/${person.userId}`)
      .set(admin.auth)
      .send({ role: 'admin' })
      .expect(200);
    await request(app).get('/api/v1/users').set(person.auth).expect(200);
    expect((await User.findById(person.userId).lean())?.role).toBe('admin');
  });

  it('when the employee of a disabled login is deactivated then enabling the login is 409', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    await request(app).delete(`/api/v1/employees/${person.employee!.id}`).set(admin.auth).expect(204);
    const res = await request(app)
      .patch(`/api/v1/users/${person.userId}`)
      .set(admin.auth)
      .send({ active: true })
      .expect(409);
    expect(res.body.errors[0].field).toBe('active');
    expect((await User.findById(person.userId).lean())?.status).toBe('disabled');
  });

  it('when the body is empty, names an unknown field or the id is unknown then 400, 400 and 404', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    await request(app).patch(`/api/v1/users/${person.userId}`).set(admin.auth).send({}).expect(400);
    const unknown = await request(app)
      .patch(`/api/v1/users/${person.userId}`)
      .set(admin.auth)
      .send({ password: 'Chosen-by-the-admin-1' })
      .expect(400);
    expect(unknown.body.errors[0].field).toBe('password');
    await request(app)
      .patch('/api/v1/users/0123456789abcdef01234567')
      .set(admin.auth)
      .send({ role: 'manager' })
      .expect(404);
  });
});

describe('POST /users/:id/reset-password', () => {
  it('when an admin sends a reset then the user gets a link through the outbox, and the old password works until it is used', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    const res = await request(app)
      .post(`/api/v1/users/${person.userId}/reset-password`)
      .set(admin.auth)
      .expect(202);
    expect(res.body.message).toContain(person.email);
    await processOutbox();
    const mail = decodeBody((await sink.waitFor(person.email)).raw);
    expect(mail).toContain('An administrator has sent you a link');
    const token = /reset code, paste: ([A-Za-z0-9_-]{40,})/.exec(mail)?.[1] ?? '';
    await login(person.email).expect(200);

    await request(app)
      .post('/api/v1/auth/reset-password')
      .send({ token, newPassword: 'Chosen-by-myself-2026' })
      .expect(204);
    await login(person.email).expect(401);
    await login(person.email, 'Chosen-by-myself-2026').expect(200);
    expect(
      await AuditLog.exists({ action: 'user.password_reset_sent', entityId: person.userId }),
    ).toBeTruthy();
  });

  it('when the login is disabled then 409 and no email is queued; an employee asking is 403', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    await request(app)
      .patch(`/api/v1/users/${person.userId}`)
      .set(admin.auth)
      .send({ active: false })
      .expect(200);
    await request(app).post(`/api/v1/users/${person.userId}/reset-password`).set(admin.auth).expect(409);
    expect(await OutboxEmail.countDocuments({ to: person.email })).toBe(0);
    const other = await makePerson('employee');
    await request(app).post(`/api/v1/users/${other.userId}/reset-password`).set(other.auth).expect(403);
  });
});

import request from 'supertest';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { User } from '../../../src/modules/auth/user.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { PASSWORD, makePerson } from '../../support/factories';

useTestDatabase();
const app = testApp();

function login(email: string, password: string, headers: Record<string, string> = {}) {
  return request(app).post('/api/v1/auth/login').set(headers).send({ email, password });
}

/** The parts of a problem body that may differ per request are dropped before comparing. */
function stable(body: Record<string, unknown>) {
  const { requestId: _r, instance: _i, ...rest } = body;
  return rest;
}

describe('POST /auth/login', () => {
  it('when credentials are right then it returns tokens and the user, and audits the login', async () => {
    const person = await makePerson('manager');
    const res = await login(person.email.toUpperCase(), PASSWORD).expect(200);
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      user: { id: person.userId, email: person.email, role: 'manager', employeeId: person.employee!.id },
    });
    expect(res.body.user.passwordHash).toBeUndefined();
    const me = await request(app)
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body.employee.id).toBe(person.employee!.id);
    expect(await AuditLog.countDocuments({ action: 'auth.login', entityId: person.userId })).toBe(1);
  });

  it('when the password is wrong or the email unknown then both get the same 401 body', async () => {
    const person = await makePerson('employee');
    const wrong = await login(person.email, 'not-the-password').expect(401);
    const unknown = await login('nobody-here@example.com', 'not-the-password').expect(401);
    expect(stable(wrong.body)).toEqual(stable(unknown.body));
    expect(wrong.body.detail).toBe('Invalid email or password');
    const failures = await AuditLog.find({ action: 'auth.login_failed' }).lean();
    expect(failures.map((f) => (f.metadata as { email: string }).email).sort()).toEqual(
      [person.email, 'nobody-here@example.com'].sort(),
    );
    expect(JSON.stringify(failures)).not.toContain('not-the-password');
  });

  it('when the account is disabled then the right password still gets 401', async () => {
    const person = await makePerson('employee');
    await User.updateOne({ _id: person.userId }, { $set: { status: 'disabled' } });
    await login(person.email, PASSWORD).expect(401);
  });

  it('when fields are missing or malformed then 400 names them', async () => {
    const res = await request(app)
      .post('/api/v1/auth/login')
      .send({ email: 'not-an-email', extra: 1 })
      .expect(400);
    const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(['email', 'extra', 'password']);
  });

  it('when an account fails 5 times then it is locked with 429 and Retry-After, even with the right password', async () => {
    const person = await makePerson('employee');
    for (let i = 0; i < 5; i++) await login(person.email, `wrong-${i}`).expect(401);
    const locked = await login(person.email, PASSWORD).expect(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.headers['content-type']).toMatch(/problem\+json/);
    const stored = await User.findById(person.userId).lean();
    expect(stored?.failedLoginCount).toBe(5);
    expect(stored?.lockUntil?.getTime()).toBeGreaterThan(Date.now());
  });

  it('when X-Forwarded-For rotates then the account lock still holds (no proxy is trusted by default)', async () => {
    const person = await makePerson('employee');
    for (let i = 0; i < 5; i++) {
      await login(person.email, 'wrong', { 'X-Forwarded-For': `198.51.100.${i}` }).expect(401);
    }
    await login(person.email, PASSWORD, { 'X-Forwarded-For': '203.0.113.99' }).expect(429);
  });

  it('when a login succeeds then the account counter starts again', async () => {
    const person = await makePerson('employee');
    for (let i = 0; i < 4; i++) await login(person.email, 'wrong').expect(401);
    await login(person.email, PASSWORD).expect(200);
    for (let i = 0; i < 4; i++) await login(person.email, 'wrong').expect(401);
    await login(person.email, PASSWORD).expect(200);
    expect((await User.findById(person.userId).lean())?.failedLoginCount).toBe(0);
  });
});

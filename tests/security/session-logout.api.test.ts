import jwt from 'jsonwebtoken';
import request from 'supertest';
import { setConfigForTests } from '../../src/config';
import { User } from '../../src/modules/auth/user.model';
import { testApp } from '../support/app';
import { useTestDatabase } from '../support/database';
import { PASSWORD, makePerson } from '../support/factories';

/**
 * Class: session termination (OWASP API2, ASVS 3.3.1 and 3.5.2). Access tokens carry their session
 * (`sid`, the refresh token family); logout and refresh reuse end that session, and its access
 * tokens are refused at once on this instance, with the user remembered (AUTH_USER_CACHE_SECONDS)
 * or not. Other sessions of the same user go on.
 */
useTestDatabase();
const app = testApp();

async function signIn(email: string) {
  const res = await request(app).post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
  return res.body as { accessToken: string; refreshToken: string };
}
const me = (token: string) => request(app).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
const sidOf = (token: string) => (jwt.decode(token, { json: true }) ?? {}).sid as unknown;
const logout = (refreshToken: string) =>
  request(app).post('/api/v1/auth/logout').send({ refreshToken }).expect(204);

describe.each([
  ['remembered for 5 s', 5],
  ['read on every request', 0],
])('logout with the user %s', (_label, seconds) => {
  beforeAll(() => setConfigForTests({ AUTH_USER_CACHE_SECONDS: seconds }));

  it("when a session logs out then its access token is refused at once and the user's other session goes on", async () => {
    const person = await makePerson('employee');
    const phone = await signIn(person.email);
    const laptop = await signIn(person.email);
    await me(phone.accessToken).expect(200);
    await me(laptop.accessToken).expect(200);

    await logout(phone.refreshToken);
    const refused = await me(phone.accessToken).expect(401);
    expect(refused.body.detail).toBe('The access token is invalid or revoked');
    await me(laptop.accessToken).expect(200);
    await logout(phone.refreshToken); // idempotent
    await me(laptop.accessToken).expect(200);
  });

  it('when a session is refreshed then logged out then the access tokens of every rotation are refused', async () => {
    const person = await makePerson('employee');
    const first = await signIn(person.email);
    const rotated = await request(app)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: first.refreshToken })
      .expect(200);
    expect(sidOf(rotated.body.accessToken)).toBe(sidOf(first.accessToken));
    await logout(rotated.body.refreshToken);
    await me(first.accessToken).expect(401);
    await me(rotated.body.accessToken).expect(401);
  });
});

describe('ending sessions', () => {
  it("when a rotated refresh token is presented again (stolen) then that session's access tokens stop too", async () => {
    const person = await makePerson('employee');
    const session = await signIn(person.email);
    await request(app).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200);
    await me(session.accessToken).expect(200);
    await request(app).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    await me(session.accessToken).expect(401);
  });

  it('when ended sessions pile up then only the ones whose tokens may still be valid are kept', async () => {
    const person = await makePerson('employee');
    await User.updateOne(
      { email: person.email },
      { $set: { endedSessions: [{ sid: 'old', until: new Date(Date.now() - 1000) }] } },
    );
    const session = await signIn(person.email);
    await logout(session.refreshToken);
    const user = await User.findOne({ email: person.email }).lean();
    expect(user?.endedSessions?.map((s) => s.sid)).toEqual([sidOf(session.accessToken)]);
  });
});

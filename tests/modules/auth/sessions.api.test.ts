import jwt from 'jsonwebtoken';
import mongoose from 'mongoose';
import request from 'supertest';
import { getConfig, setConfigForTests } from '../../../src/config';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { RefreshToken } from '../../../src/modules/auth/refresh-token.model';
import { User } from '../../../src/modules/auth/user.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { PASSWORD, makePerson } from '../../support/factories';

useTestDatabase();
const app = testApp();

async function signIn(email: string, password = PASSWORD) {
  const res = await request(app).post('/api/v1/auth/login').send({ email, password }).expect(200);
  return res.body as { accessToken: string; refreshToken: string };
}

const NEW_PASSWORD = 'A-brand-new-passphrase';
const changePassword = (token: string) =>
  request(app)
    .post('/api/v1/auth/change-password')
    .set('Authorization', `Bearer ${token}`)
    .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD })
    .expect(204);

const me = (token: string) => request(app).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
const refresh = (refreshToken: string) => request(app).post('/api/v1/auth/refresh').send({ refreshToken });

function signWith(claims: object, options: jwt.SignOptions, secret = getConfig().JWT_SECRET): string {
  const { JWT_ISSUER, JWT_AUDIENCE } = getConfig();
  return jwt.sign(claims, secret, {
    issuer: JWT_ISSUER,
    audience: JWT_AUDIENCE,
    algorithm: 'HS256',
    ...options,
  });
}

describe('access tokens', () => {
  it('when no token is sent then 401 with WWW-Authenticate', async () => {
    const res = await request(app).get('/api/v1/auth/me').expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('when the token has expired then 401 says so', async () => {
    const person = await makePerson('employee');
    const expired = signWith(
      { role: 'employee', ver: 0, iat: Math.floor(Date.now() / 1000) - 3600 },
      { subject: person.userId, expiresIn: 60 },
    );
    const res = await me(expired).expect(401);
    expect(res.body.detail).toBe('The access token has expired');
  });

  it('when a token that was accepted before expires then it is refused as expired', async () => {
    const person = await makePerson('employee');
    const shortLived = signWith({ role: 'employee', ver: 0 }, { subject: person.userId, expiresIn: 1 });
    await me(shortLived).expect(200);
    const { exp } = jwt.decode(shortLived) as { exp: number };
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
    const res = await me(shortLived).expect(401);
    expect(res.body.detail).toBe('The access token has expired');
  });

  it('when a token has no expiry then 401, even with a valid signature', async () => {
    const person = await makePerson('employee');
    await me(signWith({ role: 'employee', ver: 0 }, { subject: person.userId })).expect(401);
  });

  it('when an accepted token is altered then the altered one is refused', async () => {
    const person = await makePerson('employee');
    await me(person.token).expect(200);
    const [header, payload, signature = ''] = person.token.split('.');
    const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    await me(`${header}.${payload}.${flipped}`).expect(401);
    await me(person.token).expect(200);
  });

  it('when the signature is wrong then 401', async () => {
    const person = await makePerson('employee');
    await me(
      signWith({ role: 'admin', ver: 0 }, { subject: person.userId, expiresIn: 60 }, 'x'.repeat(48)),
    ).expect(401);
  });

  it('when the token uses alg none then 401', async () => {
    const person = await makePerson('employee');
    const { JWT_ISSUER, JWT_AUDIENCE } = getConfig();
    const unsigned = jwt.sign({ role: 'admin', ver: 0 }, '', {
      algorithm: 'none',
      subject: person.userId,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
    });
    await me(unsigned).expect(401);
  });

  it('when issuer or audience differ then 401', async () => {
    const person = await makePerson('employee');
    await me(
      signWith(
        { role: 'employee', ver: 0 },
        { subject: person.userId, expiresIn: 60, issuer: 'someone-else' },
      ),
    ).expect(401);
    await me(
      signWith(
        { role: 'employee', ver: 0 },
        { subject: person.userId, expiresIn: 60, audience: 'other-app' },
      ),
    ).expect(401);
  });

  it('when the token claims a role the user does not have then the stored role wins', async () => {
    const person = await makePerson('employee');
    const forged = signWith({ role: 'admin', ver: 0 }, { subject: person.userId, expiresIn: 60 });
    await request(app).get('/api/v1/audit-logs').set('Authorization', `Bearer ${forged}`).expect(403);
  });

  it('when the password changes then earlier access tokens are revoked', async () => {
    const person = await makePerson('employee');
    const session = await signIn(person.email);
    await me(session.accessToken).expect(200);
    await changePassword(session.accessToken);
    const res = await me(session.accessToken).expect(401);
    expect(res.body.detail).toBe('The access token is invalid or revoked');
  });
});

// A change written by another instance is simulated by writing the user document directly.
describe('remembered users (AUTH_USER_CACHE_SECONDS)', () => {
  const configured = getConfig().AUTH_USER_CACHE_SECONDS;
  afterEach(() => setConfigForTests({ AUTH_USER_CACHE_SECONDS: configured }));
  const disableElsewhere = (userId: string) =>
    User.updateOne({ _id: userId }, { $set: { status: 'disabled' } });

  it('when another instance disables a remembered user then tokens work until the entry expires', async () => {
    setConfigForTests({ AUTH_USER_CACHE_SECONDS: 1 });
    const person = await makePerson('employee');
    await me(person.token).expect(200);
    await disableElsewhere(person.userId);
    await me(person.token).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await me(person.token).expect(401);
  });

  it('when the cache is off then a change made elsewhere counts on the next request', async () => {
    setConfigForTests({ AUTH_USER_CACHE_SECONDS: 0 });
    const person = await makePerson('employee');
    await me(person.token).expect(200);
    await disableElsewhere(person.userId);
    await me(person.token).expect(401);
  });

  it('when a remembered user changes password then older tokens fail at once and new ones work', async () => {
    const person = await makePerson('employee');
    const first = await signIn(person.email);
    await me(first.accessToken).expect(200);
    await changePassword(first.accessToken);
    await me(first.accessToken).expect(401);
    const renewed = await signIn(person.email, NEW_PASSWORD);
    await me(renewed.accessToken).expect(200);
    await me(first.accessToken).expect(401);
  });
});

describe('refresh tokens', () => {
  it('when refreshed then a new pair works and the old refresh token stops working', async () => {
    const person = await makePerson('employee');
    const first = await signIn(person.email);
    const second = (await refresh(first.refreshToken).expect(200)).body as {
      accessToken: string;
      refreshToken: string;
    };
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await me(second.accessToken).expect(200);
    await refresh(first.refreshToken).expect(401);
  });

  it('when a rotated token is reused then the whole family is revoked (theft detection)', async () => {
    const person = await makePerson('employee');
    const first = await signIn(person.email);
    const second = (await refresh(first.refreshToken).expect(200)).body as { refreshToken: string };
    await refresh(first.refreshToken).expect(401); // the thief replays the old token
    await refresh(second.refreshToken).expect(401); // ...and the legitimate holder is logged out too
    expect(
      await RefreshToken.countDocuments({
        userId: person.userId,
        status: mongoose.trusted({ $ne: 'revoked' }),
      }),
    ).toBe(0);
    expect(
      await AuditLog.countDocuments({ action: 'auth.refresh_reuse_detected', entityId: person.userId }),
    ).toBe(1);
  });

  it('when two refreshes race with one token then exactly one succeeds', async () => {
    const person = await makePerson('employee');
    const { refreshToken } = await signIn(person.email);
    const results = await Promise.all([refresh(refreshToken), refresh(refreshToken), refresh(refreshToken)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401]);
  });

  it('when logged out then the refresh token is revoked and logout stays 204 on repeat', async () => {
    const person = await makePerson('employee');
    const { refreshToken } = await signIn(person.email);
    await request(app).post('/api/v1/auth/logout').send({ refreshToken }).expect(204);
    await refresh(refreshToken).expect(401);
    await request(app).post('/api/v1/auth/logout').send({ refreshToken }).expect(204);
  });

  it('when the refresh token is unknown or malformed then 401 or 400', async () => {
    await refresh('x'.repeat(43)).expect(401);
    const res = await refresh('short').expect(400);
    expect(res.body.errors[0].field).toBe('refreshToken');
  });

  it('when stored then only a hash of the refresh token is kept', async () => {
    const person = await makePerson('employee');
    const { refreshToken } = await signIn(person.email);
    const stored = await RefreshToken.find({ userId: person.userId }).lean();
    expect(JSON.stringify(stored)).not.toContain(refreshToken);
  });
});

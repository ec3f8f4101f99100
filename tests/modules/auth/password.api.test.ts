import request from 'supertest';
import { settleAfterResponseWork } from '../../../src/lib/after-response';
import { PasswordResetToken } from '../../../src/modules/auth/password-reset-token.model';
import { processOutbox } from '../../../src/modules/notifications';
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
const login = (email: string, password: string) =>
  request(app).post('/api/v1/auth/login').send({ email, password });

/** The reset email goes out through the outbox, after the answer. */
async function mailTo(email: string) {
  await settleAfterResponseWork();
  await processOutbox();
  return sink.waitFor(email);
}

function tokenFrom(raw: string): string {
  const match = /reset code, paste: ([A-Za-z0-9_-]{40,})/.exec(decodeBody(raw));
  if (!match?.[1]) throw new Error(`no token in mail:\n${raw}`);
  return match[1];
}

describe('POST /auth/change-password', () => {
  it('when the current password is wrong then 422 names currentPassword and nothing changes', async () => {
    const person = await makePerson('employee');
    const res = await request(app)
      .post('/api/v1/auth/change-password')
      .set(person.auth)
      .send({ currentPassword: 'wrong-one', newPassword: 'Another-long-passphrase' })
      .expect(422);
    expect(res.body.errors).toEqual([{ field: 'currentPassword', message: 'is incorrect' }]);
    await login(person.email, PASSWORD).expect(200);
  });

  it('when the new password is weak then 400 names newPassword', async () => {
    const person = await makePerson('employee');
    const res = await request(app)
      .post('/api/v1/auth/change-password')
      .set(person.auth)
      .send({ currentPassword: PASSWORD, newPassword: 'short' })
      .expect(400);
    expect(res.body.errors[0].field).toBe('newPassword');
  });

  it('when changed then the new password signs in, the old does not, and refresh tokens are revoked', async () => {
    const person = await makePerson('employee');
    const session = (await login(person.email, PASSWORD).expect(200)).body as { refreshToken: string };
    await request(app)
      .post('/api/v1/auth/change-password')
      .set(person.auth)
      .send({ currentPassword: PASSWORD, newPassword: 'Another-long-passphrase' })
      .expect(204);
    await login(person.email, PASSWORD).expect(401);
    await login(person.email, 'Another-long-passphrase').expect(200);
    await request(app).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
  });

  it('when unauthenticated then 401', async () => {
    await request(app)
      .post('/api/v1/auth/change-password')
      .send({ currentPassword: 'a', newPassword: 'b'.repeat(12) })
      .expect(401);
  });
});

describe('password reset by email', () => {
  it('when the email is unknown then 202 and no mail is sent', async () => {
    const before = sink.received.length;
    const res = await request(app)
      .post('/api/v1/auth/forgot-password')
      .send({ email: 'ghost@example.com' })
      .expect(202);
    expect(res.body.message).toMatch(/If the address belongs to an account/);
    await settleAfterResponseWork();
    await processOutbox();
    expect(sink.received.length).toBe(before);
  });

  it('when requested then a real email carries a single-use token that resets the password and ends sessions', async () => {
    const person = await makePerson('manager');
    const session = (await login(person.email, PASSWORD).expect(200)).body as { refreshToken: string };
    await request(app)
      .post('/api/v1/auth/forgot-password')
      .send({ email: person.email.toUpperCase() })
      .expect(202);

    const mail = await mailTo(person.email);
    expect(mail.from).toBe('hr@example.com');
    expect(mail.raw).toMatch(/Subject: Reset your password/);
    const token = tokenFrom(mail.raw);
    expect(JSON.stringify(await PasswordResetToken.find().lean())).not.toContain(token);

    await request(app)
      .post('/api/v1/auth/reset-password')
      .send({ token, newPassword: 'Reset-to-this-passphrase' })
      .expect(204);
    await login(person.email, 'Reset-to-this-passphrase').expect(200);
    await request(app).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);

    const again = await request(app)
      .post('/api/v1/auth/reset-password')
      .send({ token, newPassword: 'Yet-another-passphrase' })
      .expect(422);
    expect(again.body.errors).toEqual([{ field: 'token', message: 'is invalid, used or expired' }]);
  });

  it('when the token is older than 30 minutes then it is refused', async () => {
    const person = await makePerson('employee');
    await request(app).post('/api/v1/auth/forgot-password').send({ email: person.email }).expect(202);
    const token = tokenFrom((await mailTo(person.email)).raw);
    const stored = await PasswordResetToken.findOne().sort({ createdAt: -1 });
    const lifetime = stored!.expiresAt.getTime() - stored!.createdAt.getTime();
    expect(Math.abs(lifetime - 30 * 60 * 1000)).toBeLessThan(1000);
    await PasswordResetToken.updateOne(
      { _id: stored!._id },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    await request(app)
      .post('/api/v1/auth/reset-password')
      .send({ token, newPassword: 'Reset-to-this-passphrase' })
      .expect(422);
    await login(person.email, PASSWORD).expect(200);
  });
});

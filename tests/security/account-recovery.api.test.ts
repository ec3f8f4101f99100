import request from 'supertest';
import { buildApp } from '../../src/app';
import { setConfigForTests } from '../../src/config';
import { settleAfterResponseWork } from '../../src/lib/after-response';
import { Invitation } from '../../src/modules/auth/invitation.model';
import { PasswordResetToken } from '../../src/modules/auth/password-reset-token.model';
import { generateOpaqueToken, hashOpaqueToken } from '../../src/modules/auth/tokens';
import { User } from '../../src/modules/auth/user.model';
import { OutboxEmail } from '../../src/modules/notifications/outbox-email.model';
import { useTestDatabase } from '../support/database';
import { PASSWORD, makeEmployee, makePerson } from '../support/factories';

/**
 * Class: account recovery and password choice (OWASP API2 and API6; ASVS 2.1.7, 2.2.1, 2.5.2 and
 * 3.5). Forgot-password answers the same, in the same time, for every address (the work follows the
 * answer, through the outbox) and is throttled per address and per client; guesses of the current
 * password count like failed sign-ins; every new password is checked with zxcvbn-ts (common and
 * breached passwords, patterns, the person's own details), 422 naming the field when too weak.
 */
useTestDatabase();
// Clients are told apart by X-Forwarded-For behind one trusted proxy; small budgets reach the limits quickly.
setConfigForTests({
  TRUST_PROXY_HOPS: 1,
  FORGOT_PASSWORD_PER_ADDRESS_PER_HOUR: 3,
  FORGOT_PASSWORD_PER_IP_PER_HOUR: 6,
  LOGIN_MAX_FAILURES_PER_ACCOUNT: 5,
});
const { app } = buildApp();
const WEAK = ['password123456', 'Password1234', 'qwertyuiop12', 'iloveyou2020'];
let client = 0;
const nextClient = () => `198.51.100.${++client}`;
const forgot = (email: string, ip: string) =>
  request(app).post('/api/v1/auth/forgot-password').set('X-Forwarded-For', ip).send({ email });

describe('forgot-password', () => {
  it('when the account exists or not then status and body are identical and only the existing one gets an email', async () => {
    const person = await makePerson('employee');
    const ip = nextClient();
    const known = await forgot(person.email, ip);
    const unknown = await forgot(`ghost-${person.email}`, ip);
    expect(known.status).toBe(202);
    expect([unknown.status, unknown.body]).toEqual([known.status, known.body]);
    expect(Object.keys(known.headers).sort()).toEqual(Object.keys(unknown.headers).sort());
    await settleAfterResponseWork();
    expect(await OutboxEmail.countDocuments({ to: person.email, subject: 'Reset your password' })).toBe(1);
    expect(await OutboxEmail.countDocuments({ to: `ghost-${person.email}` })).toBe(0);
    const mail = await OutboxEmail.findOne({ to: person.email }).lean();
    const token = /paste: ([A-Za-z0-9_-]{40,})/.exec(mail!.text)![1]!;
    expect(await PasswordResetToken.countDocuments({ tokenHash: hashOpaqueToken(token) })).toBe(1);
  });

  it('when looking up the account would hang then the answer still comes: it does not wait for the lookup', async () => {
    const person = await makePerson('employee');
    let release: () => void = () => undefined;
    const gate = new Promise<null>((resolve) => (release = () => resolve(null)));
    const findOne = jest.spyOn(User, 'findOne').mockReturnValueOnce({ lean: () => gate } as never);
    try {
      const res = await forgot(person.email, nextClient());
      expect(res.status).toBe(202);
      expect(findOne).toHaveBeenCalledTimes(1);
    } finally {
      release();
      findOne.mockRestore();
      await settleAfterResponseWork();
    }
  });

  it('when one address is asked for too often then 429 for every client, and other addresses go on', async () => {
    const person = await makePerson('employee');
    const first = nextClient();
    for (let i = 0; i < 3; i++) await forgot(person.email, first).expect(202);
    const limited = await forgot(person.email, first).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await forgot(person.email, nextClient()).expect(429);
    await forgot(`other-${person.email}`, first).expect(202);
  });

  it('when one client walks many addresses then 429 after its budget, known or unknown alike', async () => {
    const ip = nextClient();
    for (let i = 0; i < 6; i++) await forgot(`walk-${i}@example.com`, ip).expect(202);
    const person = await makePerson('employee');
    const known = await forgot(person.email, ip).expect(429);
    const unknown = await forgot('walk-x@example.com', ip).expect(429);
    expect(known.body.detail).toBe(unknown.body.detail);
    await forgot(person.email, nextClient()).expect(202); // the address's own budget was not touched
    await settleAfterResponseWork();
  });
});

describe('change-password', () => {
  it('when the current password is guessed then sign-in budgets apply: 429 after 5, and sign-in is blocked too', async () => {
    const person = await makePerson('employee');
    const ip = nextClient();
    const attempt = (currentPassword: string) =>
      request(app)
        .post('/api/v1/auth/change-password')
        .set(person.auth)
        .set('X-Forwarded-For', ip)
        .send({ currentPassword, newPassword: 'An-unrelated-new-passphrase' });
    for (let i = 0; i < 5; i++) await attempt(`guess-number-${i}`).expect(422);
    await attempt(PASSWORD).expect(429);
    await request(app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', nextClient())
      .send({ email: person.email, password: PASSWORD })
      .expect(429);
  });
});

describe('new passwords are checked against common passwords and patterns', () => {
  it.each(WEAK)('when "%s" is chosen anywhere a password is set then 422 naming the field', async (weak) => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    const expect422 = async (call: request.Test, field: string) => {
      const res = await call.expect(422);
      expect(res.body.errors).toEqual([{ field, message: expect.stringMatching(/^is too easy to guess/) }]);
    };
    await expect422(
      request(app)
        .post('/api/v1/auth/register')
        .set(admin.auth)
        .send({ email: `new-${person.email}`, password: weak, role: 'employee' }),
      'password',
    );
    await expect422(
      request(app)
        .post('/api/v1/auth/change-password')
        .set(person.auth)
        .set('X-Forwarded-For', nextClient())
        .send({ currentPassword: PASSWORD, newPassword: weak }),
      'newPassword',
    );
    const resetToken = generateOpaqueToken();
    await PasswordResetToken.create({
      tokenHash: hashOpaqueToken(resetToken),
      userId: person.userId,
      expiresAt: new Date(Date.now() + 60_000),
    });
    await expect422(
      request(app).post('/api/v1/auth/reset-password').send({ token: resetToken, newPassword: weak }),
      'newPassword',
    );
    // The weak attempt did not spend the link.
    await request(app)
      .post('/api/v1/auth/reset-password')
      .send({ token: resetToken, newPassword: 'Unrelated-words-for-a-reset' })
      .expect(204);
    const employee = await makeEmployee();
    const invitationToken = generateOpaqueToken();
    await Invitation.create({
      email: employee.email,
      role: 'employee',
      employeeId: employee.id,
      tokenHash: hashOpaqueToken(invitationToken),
      expiresAt: new Date(Date.now() + 60_000),
    });
    await expect422(
      request(app).post('/api/v1/auth/accept-invitation').send({ token: invitationToken, password: weak }),
      'password',
    );
    await request(app)
      .post('/api/v1/auth/accept-invitation')
      .send({ token: invitationToken, password: 'Unrelated-words-for-a-login' })
      .expect(204);
  });

  it("when the password is built from the person's own email then 422", async () => {
    const person = await makePerson('employee');
    const local = person.email.split('@')[0]!;
    const res = await request(app)
      .post('/api/v1/auth/change-password')
      .set(person.auth)
      .set('X-Forwarded-For', nextClient())
      .send({ currentPassword: PASSWORD, newPassword: `${local}2026` })
      .expect(422);
    expect(res.body.errors[0].field).toBe('newPassword');
  });
});

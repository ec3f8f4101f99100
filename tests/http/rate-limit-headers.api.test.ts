import request from 'supertest';
import { setClockForTests } from '../../src/lib/clock';
import { setConfigForTests } from '../../src/config';
import { testApp } from '../support/app';
import { useTestDatabase } from '../support/database';
import { makeOrganisation, makePerson, PASSWORD } from '../support/factories';
import { makeLeaveType } from '../support/leave-factories';

useTestDatabase();
const app = testApp();
beforeEach(() => setClockForTests('2026-11-23T10:00:00Z'));
afterAll(() => setClockForTests(undefined));

const limits = (res: request.Response) => ({
  limit: Number(res.headers['ratelimit-limit']),
  remaining: Number(res.headers['ratelimit-remaining']),
  reset: Number(res.headers['ratelimit-reset']),
});

describe('RateLimit headers', () => {
  it('when leave is requested then each answer says how many submissions are left this hour, down to the 429', async () => {
    setConfigForTests({ LEAVE_SUBMISSIONS_PER_HOUR: 2 });
    const org = await makeOrganisation();
    const type = await makeLeaveType({ annualEntitlement: 20, noticeDays: 0 });
    const submit = (day: string) =>
      request(app)
        .post('/api/v1/leave-requests')
        .set(org.direct.auth)
        .send({ leaveTypeId: type.id, startDate: day, endDate: day });
    const first = await submit('2026-12-01').expect(201);
    expect(limits(first)).toEqual({ limit: 2, remaining: 1, reset: expect.any(Number) });
    expect(limits(first).reset).toBeGreaterThan(3000);
    const second = await submit('2026-12-02').expect(201);
    expect(limits(second).remaining).toBe(0);
    const refused = await submit('2026-12-03').expect(429);
    expect(limits(refused)).toMatchObject({ limit: 2, remaining: 0 });
    expect(refused.headers['retry-after']).toBeDefined();
  });

  it('when sign-in fails then the headers count the failed attempts left for that account', async () => {
    setConfigForTests({ LOGIN_MAX_FAILURES_PER_ACCOUNT: 3 });
    const person = await makePerson('employee');
    const login = (password: string) =>
      request(app).post('/api/v1/auth/login').send({ email: person.email, password });
    const failed = await login('Wrong-password-123').expect(401);
    expect(limits(failed)).toMatchObject({ limit: 3, remaining: 2 });
    const ok = await login(PASSWORD).expect(200);
    expect(limits(ok)).toMatchObject({ limit: 3, remaining: 2 });
  });

  it('when a route is not rate-limited then it sends no RateLimit headers, and the document lists them only where 429 is possible', async () => {
    const person = await makePerson('employee');
    const me = await request(app).get('/api/v1/auth/me').set(person.auth).expect(200);
    expect(me.headers['ratelimit-limit']).toBeUndefined();
    const doc = (await request(app).get('/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths['/api/v1/leave-requests'].post.responses['201'].headers)).toEqual(
      expect.arrayContaining(['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']),
    );
    expect(Object.keys(doc.paths['/api/v1/auth/me'].get.responses['200'].headers)).not.toContain(
      'RateLimit-Limit',
    );
  });
});

import request from 'supertest';
import { setConfigForTests } from '../../../src/config';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { PASSWORD, makePerson } from '../../support/factories';

useTestDatabase();
// A small per-IP budget so the test stays short; set before the first login builds the limiter.
setConfigForTests({ LOGIN_MAX_FAILURES_PER_IP: 4 });
const app = testApp();

describe('login throttling per IP', () => {
  it('when one client fails across many accounts then it is refused, whatever X-Forwarded-For says', async () => {
    const victim = await makePerson('employee');
    for (let i = 0; i < 4; i++) {
      await request(app)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', `192.0.2.${i}`)
        .send({ email: `guess-${i}@example.com`, password: 'guess' })
        .expect(401);
    }
    const res = await request(app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '192.0.2.200')
      .send({ email: victim.email, password: PASSWORD });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});

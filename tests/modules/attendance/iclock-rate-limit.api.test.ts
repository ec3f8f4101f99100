import request from 'supertest';
import { setConfigForTests } from '../../../src/config';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { makePerson } from '../../support/factories';

useTestDatabase();
// A small budget, set before the limiter is first built.
setConfigForTests({ ICLOCK_MAX_REQUESTS_PER_MINUTE: 3 });
const app = testApp();

describe('iclock rate limit', () => {
  it('when one serial number calls too often then it gets 429 with Retry-After; another serial number is unaffected', async () => {
    const admin = await makePerson('admin');
    await request(app)
      .post('/api/v1/devices')
      .set(admin.auth)
      .send({ name: 'A', serialNumber: 'RATE0001' })
      .expect(201);
    await request(app)
      .post('/api/v1/devices')
      .set(admin.auth)
      .send({ name: 'B', serialNumber: 'RATE0002' })
      .expect(201);
    for (let i = 0; i < 3; i++) await request(app).get('/iclock/getrequest?SN=RATE0001').expect(200);
    const limited = await request(app).get('/iclock/getrequest?SN=RATE0001').expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await request(app).get('/iclock/getrequest?SN=RATE0002').expect(200);
  });
});

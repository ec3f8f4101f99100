import request from 'supertest';
import { setConfigForTests } from '../../src/config';
import { testApp } from '../support/app';
import { useTestDatabase } from '../support/database';

useTestDatabase();
const METRICS_TOKEN = 'scraper-token-for-tests-0123456789abcdef';
setConfigForTests({ METRICS_TOKEN });
const app = testApp();

describe('operations endpoints', () => {
  it('when alive then /health is 200 without auth', async () => {
    const res = await request(app).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    await request(app).get('/api/v1/health').expect(200);
  });

  it('when the database answers then /ready is 200', async () => {
    const res = await request(app).get('/ready').expect(200);
    expect(res.body).toEqual({ status: 'ready', database: 'up' });
  });

  it('when requests were served then /metrics exposes them by route pattern', async () => {
    await request(app).get('/health').expect(200);
    await request(app).get('/no/such/route').expect(404);
    const res = await request(app)
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('process_cpu_user_seconds_total');
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/health",status_code="200"\} \d+/,
    );
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} \d+/,
    );
  });

  it('when /docs is opened then Swagger UI is served, pointing at /openapi.json', async () => {
    const page = await request(app).get('/docs/').expect(200);
    expect(page.text).toContain('swagger-ui');
    const init = await request(app).get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('/openapi.json');
  });

  it('when any response is sent then helmet headers are on and X-Powered-By is off', async () => {
    const res = await request(app).get('/health');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
  });
});

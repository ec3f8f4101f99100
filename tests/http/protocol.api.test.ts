import request from 'supertest';
import { testApp } from '../support/app';
import { useTestDatabase } from '../support/database';
import { makePerson } from '../support/factories';

useTestDatabase();
const app = testApp();

describe('protocol hygiene', () => {
  it('when a known path is called with an unsupported method then 405 with Allow', async () => {
    const res = await request(app).put('/api/v1/employees').send({});
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS, POST');
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const item = await request(app).post('/api/v1/employees/0123456789abcdef01234567');
    expect(item.status).toBe(405);
    expect(item.headers.allow).toBe('DELETE, GET, HEAD, OPTIONS, PATCH');
    const options = await request(app).options('/api/v1/leave-types');
    expect(options.status).toBe(204);
    expect(options.headers.allow).toContain('POST');
  });

  it('when a JSON endpoint gets another content type then 415, before authentication or validation', async () => {
    const res = await request(app)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'text/plain')
      .send('email=a&password=b');
    expect(res.status).toBe(415);
    const form = await request(app)
      .post('/api/v1/auth/login')
      .type('form')
      .send({ email: 'a@b.co', password: 'x' });
    expect(form.status).toBe(415);
  });

  it('when a bodiless POST is sent without a content type then it is fine', async () => {
    const person = await makePerson('employee');
    await request(app).post('/api/v1/attendance/check-in').set(person.auth).expect(201);
  });

  it('when authenticated responses are sent then they are not cacheable and carry no X-Powered-By', async () => {
    const person = await makePerson('employee');
    const res = await request(app).get('/api/v1/auth/me').set(person.auth).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

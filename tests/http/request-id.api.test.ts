import request from 'supertest';
import { testApp } from '../support/app';

const app = testApp();

describe('X-Request-Id', () => {
  it('when the client sends one then it is echoed', async () => {
    const res = await request(app).get('/health').set('X-Request-Id', 'abc-123');
    expect(res.headers['x-request-id']).toBe('abc-123');
  });

  it('when none is sent then a UUID is generated per request', async () => {
    const [a, b] = await Promise.all([request(app).get('/health'), request(app).get('/health')]);
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });

  it('when the sent id is unsafe for logs then it is replaced', async () => {
    const res = await request(app).get('/health').set('X-Request-Id', 'bad id\twith "quotes"');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when the request fails then the problem body carries the same id', async () => {
    const res = await request(app).get('/nope').set('X-Request-Id', 'err-42');
    expect(res.status).toBe(404);
    expect(res.headers['x-request-id']).toBe('err-42');
    expect(res.body.requestId).toBe('err-42');
  });
});

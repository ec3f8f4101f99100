import request from 'supertest';
import { setConfigForTests } from '../../src/config';
import { testApp } from '../support/app';

setConfigForTests({ CORS_ORIGINS: ['https://hr.example.com'] });
const app = testApp();

describe('CORS', () => {
  it('when a configured origin preflights then it is allowed, with X-Request-Id exposed', async () => {
    const res = await request(app)
      .options('/api/v1/employees')
      .set('Origin', 'https://hr.example.com')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://hr.example.com');
    const get = await request(app).get('/health').set('Origin', 'https://hr.example.com');
    expect(get.headers['access-control-expose-headers']).toContain('X-Request-Id');
  });

  it('when another origin asks then no CORS header grants it', async () => {
    const res = await request(app).get('/health').set('Origin', 'https://evil.example.net');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

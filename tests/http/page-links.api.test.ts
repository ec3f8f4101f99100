import request from 'supertest';
import { testApp } from '../support/app';
import { useTestDatabase } from '../support/database';
import { makeEmployee, makePerson } from '../support/factories';

useTestDatabase();
const app = testApp();

describe('Link headers on lists', () => {
  it('when a list has more pages then the answer links to next and prev, keeping the filters', async () => {
    const admin = await makePerson('admin');
    await makeEmployee();
    await makeEmployee();
    const first = await request(app)
      .get('/api/v1/employees?limit=1&status=active')
      .set(admin.auth)
      .expect(200);
    expect(first.headers.link).toBe('</api/v1/employees?limit=1&status=active&page=2>; rel="next"');
    const second = await request(app)
      .get('/api/v1/employees?limit=1&status=active&page=2')
      .set(admin.auth)
      .expect(200);
    expect(second.headers.link).toBe(
      '</api/v1/employees?limit=1&status=active&page=3>; rel="next", </api/v1/employees?limit=1&status=active&page=1>; rel="prev"',
    );
    const last = await request(app)
      .get('/api/v1/employees?limit=1&status=active&page=3')
      .set(admin.auth)
      .expect(200);
    expect(last.headers.link).toBe('</api/v1/employees?limit=1&status=active&page=2>; rel="prev"');
  });

  it('when everything fits on one page then there is no Link header', async () => {
    const admin = await makePerson('admin');
    const res = await request(app).get('/api/v1/employees?limit=100').set(admin.auth).expect(200);
    expect(res.headers.link).toBeUndefined();
  });
});

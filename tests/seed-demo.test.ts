import request from 'supertest';
import { DEMO_ACCOUNTS, seedDemoData } from '../src/seed-demo';
import { testApp } from './support/app';
import { useTestDatabase } from './support/database';

useTestDatabase();
const app = testApp();

describe('demo seed', () => {
  it('when run twice then the demo users can sign in and nothing is duplicated', async () => {
    await seedDemoData();
    await seedDemoData();
    const manager = DEMO_ACCOUNTS.find((a) => a.role === 'manager')!;
    const login = await request(app)
      .post('/api/v1/auth/login')
      .send({ email: manager.email, password: manager.password })
      .expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const team = await request(app).get('/api/v1/employees').set(auth).expect(200);
    expect(team.body.total).toBe(3); // the manager and two reports
    const types = await request(app).get('/api/v1/leave-types').set(auth).expect(200);
    expect(types.body.map((t: { code: string }) => t.code).sort()).toEqual(['ANNUAL', 'SICK', 'UNPAID']);
    const balances = await request(app).get('/api/v1/leave-balances').set(auth).expect(200);
    expect(balances.body.find((b: { code: string }) => b.code === 'SICK')).toMatchObject({ entitled: 10 });
  });
});

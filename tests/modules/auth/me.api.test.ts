import request from 'supertest';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { makePerson } from '../../support/factories';

useTestDatabase();
const app = testApp();

describe('GET /auth/me', () => {
  it.each(['admin', 'manager', 'employee'] as const)(
    'when a %s asks then they get themselves with their employee profile',
    async (role) => {
      const person = await makePerson(role);
      const res = await request(app).get('/api/v1/auth/me').set(person.auth).expect(200);
      expect(res.body).toMatchObject({
        id: person.userId,
        email: person.email,
        role,
        employeeId: person.employee!.id,
      });
      expect(res.body.employee).toMatchObject({ id: person.employee!.id, email: person.email });
      expect(res.headers['cache-control']).toBe('no-store');
    },
  );

  it('when the user has no employee record then employee is null', async () => {
    const person = await makePerson('admin', { withoutEmployee: true });
    const res = await request(app).get('/api/v1/auth/me').set(person.auth).expect(200);
    expect(res.body).toMatchObject({ employeeId: null, employee: null });
  });
});

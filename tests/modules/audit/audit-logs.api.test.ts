import request from 'supertest';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { PASSWORD, makePerson } from '../../support/factories';

useTestDatabase();
const app = testApp();

describe('GET /audit-logs', () => {
  it('when an admin filters by entity then the history of that record comes back, newest first, with request ids', async () => {
    const admin = await makePerson('admin');
    const target = await makePerson('employee');
    const id = target.employee!.id;
    await request(app)
      .patch(`/api/v1/employees/${id}`)
      .set(admin.auth)
      .set('X-Request-Id', 'edit-1')
      .send({ position: 'Analyst' })
      .expect(200);
    await request(app)
      .patch(`/api/v1/employees/${id}`)
      .set(admin.auth)
      .set('X-Request-Id', 'edit-2')
      .send({ position: 'Senior Analyst' })
      .expect(200);

    const res = await request(app)
      .get(`/api/v1/audit-logs?entityType=Employee&entityId=${id}`)
      .set(admin.auth)
      .expect(200);
    expect(res.body.total).toBe(3);
    expect(res.body.data.map((e: { action: string }) => e.action)).toEqual([
      'employee.update',
      'employee.update',
      'employee.create',
    ]);
    expect(res.body.data[0]).toMatchObject({
      actor: { kind: 'user', id: admin.userId, role: 'admin' },
      requestId: 'edit-2',
      changes: { position: { from: 'Analyst', to: 'Senior Analyst' } },
    });
  });

  it('when filtering by actor, action and time then only matching entries come back', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    const since = new Date().toISOString();
    await request(app)
      .post('/api/v1/auth/login')
      .send({ email: person.email, password: 'wrong-password' })
      .expect(401);
    await request(app)
      .post('/api/v1/auth/login')
      .send({ email: person.email, password: PASSWORD })
      .expect(200);

    const failed = await request(app)
      .get(`/api/v1/audit-logs?action=auth.login_failed&from=${since}`)
      .set(admin.auth)
      .expect(200);
    expect(failed.body.total).toBe(1);
    expect(failed.body.data[0].metadata.email).toBe(person.email);
    const byActor = await request(app)
      .get(`/api/v1/audit-logs?actorId=${person.userId}&action=auth.login`)
      .set(admin.auth)
      .expect(200);
    expect(byActor.body.total).toBe(1);
    const future = await request(app).get('/api/v1/audit-logs?from=2999-01-01').set(admin.auth).expect(200);
    expect(future.body.total).toBe(0);
  });

  it('when paging then limit and page apply and limit is capped at 100', async () => {
    const admin = await makePerson('admin');
    const page = await request(app).get('/api/v1/audit-logs?limit=1&page=2').set(admin.auth).expect(200);
    expect(page.body).toMatchObject({ page: 2, limit: 1 });
    expect(page.body.data).toHaveLength(1);
    expect(
      (await request(app).get('/api/v1/audit-logs?limit=500').set(admin.auth).expect(200)).body.limit,
    ).toBe(100);
    await request(app).get('/api/v1/audit-logs?from=yesterday').set(admin.auth).expect(400);
  });

  it('when a manager or an employee asks then 403; anonymous 401', async () => {
    const manager = await makePerson('manager');
    const employee = await makePerson('employee');
    await request(app).get('/api/v1/audit-logs').set(manager.auth).expect(403);
    await request(app).get('/api/v1/audit-logs').set(employee.auth).expect(403);
    await request(app).get('/api/v1/audit-logs').expect(401);
  });
});

import request from 'supertest';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { makePerson } from '../../support/factories';

useTestDatabase();
const app = testApp();

describe('departments', () => {
  it('when an admin creates, reads, renames and deletes one then each step answers and is audited', async () => {
    const admin = await makePerson('admin');
    const created = await request(app)
      .post('/api/v1/departments')
      .set(admin.auth)
      .send({ name: 'Finance', code: 'FIN' })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Finance', code: 'FIN', description: null });
    const id = created.body.id as string;
    await request(app).get(`/api/v1/departments/${id}`).set(admin.auth).expect(200);
    const renamed = await request(app)
      .patch(`/api/v1/departments/${id}`)
      .set(admin.auth)
      .send({ name: 'Finance & Legal', code: null })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: 'Finance & Legal', code: null });
    await request(app).delete(`/api/v1/departments/${id}`).set(admin.auth).expect(204);
    await request(app).get(`/api/v1/departments/${id}`).set(admin.auth).expect(404);
    const actions = (await AuditLog.find({ entityId: id }).sort({ at: 1 }).lean()).map((e) => e.action);
    expect(actions).toEqual(['department.create', 'department.update', 'department.delete']);
  });

  it('when the name exists in another case then 409', async () => {
    const admin = await makePerson('admin');
    await request(app).post('/api/v1/departments').set(admin.auth).send({ name: 'Sales' }).expect(201);
    await request(app).post('/api/v1/departments').set(admin.auth).send({ name: 'sales' }).expect(409);
  });

  it('when the department still has employees then delete is 409 and it stays', async () => {
    const admin = await makePerson('admin');
    const dept = await request(app)
      .post('/api/v1/departments')
      .set(admin.auth)
      .send({ name: 'Support' })
      .expect(201);
    await makePerson('employee', { employee: { departmentId: dept.body.id } });
    const res = await request(app).delete(`/api/v1/departments/${dept.body.id}`).set(admin.auth).expect(409);
    expect(res.body.detail).toMatch(/1 employee/);
    await request(app).get(`/api/v1/departments/${dept.body.id}`).set(admin.auth).expect(200);
  });

  it('when anyone signed in lists then they see departments; writes by non-admins are 403', async () => {
    const admin = await makePerson('admin');
    const employee = await makePerson('employee');
    const manager = await makePerson('manager');
    const dept = await request(app)
      .post('/api/v1/departments')
      .set(admin.auth)
      .send({ name: 'Research' })
      .expect(201);
    const list = await request(app).get('/api/v1/departments?q=resea').set(employee.auth).expect(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, limit: 20 });
    await request(app).post('/api/v1/departments').set(manager.auth).send({ name: 'X' }).expect(403);
    await request(app)
      .patch(`/api/v1/departments/${dept.body.id}`)
      .set(employee.auth)
      .send({ name: 'X' })
      .expect(403);
    await request(app).delete(`/api/v1/departments/${dept.body.id}`).set(manager.auth).expect(403);
    await request(app).get('/api/v1/departments').expect(401);
  });

  it('when input is bad then 400 names the fields', async () => {
    const admin = await makePerson('admin');
    const res = await request(app)
      .post('/api/v1/departments')
      .set(admin.auth)
      .send({ name: '', headId: 'nope', budget: 5 })
      .expect(400);
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual([
      'budget',
      'headId',
      'name',
    ]);
  });
});

describe('empty updates', () => {
  it('when a PATCH changes nothing then 400, for every resource built by the CRUD helper', async () => {
    const admin = await makePerson('admin');
    const dept = await request(app)
      .post('/api/v1/departments')
      .set(admin.auth)
      .send({ name: 'Legal' })
      .expect(201);
    const empty = await request(app)
      .patch(`/api/v1/departments/${dept.body.id}`)
      .set(admin.auth)
      .send({})
      .expect(400);
    expect(empty.body.errors).toEqual([{ field: 'body', message: 'must change at least one field' }]);
    const holiday = await request(app)
      .post('/api/v1/holidays')
      .set(admin.auth)
      .send({ date: '2027-03-01', name: 'Spring' })
      .expect(201);
    await request(app).patch(`/api/v1/holidays/${holiday.body.id}`).set(admin.auth).send({}).expect(400);
  });
});

import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { makePerson } from '../../support/factories';

useTestDatabase();
const app = testApp();
beforeEach(() => setClockForTests('2026-11-23T10:00:00Z'));
afterAll(() => setClockForTests(undefined));

const annual = {
  code: 'annual',
  name: 'Annual leave',
  annualEntitlement: 25,
  accrual: 'monthly',
  carryOverMax: 5,
  carryOverExpiryMonths: 3,
};

describe('leave types', () => {
  it('when an admin creates one then defaults fill in, the code is upper-cased, and everyone can read it', async () => {
    const [admin, employee] = await Promise.all([makePerson('admin'), makePerson('employee')]);
    const res = await request(app).post('/api/v1/leave-types').set(admin.auth).send(annual).expect(201);
    expect(res.body).toMatchObject({
      code: 'ANNUAL',
      unit: 'working_day',
      paid: true,
      requiresApproval: true,
      allowNegative: false,
      carryOverExpiryMonths: 3,
      active: true,
    });
    const list = await request(app).get('/api/v1/leave-types').set(employee.auth).expect(200);
    expect(list.body.map((t: { code: string }) => t.code)).toContain('ANNUAL');
    await request(app).get(`/api/v1/leave-types/${res.body.id}`).set(employee.auth).expect(200);
    await request(app)
      .post('/api/v1/leave-types')
      .set(admin.auth)
      .send({ ...annual, code: 'Annual' })
      .expect(409);
  });

  it('when fields are wrong then 400 names them; non-admin writes are 403', async () => {
    const [admin, manager] = await Promise.all([makePerson('admin'), makePerson('manager')]);
    const res = await request(app)
      .post('/api/v1/leave-types')
      .set(admin.auth)
      .send({
        code: 'X Y',
        name: 'Bad',
        annualEntitlement: 2.3,
        unit: 'hour',
        accrual: 'weekly',
        paid: 'yes',
      })
      .expect(400);
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual([
      'accrual',
      'annualEntitlement',
      'code',
      'paid',
      'unit',
    ]);
    await request(app).post('/api/v1/leave-types').set(manager.auth).send(annual).expect(403);
  });

  it('when a used type is deleted then it is deactivated, hidden from the default list and refused for new requests', async () => {
    const admin = await makePerson('admin');
    const employee = await makePerson('employee', { employee: { hireDate: '2020-01-06' } });
    const type = (
      await request(app)
        .post('/api/v1/leave-types')
        .set(admin.auth)
        .send({ ...annual, code: 'USED' })
        .expect(201)
    ).body;
    await request(app)
      .post('/api/v1/leave-requests')
      .set(employee.auth)
      .send({ leaveTypeId: type.id, startDate: '2026-12-07', endDate: '2026-12-07' })
      .expect(201);
    await request(app).delete(`/api/v1/leave-types/${type.id}`).set(admin.auth).expect(204);
    const stored = await request(app).get(`/api/v1/leave-types/${type.id}`).set(admin.auth).expect(200);
    expect(stored.body.active).toBe(false);
    const visible = await request(app).get('/api/v1/leave-types').set(employee.auth).expect(200);
    expect(visible.body.map((t: { id: string }) => t.id)).not.toContain(type.id);
    const all = await request(app)
      .get('/api/v1/leave-types?includeInactive=true')
      .set(admin.auth)
      .expect(200);
    expect(all.body.map((t: { id: string }) => t.id)).toContain(type.id);
    await request(app)
      .post('/api/v1/leave-requests')
      .set(employee.auth)
      .send({ leaveTypeId: type.id, startDate: '2026-12-14', endDate: '2026-12-14' })
      .expect(422);
  });

  it('when an unused type is deleted then it is gone, and the audit trail says so', async () => {
    const admin = await makePerson('admin');
    const type = (
      await request(app)
        .post('/api/v1/leave-types')
        .set(admin.auth)
        .send({ ...annual, code: 'GONE' })
        .expect(201)
    ).body;
    await request(app)
      .patch(`/api/v1/leave-types/${type.id}`)
      .set(admin.auth)
      .send({ annualEntitlement: 26 })
      .expect(200);
    await request(app).delete(`/api/v1/leave-types/${type.id}`).set(admin.auth).expect(204);
    await request(app).get(`/api/v1/leave-types/${type.id}`).set(admin.auth).expect(404);
    const actions = (await AuditLog.find({ entityId: type.id }).sort({ at: 1 }).lean()).map((e) => e.action);
    expect(actions).toEqual(['leave_type.create', 'leave_type.update', 'leave_type.delete']);
  });
});

describe('holidays', () => {
  it('when an admin adds holidays then GET ?year lists that year by date, per calendar on request', async () => {
    const [admin, employee] = await Promise.all([makePerson('admin'), makePerson('employee')]);
    await request(app)
      .post('/api/v1/holidays')
      .set(admin.auth)
      .send({ date: '2027-12-25', name: 'Christmas Day' })
      .expect(201);
    await request(app)
      .post('/api/v1/holidays')
      .set(admin.auth)
      .send({ date: '2027-01-06', name: 'Epiphany', calendar: 'DE-BY' })
      .expect(201);
    await request(app)
      .post('/api/v1/holidays')
      .set(admin.auth)
      .send({ date: '2028-01-01', name: "New Year's Day" })
      .expect(201);
    const year = await request(app).get('/api/v1/holidays?year=2027').set(employee.auth).expect(200);
    expect(year.body.map((h: { date: string }) => h.date)).toEqual(['2027-01-06', '2027-12-25']);
    const bavaria = await request(app)
      .get('/api/v1/holidays?year=2027&calendar=DE-BY')
      .set(employee.auth)
      .expect(200);
    expect(bavaria.body).toEqual([expect.objectContaining({ name: 'Epiphany', calendar: 'DE-BY' })]);
  });

  it('when the same date is added twice to one calendar then 409; bad dates 400; non-admins 403', async () => {
    const [admin, manager] = await Promise.all([makePerson('admin'), makePerson('manager')]);
    await request(app)
      .post('/api/v1/holidays')
      .set(admin.auth)
      .send({ date: '2027-05-01', name: 'Labour Day' })
      .expect(201);
    await request(app)
      .post('/api/v1/holidays')
      .set(admin.auth)
      .send({ date: '2027-05-01', name: 'Again' })
      .expect(409);
    const bad = await request(app)
      .post('/api/v1/holidays')
      .set(admin.auth)
      .send({ date: '2027-13-01' })
      .expect(400);
    expect((bad.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual([
      'date',
      'name',
    ]);
    await request(app)
      .post('/api/v1/holidays')
      .set(manager.auth)
      .send({ date: '2027-05-02', name: 'X' })
      .expect(403);
  });

  it('when a holiday is moved or deleted then reads follow', async () => {
    const admin = await makePerson('admin');
    const created = await request(app)
      .post('/api/v1/holidays')
      .set(admin.auth)
      .send({ date: '2028-10-03', name: 'Unity Day' })
      .expect(201);
    const moved = await request(app)
      .patch(`/api/v1/holidays/${created.body.id}`)
      .set(admin.auth)
      .send({ date: '2029-10-03' })
      .expect(200);
    expect(moved.body.date).toBe('2029-10-03');
    const y2029 = await request(app).get('/api/v1/holidays?year=2029').set(admin.auth).expect(200);
    expect(y2029.body.map((h: { id: string }) => h.id)).toContain(created.body.id);
    await request(app).delete(`/api/v1/holidays/${created.body.id}`).set(admin.auth).expect(204);
    await request(app).get(`/api/v1/holidays/${created.body.id}`).set(admin.auth).expect(404);
  });
});

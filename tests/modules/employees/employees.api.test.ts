import request from 'supertest';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { Employee } from '../../../src/modules/employees/employee.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import {
  PASSWORD,
  makeDepartment,
  makeEmployee,
  makeOrganisation,
  makePerson,
} from '../../support/factories';

useTestDatabase();
const app = testApp();

const validEmployee = (tag: string) => ({
  employeeCode: `C-${tag}`,
  firstName: 'Grace',
  lastName: 'Hopper',
  email: `grace-${tag}@example.com`,
  phone: '+1 202 555 0143',
  position: 'Rear Admiral',
  hireDate: '2023-05-15',
  timezone: 'America/New_York',
});

describe('POST /employees', () => {
  it('when an admin creates one then 201 with id, stored fields and an audit entry', async () => {
    const admin = await makePerson('admin');
    const dept = await makeDepartment();
    const res = await request(app)
      .post('/api/v1/employees')
      .set(admin.auth)
      .send({ ...validEmployee('a1'), departmentId: dept.id, managerId: admin.employee!.id })
      .expect(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      employeeCode: 'C-a1',
      fullName: 'Grace Hopper',
      departmentId: dept.id,
      managerId: admin.employee!.id,
      timezone: 'America/New_York',
      status: 'active',
    });
    expect(res.body._id).toBeUndefined();
    expect(res.headers.location).toBe(`/api/v1/employees/${res.body.id}`);
    const entry = await AuditLog.findOne({ action: 'employee.create', entityId: res.body.id }).lean();
    expect(entry?.changes).toMatchObject({ email: { to: 'grace-a1@example.com' } });
  });

  it('when no time zone is given then the company zone applies', async () => {
    const admin = await makePerson('admin');
    const { timezone: _tz, ...body } = validEmployee('tz');
    const res = await request(app).post('/api/v1/employees').set(admin.auth).send(body).expect(201);
    expect(res.body.timezone).toBe('UTC');
  });

  it('when a manager, an employee or nobody creates one then 403, 403, 401', async () => {
    const manager = await makePerson('manager');
    const employee = await makePerson('employee');
    await request(app).post('/api/v1/employees').set(manager.auth).send(validEmployee('m')).expect(403);
    await request(app).post('/api/v1/employees').set(employee.auth).send(validEmployee('e')).expect(403);
    await request(app).post('/api/v1/employees').send(validEmployee('n')).expect(401);
  });

  it('when fields are invalid then 400 names every one, and nothing is stored', async () => {
    const admin = await makePerson('admin');
    const res = await request(app)
      .post('/api/v1/employees')
      .set(admin.auth)
      .send({
        employeeCode: 'bad code!',
        firstName: '',
        lastName: 42,
        email: 'not-mail',
        phone: 'call me',
        hireDate: '2025-02-30',
        timezone: 'Mars/Base',
        departmentId: 'xyz',
        status: 'retired',
        salary: 1000000,
      })
      .expect(400);
    const fields = [...new Set((res.body.errors as Array<{ field: string }>).map((e) => e.field))].sort();
    expect(fields).toEqual(
      [
        'departmentId',
        'email',
        'employeeCode',
        'firstName',
        'hireDate',
        'lastName',
        'phone',
        'salary',
        'status',
        'timezone',
      ].sort(),
    );
    expect(await Employee.countDocuments({ email: 'not-mail' })).toBe(0);
  });

  it('when an operator object is sent instead of a value then 400, never a query', async () => {
    const admin = await makePerson('admin');
    const res = await request(app)
      .post('/api/v1/employees')
      .set(admin.auth)
      .send({ ...validEmployee('inj'), email: { $ne: null } })
      .expect(400);
    expect(res.body.errors[0].field).toBe('email');
  });

  it('when the email or the code is taken then 409 names it', async () => {
    const admin = await makePerson('admin');
    await request(app).post('/api/v1/employees').set(admin.auth).send(validEmployee('dup')).expect(201);
    const sameEmail = await request(app)
      .post('/api/v1/employees')
      .set(admin.auth)
      .send({ ...validEmployee('other'), email: 'GRACE-DUP@example.com' })
      .expect(409);
    expect(sameEmail.body.errors).toEqual([{ field: 'email', message: 'Already exists' }]);
    const sameCode = await request(app)
      .post('/api/v1/employees')
      .set(admin.auth)
      .send({ ...validEmployee('other2'), employeeCode: 'C-dup' })
      .expect(409);
    expect(sameCode.body.errors).toEqual([{ field: 'employeeCode', message: 'Already exists' }]);
  });

  it('when the department or manager does not exist then 422 names the field', async () => {
    const admin = await makePerson('admin');
    const res = await request(app)
      .post('/api/v1/employees')
      .set(admin.auth)
      .send({ ...validEmployee('ref'), managerId: '0123456789abcdef01234567' })
      .expect(422);
    expect(res.body.errors).toEqual([{ field: 'managerId', message: 'No such employee' }]);
  });
});

describe('GET /employees scope', () => {
  it('when listing then admin sees all, a manager self and direct and indirect reports, an employee self', async () => {
    const org = await makeOrganisation();
    const ids = async (auth: Record<string, string>) =>
      (
        (await request(app).get('/api/v1/employees?limit=100').set(auth).expect(200)).body.data as Array<{
          id: string;
        }>
      )
        .map((e) => e.id)
        .sort();
    const id = (p: { employee?: { id: string } }) => p.employee!.id;

    expect((await ids(org.admin.auth)).length).toBeGreaterThanOrEqual(7);
    expect(await ids(org.manager.auth)).toEqual(
      [id(org.manager), id(org.direct), id(org.subManager), id(org.indirect)].sort(),
    );
    expect(await ids(org.subManager.auth)).toEqual([id(org.subManager), id(org.indirect)].sort());
    expect(await ids(org.direct.auth)).toEqual([id(org.direct)]);
  });

  it('when reading outside scope then 404, inside 200', async () => {
    const org = await makeOrganisation();
    await request(app)
      .get(`/api/v1/employees/${org.indirect.employee!.id}`)
      .set(org.manager.auth)
      .expect(200);
    await request(app)
      .get(`/api/v1/employees/${org.outsider.employee!.id}`)
      .set(org.manager.auth)
      .expect(404);
    await request(app).get(`/api/v1/employees/${org.manager.employee!.id}`).set(org.direct.auth).expect(404);
    await request(app).get(`/api/v1/employees/${org.outsider.employee!.id}`).set(org.admin.auth).expect(200);
    await request(app).get('/api/v1/employees/0123456789abcdef01234567').set(org.admin.auth).expect(404);
    await request(app).get('/api/v1/employees/not-an-id').set(org.admin.auth).expect(400);
  });

  it('when searching, filtering, sorting and paging then the page matches', async () => {
    const admin = await makePerson('admin');
    const dept = await makeDepartment();
    for (const [i, name] of ['Zed', 'Amy', 'Bob'].entries()) {
      await request(app)
        .post('/api/v1/employees')
        .set(admin.auth)
        .send({ ...validEmployee(`s${i}`), lastName: name, departmentId: dept.id })
        .expect(201);
    }
    const page = await request(app)
      .get(`/api/v1/employees?departmentId=${dept.id}&sort=lastName&limit=2&page=1`)
      .set(admin.auth)
      .expect(200);
    expect(page.body).toMatchObject({ page: 1, limit: 2, total: 3 });
    expect(page.body.data.map((e: { lastName: string }) => e.lastName)).toEqual(['Amy', 'Bob']);
    const search = await request(app).get('/api/v1/employees?q=c-S1').set(admin.auth).expect(200);
    expect(search.body.data.map((e: { lastName: string }) => e.lastName)).toEqual(['Amy']);
    const regexy = await request(app).get('/api/v1/employees?q=.*').set(admin.auth).expect(200);
    expect(regexy.body.total).toBe(0);
  });

  it('when limit exceeds 100 then it is capped at 100', async () => {
    const admin = await makePerson('admin');
    const res = await request(app).get('/api/v1/employees?limit=5000').set(admin.auth).expect(200);
    expect(res.body.limit).toBe(100);
  });

  it('when paging or filters are malformed then 400 names them', async () => {
    const admin = await makePerson('admin');
    const res = await request(app)
      .get('/api/v1/employees?limit=0&page=x&status=gone&managerId=x')
      .set(admin.auth)
      .expect(400);
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual([
      'limit',
      'managerId',
      'page',
      'status',
    ]);
  });
});

describe('PATCH /employees/:id', () => {
  it('when an employee changes own contact fields then 200 and an audit entry with before and after', async () => {
    const me = await makePerson('employee');
    const res = await request(app)
      .patch(`/api/v1/employees/${me.employee!.id}`)
      .set(me.auth)
      .send({ phone: '+44 20 7946 0001', emergencyContact: { name: 'Kim', phone: '+44 20 7946 0002' } })
      .expect(200);
    expect(res.body.phone).toBe('+44 20 7946 0001');
    expect(res.body.emergencyContact).toEqual({ name: 'Kim', phone: '+44 20 7946 0002' });
    const entry = await AuditLog.findOne({ action: 'employee.update', entityId: me.employee!.id }).lean();
    expect(entry?.changes).toMatchObject({ phone: { from: null, to: '+44 20 7946 0001' } });
  });

  it('when an employee tries admin fields on self then 403 and nothing changes', async () => {
    const me = await makePerson('employee');
    const res = await request(app)
      .patch(`/api/v1/employees/${me.employee!.id}`)
      .set(me.auth)
      .send({ phone: '+44 20 7946 0003', status: 'inactive', position: 'CEO' })
      .expect(403);
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual([
      'position',
      'status',
    ]);
    const stored = await Employee.findById(me.employee!.id).lean();
    expect(stored?.position).toBeUndefined();
    expect(stored?.phone).toBeUndefined();
  });

  it('when a manager edits a report then 403; outside scope then 404', async () => {
    const org = await makeOrganisation();
    await request(app)
      .patch(`/api/v1/employees/${org.direct.employee!.id}`)
      .set(org.manager.auth)
      .send({ phone: '+1 555 0100' })
      .expect(403);
    await request(app)
      .patch(`/api/v1/employees/${org.outsider.employee!.id}`)
      .set(org.manager.auth)
      .send({ phone: '+1 555 0100' })
      .expect(404);
  });

  it('when an admin changes the manager into a cycle then 422; to self then 422', async () => {
    const org = await makeOrganisation();
    const cycle = await request(app)
      .patch(`/api/v1/employees/${org.manager.employee!.id}`)
      .set(org.admin.auth)
      .send({ managerId: org.indirect.employee!.id })
      .expect(422);
    expect(cycle.body.errors).toEqual([{ field: 'managerId', message: 'would create a reporting cycle' }]);
    await request(app)
      .patch(`/api/v1/employees/${org.manager.employee!.id}`)
      .set(org.admin.auth)
      .send({ managerId: org.manager.employee!.id })
      .expect(422);
  });

  it('when a manager change would make a reporting line longer than 50 levels then 422, so scope reads never stop short', async () => {
    const admin = await makePerson('admin');
    let bottom = (await makeEmployee()).id;
    for (let level = 1; level < 50; level++) bottom = (await makeEmployee({ managerId: bottom })).id;
    const fiftyFirst = await makeEmployee();
    await request(app)
      .patch(`/api/v1/employees/${fiftyFirst.id}`)
      .set(admin.auth)
      .send({ managerId: bottom })
      .expect(200);
    const tooDeep = await makeEmployee();
    const res = await request(app)
      .patch(`/api/v1/employees/${tooDeep.id}`)
      .set(admin.auth)
      .send({ managerId: fiftyFirst.id })
      .expect(422);
    expect(res.body.errors).toEqual([
      { field: 'managerId', message: 'would make a reporting line longer than 50' },
    ]);
    expect((await Employee.findById(tooDeep.id).lean())?.managerId ?? null).toBeNull();
  });

  it('when an admin changes admin fields or clears one with null then it is stored', async () => {
    const org = await makeOrganisation();
    const res = await request(app)
      .patch(`/api/v1/employees/${org.direct.employee!.id}`)
      .set(org.admin.auth)
      .send({ position: 'Staff Engineer', managerId: null, employeeCode: 'NEW-1' })
      .expect(200);
    expect(res.body).toMatchObject({ position: 'Staff Engineer', managerId: null, employeeCode: 'NEW-1' });
  });

  it('when the body is empty or has unknown fields then 400', async () => {
    const admin = await makePerson('admin');
    await request(app).patch(`/api/v1/employees/${admin.employee!.id}`).set(admin.auth).send({}).expect(400);
    const res = await request(app)
      .patch(`/api/v1/employees/${admin.employee!.id}`)
      .set(admin.auth)
      .send({ role: 'admin' })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'role', message: 'Unknown field' }]);
  });
});

describe('DELETE /employees/:id', () => {
  it('when an admin deactivates then 204, the record stays readable, and the login is disabled', async () => {
    const admin = await makePerson('admin');
    const leaver = await makePerson('employee');
    await request(app)
      .post('/api/v1/auth/login')
      .send({ email: leaver.email, password: PASSWORD })
      .expect(200);
    // Used once first, so the login is a remembered active user when it is deactivated.
    await request(app).get('/api/v1/auth/me').set(leaver.auth).expect(200);
    await request(app).delete(`/api/v1/employees/${leaver.employee!.id}`).set(admin.auth).expect(204);
    const res = await request(app)
      .get(`/api/v1/employees/${leaver.employee!.id}`)
      .set(admin.auth)
      .expect(200);
    expect(res.body.status).toBe('inactive');
    expect(res.body.deactivatedAt).toEqual(expect.any(String));
    await request(app)
      .post('/api/v1/auth/login')
      .send({ email: leaver.email, password: PASSWORD })
      .expect(401);
    await request(app).get('/api/v1/auth/me').set(leaver.auth).expect(401);
    await request(app).delete(`/api/v1/employees/${leaver.employee!.id}`).set(admin.auth).expect(204);
    expect(
      await AuditLog.countDocuments({ action: 'employee.deactivate', entityId: leaver.employee!.id }),
    ).toBe(1);
    const inactive = await request(app).get('/api/v1/employees?status=inactive').set(admin.auth).expect(200);
    expect(inactive.body.data.map((e: { id: string }) => e.id)).toEqual([leaver.employee!.id]);
  });

  it('when reactivated by an admin then the login works again', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    await request(app).delete(`/api/v1/employees/${person.employee!.id}`).set(admin.auth).expect(204);
    await request(app)
      .patch(`/api/v1/employees/${person.employee!.id}`)
      .set(admin.auth)
      .send({ status: 'active' })
      .expect(200);
    await request(app)
      .post('/api/v1/auth/login')
      .send({ email: person.email, password: PASSWORD })
      .expect(200);
  });

  it('when a manager or an employee deletes then 403', async () => {
    const org = await makeOrganisation();
    await request(app)
      .delete(`/api/v1/employees/${org.direct.employee!.id}`)
      .set(org.manager.auth)
      .expect(403);
    await request(app)
      .delete(`/api/v1/employees/${org.direct.employee!.id}`)
      .set(org.direct.auth)
      .expect(403);
  });
});

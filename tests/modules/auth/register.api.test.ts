import request from 'supertest';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { bootstrapAdmin } from '../../../src/modules/auth';
import { User } from '../../../src/modules/auth/user.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { makeEmployee, makePerson } from '../../support/factories';

useTestDatabase();
const app = testApp();
const register = (auth: Record<string, string>, body: object) =>
  request(app).post('/api/v1/auth/register').set(auth).send(body);

describe('POST /auth/register', () => {
  it('when an admin registers an employee then 201, the user can sign in, and it is audited', async () => {
    const admin = await makePerson('admin');
    const employee = await makeEmployee();
    const res = await register(admin.auth, {
      email: employee.email,
      password: 'First-login-passphrase',
      role: 'employee',
      employeeId: employee.id,
    }).expect(201);
    expect(res.body).toMatchObject({
      email: employee.email,
      role: 'employee',
      employeeId: employee.id,
      status: 'active',
    });
    expect(res.body.passwordHash).toBeUndefined();
    await request(app)
      .post('/api/v1/auth/login')
      .send({ email: employee.email, password: 'First-login-passphrase' })
      .expect(200);
    const entry = await AuditLog.findOne({ action: 'user.create', entityId: res.body.id }).lean();
    expect(entry?.actor).toMatchObject({ kind: 'user', id: admin.userId });
    expect(JSON.stringify(entry)).not.toContain('First-login-passphrase');
  });

  it('when a manager, an employee or nobody registers then 403, 403, 401', async () => {
    const manager = await makePerson('manager');
    const employee = await makePerson('employee');
    const body = { email: 'new@example.com', password: 'First-login-passphrase', role: 'admin' };
    await register(manager.auth, body).expect(403);
    await register(employee.auth, body).expect(403);
    await register({}, body).expect(401);
    expect(await User.exists({ email: 'new@example.com' })).toBeNull();
  });

  it('when the email exists in another case then 409', async () => {
    const admin = await makePerson('admin');
    const res = await register(admin.auth, {
      email: admin.email.toUpperCase(),
      password: 'First-login-passphrase',
      role: 'admin',
    }).expect(409);
    expect(res.body.errors).toEqual([{ field: 'email', message: 'Already exists' }]);
  });

  it('when the employee already has a login then 409', async () => {
    const admin = await makePerson('admin');
    const holder = await makePerson('employee');
    await register(admin.auth, {
      email: 'second@example.com',
      password: 'First-login-passphrase',
      role: 'employee',
      employeeId: holder.employee!.id,
    }).expect(409);
  });

  it('when input is bad then 400 names each field', async () => {
    const admin = await makePerson('admin');
    const res = await register(admin.auth, {
      email: 'bad',
      password: 'short',
      role: 'boss',
      isAdmin: true,
    }).expect(400);
    const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(['email', 'isAdmin', 'password', 'role']);
  });

  it('when a login has no employee then it is created but sees no employees; an unknown employeeId is 422', async () => {
    const admin = await makePerson('admin');
    await register(admin.auth, {
      email: 'x@example.com',
      password: 'First-login-passphrase',
      role: 'manager',
    }).expect(201);
    const login = await request(app)
      .post('/api/v1/auth/login')
      .send({ email: 'x@example.com', password: 'First-login-passphrase' })
      .expect(200);
    const list = await request(app)
      .get('/api/v1/employees')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    expect(list.body.total).toBe(0);
    const unknown = await register(admin.auth, {
      email: 'y@example.com',
      password: 'First-login-passphrase',
      role: 'employee',
      employeeId: '0123456789abcdef01234567',
    }).expect(422);
    expect(unknown.body.errors).toEqual([{ field: 'employeeId', message: 'No such employee' }]);
  });
});

describe('bootstrap admin', () => {
  it('when run repeatedly and concurrently then exactly one admin exists', async () => {
    await User.deleteMany({ role: 'admin' });
    const outcomes = await Promise.all([
      bootstrapAdmin('root@example.com', 'Bootstrap-pass-123'),
      bootstrapAdmin('root@example.com', 'Bootstrap-pass-123'),
    ]);
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(await bootstrapAdmin('root@example.com', 'Bootstrap-pass-123')).toBe('exists');
    expect(await User.countDocuments({ role: 'admin' })).toBe(1);
    await request(app)
      .post('/api/v1/auth/login')
      .send({ email: 'root@example.com', password: 'Bootstrap-pass-123' })
      .expect(200);
  });

  it('when the first admin password from the environment is easy to guess then no admin is created', async () => {
    await User.deleteMany({ role: 'admin' });
    await expect(bootstrapAdmin('first@example.com', 'password1234')).rejects.toMatchObject({
      errors: [{ field: 'BOOTSTRAP_ADMIN_PASSWORD', message: expect.stringContaining('too easy to guess') }],
    });
    expect(await User.exists({ email: 'first@example.com' })).toBeNull();
  });
});

import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { PASSWORD, makeOrganisation } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';

useTestDatabase();
const app = testApp();
afterAll(() => setClockForTests(undefined));

describe('personal-data export', () => {
  it('when an admin exports an employee then profile, login, leave, attendance, notifications and audit come back, without secrets', async () => {
    setClockForTests('2026-11-23T10:00:00Z');
    const org = await makeOrganisation();
    const type = await makeLeaveType();
    const leave = await request(app)
      .post('/api/v1/leave-requests')
      .set(org.direct.auth)
      .send({ leaveTypeId: type.id, startDate: '2026-12-07', endDate: '2026-12-08' })
      .expect(201);
    await request(app)
      .post(`/api/v1/leave-requests/${leave.body.id}/reject`)
      .set(org.manager.auth)
      .send({ comment: 'No' })
      .expect(200);
    await request(app).post('/api/v1/attendance/check-in').set(org.direct.auth).expect(201);
    await request(app)
      .post('/api/v1/auth/login')
      .send({ email: org.direct.email, password: PASSWORD })
      .expect(200);

    const res = await request(app)
      .get(`/api/v1/employees/${org.direct.employee!.id}/export`)
      .set(org.admin.auth)
      .expect(200);
    expect(res.headers['content-disposition']).toContain(`employee-${org.direct.employee!.id}.json`);
    expect(res.body.employee).toMatchObject({ id: org.direct.employee!.id, email: org.direct.email });
    expect(res.body.user).toMatchObject({ id: org.direct.userId, email: org.direct.email });
    expect(res.body.leave.requests).toEqual([
      expect.objectContaining({ id: leave.body.id, status: 'rejected' }),
    ]);
    expect(res.body.leave.ledger.length).toBeGreaterThanOrEqual(2);
    expect(res.body.attendance.punches).toHaveLength(1);
    expect(res.body.notifications).toEqual([expect.objectContaining({ type: 'leave.rejected' })]);
    const actions = (res.body.audit as Array<{ action: string }>).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'employee.create',
        'user.create',
        'leave_request.create',
        'attendance.check_in',
        'auth.login',
      ]),
    );
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|\$2b\$|tokenHash|secretHash/);
  });

  it('when a manager asks, or the employee does not exist, then 403 or 404', async () => {
    const org = await makeOrganisation();
    await request(app)
      .get(`/api/v1/employees/${org.direct.employee!.id}/export`)
      .set(org.manager.auth)
      .expect(403);
    await request(app)
      .get('/api/v1/employees/0123456789abcdef01234567/export')
      .set(org.admin.auth)
      .expect(404);
  });
});

import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makeDepartment, makeOrganisation } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';

useTestDatabase();
const app = testApp();
beforeEach(() => setClockForTests('2026-11-23T10:00:00Z'));
afterAll(() => setClockForTests(undefined));

async function leave(person: Person, typeId: string, startDate: string, endDate: string) {
  return (
    await request(app)
      .post('/api/v1/leave-requests')
      .set(person.auth)
      .send({ leaveTypeId: typeId, startDate, endDate })
      .expect(201)
  ).body as { id: string };
}

describe('GET /leave-calendar', () => {
  it('when a manager looks then approved leave of the team in range shows, with names; pending only on request', async () => {
    const org = await makeOrganisation();
    const type = await makeLeaveType();
    const approved = await leave(org.direct, type.id, '2026-12-07', '2026-12-09');
    await request(app)
      .post(`/api/v1/leave-requests/${approved.id}/approve`)
      .set(org.manager.auth)
      .expect(200);
    await leave(org.indirect, type.id, '2026-12-08', '2026-12-08');
    const outsider = await leave(org.outsider, type.id, '2026-12-08', '2026-12-08');
    await request(app)
      .post(`/api/v1/leave-requests/${outsider.id}/approve`)
      .set(org.otherManager.auth)
      .expect(200);
    await leave(org.direct, type.id, '2027-02-01', '2027-02-01');

    const res = await request(app)
      .get('/api/v1/leave-calendar?from=2026-12-01&to=2026-12-31')
      .set(org.manager.auth)
      .expect(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        employeeId: org.direct.employee!.id,
        employeeName: org.direct.employee!.fullName,
        startDate: '2026-12-07',
        status: 'approved',
        leaveTypeCode: type.code,
      }),
    ]);
    const withPending = await request(app)
      .get('/api/v1/leave-calendar?from=2026-12-01&to=2026-12-31&includePending=true')
      .set(org.manager.auth)
      .expect(200);
    expect(withPending.body.map((e: { employeeId: string }) => e.employeeId).sort()).toEqual(
      [org.direct.employee!.id, org.indirect.employee!.id].sort(),
    );
    const admin = await request(app)
      .get('/api/v1/leave-calendar?from=2026-12-01&to=2026-12-31')
      .set(org.admin.auth)
      .expect(200);
    expect(admin.body).toHaveLength(2);
  });

  it('when filtered by department then only that department shows; an employee sees only themself', async () => {
    const org = await makeOrganisation();
    const dept = await makeDepartment();
    await request(app)
      .patch(`/api/v1/employees/${org.direct.employee!.id}`)
      .set(org.admin.auth)
      .send({ departmentId: dept.id })
      .expect(200);
    const type = await makeLeaveType({ requiresApproval: false });
    await leave(org.direct, type.id, '2026-12-14', '2026-12-15');
    await leave(org.indirect, type.id, '2026-12-14', '2026-12-15');
    const byDept = await request(app)
      .get(`/api/v1/leave-calendar?from=2026-12-14&to=2026-12-14&departmentId=${dept.id}`)
      .set(org.admin.auth)
      .expect(200);
    expect(byDept.body.map((e: { employeeId: string }) => e.employeeId)).toEqual([org.direct.employee!.id]);
    const own = await request(app)
      .get('/api/v1/leave-calendar?from=2026-12-01&to=2026-12-31')
      .set(org.indirect.auth)
      .expect(200);
    expect(own.body.map((e: { employeeId: string }) => e.employeeId)).toEqual([org.indirect.employee!.id]);
  });

  it('when the range is missing then 400; reversed or longer than a year then 422; each names it', async () => {
    const org = await makeOrganisation();
    const missing = await request(app).get('/api/v1/leave-calendar').set(org.admin.auth).expect(400);
    expect((missing.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual([
      'from',
      'to',
    ]);
    const reversed = await request(app)
      .get('/api/v1/leave-calendar?from=2026-12-31&to=2026-12-01')
      .set(org.admin.auth)
      .expect(422);
    expect(reversed.body.errors[0].field).toBe('to');
    const long = await request(app)
      .get('/api/v1/leave-calendar?from=2026-01-01&to=2027-06-01')
      .set(org.admin.auth)
      .expect(422);
    expect(long.body.errors[0].field).toBe('to');
  });
});

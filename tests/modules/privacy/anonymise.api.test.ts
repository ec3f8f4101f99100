import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { LedgerEntry } from '../../../src/modules/leave/leave-ledger.model';
import { LeaveRequest } from '../../../src/modules/leave/leave-request.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { PASSWORD, makeOrganisation } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';

useTestDatabase();
const app = testApp();
afterAll(() => setClockForTests(undefined));

describe('anonymising a former employee', () => {
  it('when an active employee is anonymised then 409; once deactivated the personal data is gone but history stays', async () => {
    setClockForTests('2026-11-23T10:00:00Z');
    const org = await makeOrganisation();
    const id = org.direct.employee!.id;
    const type = await makeLeaveType();
    await request(app)
      .post('/api/v1/leave-requests')
      .set(org.direct.auth)
      .send({
        leaveTypeId: type.id,
        startDate: '2026-12-07',
        endDate: '2026-12-08',
        reason: 'Surgery at St Mary',
      })
      .expect(201);
    const { body: leave } = await request(app)
      .get(`/api/v1/leave-requests?employeeId=${id}`)
      .set(org.admin.auth)
      .expect(200);
    const leaveId = (leave.data as Array<{ id: string }>)[0]!.id;
    await request(app)
      .patch(`/api/v1/leave-requests/${leaveId}`)
      .set(org.direct.auth)
      .send({ endDate: '2026-12-09', reason: 'Surgery at St Mary, longer' })
      .expect(200);
    await request(app).post(`/api/v1/leave-requests/${leaveId}/approve`).set(org.manager.auth).expect(200);
    await request(app)
      .post(`/api/v1/leave-requests/${leaveId}/amend`)
      .set(org.direct.auth)
      .send({ startDate: '2026-12-07', endDate: '2026-12-08', reason: 'Back early from St Mary' })
      .expect(200);
    await request(app)
      .patch(`/api/v1/employees/${id}`)
      .set(org.direct.auth)
      .send({ phone: '+44 20 7946 0999' })
      .expect(200);

    await request(app).post(`/api/v1/employees/${id}/anonymise`).set(org.admin.auth).expect(409);
    await request(app).delete(`/api/v1/employees/${id}`).set(org.admin.auth).expect(204);
    const res = await request(app).post(`/api/v1/employees/${id}/anonymise`).set(org.admin.auth).expect(200);
    expect(res.body).toMatchObject({ id, firstName: 'Former', phone: null, status: 'inactive' });
    expect(res.body.email).toMatch(/@invalid\.invalid$/);
    expect(JSON.stringify(res.body)).not.toContain(org.direct.email);

    // The leave request still counts (same ids, same days) but its free text is gone.
    const stored = await LeaveRequest.findOne({ employeeId: id }).lean();
    expect(stored).toMatchObject({ days: 2 });
    expect(stored?.reason).toBeUndefined();
    expect(JSON.stringify(stored)).not.toContain('St Mary');
    expect(await LedgerEntry.countDocuments({ employeeId: id, reason: /St Mary/ })).toBe(0);
    // The login no longer exists under the old address.
    await request(app)
      .post('/api/v1/auth/login')
      .send({ email: org.direct.email, password: PASSWORD })
      .expect(401);
    // The audit trail keeps its entries; the anonymisation entry names fields, not values.
    const entry = await AuditLog.findOne({ action: 'employee.anonymise', entityId: id }).lean();
    expect(entry?.metadata).toMatchObject({ fields: expect.arrayContaining(['email', 'phone']) });
    expect(JSON.stringify(entry)).not.toContain('+44 20 7946 0999');
    expect(await AuditLog.countDocuments({ entityId: id, action: 'employee.create' })).toBe(1);
    await request(app).post(`/api/v1/employees/${id}/anonymise`).set(org.manager.auth).expect(403);
  });
});

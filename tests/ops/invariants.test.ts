import request from 'supertest';
import { setClockForTests } from '../../src/lib/clock';
import { AuditLog } from '../../src/modules/audit/audit-log.model';
import { LedgerEntry } from '../../src/modules/leave/leave-ledger.model';
import { OutboxEmail } from '../../src/modules/notifications/outbox-email.model';
import { checkInvariants } from '../../src/ops/invariants';
import { testApp } from '../support/app';
import { useTestDatabase } from '../support/database';
import { makeOrganisation } from '../support/factories';
import { makeLeaveType } from '../support/leave-factories';

useTestDatabase();
const app = testApp();
beforeAll(() => setClockForTests('2026-11-23T10:00:00Z'));
afterAll(() => setClockForTests(undefined));

describe('invariant checker', () => {
  it('when leave was requested, approved and rejected normally then nothing is reported; each kind of breakage is then named', async () => {
    const org = await makeOrganisation();
    const type = await makeLeaveType();
    const submit = async (startDate: string) =>
      (
        await request(app)
          .post('/api/v1/leave-requests')
          .set(org.direct.auth)
          .send({ leaveTypeId: type.id, startDate, endDate: startDate })
          .expect(201)
      ).body as { id: string };
    const approved = await submit('2026-12-07');
    const rejected = await submit('2026-12-08');
    await submit('2026-12-09');
    await request(app)
      .post(`/api/v1/leave-requests/${approved.id}/approve`)
      .set(org.manager.auth)
      .expect(200);
    await request(app).post(`/api/v1/leave-requests/${rejected.id}/reject`).set(org.manager.auth).expect(200);

    const clean = await checkInvariants();
    expect(clean.violations).toEqual([]);
    expect(clean.checked.leaveRequests).toBe(3);

    // An approval whose process died after the status write: no usage entry.
    await LedgerEntry.deleteMany({ requestId: approved.id, kind: 'usage' });
    await OutboxEmail.updateOne({}, { $set: { status: 'sent', sendCount: 2 } });
    const decision = await AuditLog.findOne({ action: 'leave_request.reject' }).lean();
    await AuditLog.create({ ...decision, _id: undefined, changeId: undefined });

    const broken = await checkInvariants();
    expect(broken.violations.map((v) => [v.invariant, v.entity]).sort()).toEqual(
      [
        ['balance equals ledger', `LeaveRequest ${approved.id}`],
        ['each mail sent at most once', expect.stringMatching(/^OutboxEmail /) as string],
        ['each request decided once', `LeaveRequest ${rejected.id}`],
      ].sort(),
    );
  });

  it('when a killed approval is retried then the retry completes its ledger entries and still answers 409', async () => {
    const org = await makeOrganisation();
    const type = await makeLeaveType();
    const { id } = (
      await request(app)
        .post('/api/v1/leave-requests')
        .set(org.direct.auth)
        .send({ leaveTypeId: type.id, startDate: '2026-12-14', endDate: '2026-12-15' })
        .expect(201)
    ).body as { id: string };
    await request(app).post(`/api/v1/leave-requests/${id}/approve`).set(org.manager.auth).expect(200);
    await LedgerEntry.deleteMany({ requestId: id, kind: 'usage' });
    await LedgerEntry.deleteMany({ requestId: id, kind: 'hold_release' });
    const about = async () =>
      (await checkInvariants()).violations.filter((v) => v.entity === `LeaveRequest ${id}`);
    expect(await about()).toHaveLength(1);
    await request(app).post(`/api/v1/leave-requests/${id}/approve`).set(org.manager.auth).expect(409);
    expect(await about()).toEqual([]);
  });
});

import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { LedgerEntry } from '../../../src/modules/leave/leave-ledger.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { apiDriver } from '../../support/driver';
import type { Person } from '../../support/factories';
import { makeOrganisation } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';

useTestDatabase();
const app = testApp();
const driver = apiDriver(app);
beforeEach(() => setClockForTests('2026-11-23T10:00:00Z'));
afterAll(() => setClockForTests(undefined));

async function requestLeave(person: Person, startDate = '2026-12-07', endDate = '2026-12-09') {
  const type = await makeLeaveType();
  const { id } = await driver.submitLeave(person, { leaveTypeId: type.id, startDate, endDate });
  return { id, type };
}

const balanceOf = (person: Person, code: string) => driver.balance(person, person.employee!.id, code, 2026);

const decide = (person: Person, id: string, action: 'approve' | 'reject' | 'cancel', body: object = {}) =>
  request(app).post(`/api/v1/leave-requests/${id}/${action}`).set(person.auth).send(body);

describe('approving and rejecting', () => {
  it('when the manager approves then the request is approved with the comment, days move from pending to used, and it is audited', async () => {
    const org = await makeOrganisation();
    const { id, type } = await requestLeave(org.direct);
    expect(await balanceOf(org.direct, type.code)).toMatchObject({ pending: 3, used: 0, available: 17 });
    const res = await decide(org.manager, id, 'approve', { comment: 'Enjoy' }).expect(200);
    expect(res.body).toMatchObject({
      status: 'approved',
      decidedBy: org.manager.userId,
      decisionComment: 'Enjoy',
    });
    expect(await balanceOf(org.direct, type.code)).toMatchObject({ pending: 0, used: 3, available: 17 });
    expect(await AuditLog.countDocuments({ action: 'leave_request.approve', entityId: id })).toBe(1);
  });

  it("when a manager higher up approves an indirect report's request then it is allowed", async () => {
    const org = await makeOrganisation();
    const { id } = await requestLeave(org.indirect);
    await decide(org.manager, id, 'approve').expect(200);
  });

  it('when someone decides their own request then 403, even an admin or a manager', async () => {
    const org = await makeOrganisation();
    const own = await requestLeave(org.manager);
    await decide(org.manager, own.id, 'approve').expect(403);
    const adminOwn = await requestLeave(org.admin);
    await decide(org.admin, adminOwn.id, 'approve').expect(403);
  });

  it('when an employee tries to decide then 403; a manager of another team gets 404', async () => {
    const org = await makeOrganisation();
    const { id } = await requestLeave(org.direct);
    await decide(org.outsider, id, 'approve').expect(403);
    await decide(org.otherManager, id, 'approve').expect(404);
  });

  it('when a decided request is decided again then 409', async () => {
    const org = await makeOrganisation();
    const { id } = await requestLeave(org.direct);
    await decide(org.manager, id, 'reject').expect(200);
    const again = await decide(org.admin, id, 'approve').expect(409);
    expect(again.body.detail).toBe('The request is already rejected');
  });

  it('when ten approvals race then exactly one wins and the days are deducted once', async () => {
    const org = await makeOrganisation();
    const { id, type } = await requestLeave(org.direct);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => decide(i % 2 === 0 ? org.manager : org.admin, id, 'approve')),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    expect(await LedgerEntry.countDocuments({ requestId: id, kind: 'usage' })).toBe(1);
    expect(await balanceOf(org.direct, type.code)).toMatchObject({ used: 3, pending: 0, available: 17 });
  });

  it('when rejected then the held days are released', async () => {
    const org = await makeOrganisation();
    const { id, type } = await requestLeave(org.direct);
    await decide(org.manager, id, 'reject', { comment: 'Release week' }).expect(200);
    expect(await balanceOf(org.direct, type.code)).toMatchObject({ used: 0, pending: 0, available: 20 });
  });
});

describe('cancelling', () => {
  it('when the owner cancels an approved future leave then the days are released', async () => {
    const org = await makeOrganisation();
    const { id, type } = await requestLeave(org.direct);
    await decide(org.manager, id, 'approve').expect(200);
    const res = await decide(org.direct, id, 'cancel').expect(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancelledBy: org.direct.userId });
    expect(await balanceOf(org.direct, type.code)).toMatchObject({ used: 0, pending: 0, available: 20 });
    await decide(org.direct, id, 'cancel').expect(409);
  });

  it('when the leave has started then the owner gets 422 and an admin may still cancel', async () => {
    const org = await makeOrganisation();
    const { id, type } = await requestLeave(org.direct, '2026-11-30', '2026-12-02');
    await decide(org.manager, id, 'approve').expect(200);
    setClockForTests('2026-12-01T09:00:00Z');
    await decide(org.direct, id, 'cancel').expect(422);
    await decide(org.admin, id, 'cancel').expect(200);
    expect(await balanceOf(org.direct, type.code)).toMatchObject({ used: 0, available: 20 });
  });

  it("when a manager or a stranger cancels someone's request then 403 or 404", async () => {
    const org = await makeOrganisation();
    const { id } = await requestLeave(org.direct);
    await decide(org.manager, id, 'cancel').expect(403);
    await decide(org.outsider, id, 'cancel').expect(404);
  });
});

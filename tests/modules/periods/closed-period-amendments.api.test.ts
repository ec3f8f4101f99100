import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { PayrollPeriod } from '../../../src/modules/periods/payroll-period.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { apiDriver } from '../../support/driver';
import { amendmentHelpers } from '../../support/leave-amendments';

/**
 * Editing and amending leave respects closed payroll periods like every other write: a change to a
 * date inside one is 409 period-closed and leaves the request as it was; changes that touch only
 * open dates still apply, even on a request that starts inside the closed period.
 */
useTestDatabase();
const app = testApp();
const driver = apiDriver(app);
const { setUp, amend, edit, decideAmendment, get, expectLedgerMatchesRequests } = amendmentHelpers(app);
beforeEach(() => setClockForTests('2026-11-23T10:00:00Z'));
// Each test closes November itself, after setting up what it needs while November was open.
afterEach(() => PayrollPeriod.deleteMany({}));
afterAll(() => setClockForTests(undefined));

const closeNovember = async (admin: { auth: { Authorization: string } }) => {
  setClockForTests('2026-12-02T10:00:00Z');
  await request(app)
    .post('/api/v1/payroll-periods')
    .set(admin.auth)
    .send({ from: '2026-11-01', to: '2026-11-30' })
    .expect(201);
};

function expectClosed(res: request.Response): void {
  expect(res.status).toBe(409);
  expect(res.body.type).toMatch(/\/problems\/period-closed$/);
}

describe('amending leave in a closed payroll period', () => {
  it('when an amendment changes a closed date then 409 period-closed; one that changes only open dates applies', async () => {
    const { org, id } = await setUp({ startDate: '2026-11-30', endDate: '2026-12-04' });
    await closeNovember(org.admin);
    expectClosed(
      await amend(org.admin, id, {
        startDate: '2026-12-01',
        endDate: '2026-12-04',
        reason: 'Came in on Monday',
      }),
    );
    expect((await get(org.admin, id)).body).toMatchObject({ startDate: '2026-11-30', endDate: '2026-12-04' });
    const shorter = await amend(org.admin, id, {
      startDate: '2026-11-30',
      endDate: '2026-12-03',
      reason: 'Back on Friday',
    }).expect(200);
    expect(shorter.body).toMatchObject({
      startDate: '2026-11-30',
      endDate: '2026-12-03',
      status: 'approved',
    });
    await expectLedgerMatchesRequests();
  });

  it('when an amendment waiting for a decision reaches into a closed period then approving it is 409 and rejecting it still works', async () => {
    const { org, id } = await setUp({ startDate: '2026-12-07', endDate: '2026-12-08' });
    await amend(org.admin, id, {
      startDate: '2026-11-27',
      endDate: '2026-12-08',
      reason: 'Left earlier',
    }).expect(202);
    await closeNovember(org.admin);
    expectClosed(await decideAmendment(org.manager, id, 'approve'));
    expect((await get(org.admin, id)).body).toMatchObject({
      startDate: '2026-12-07',
      pendingAmendment: expect.objectContaining({ startDate: '2026-11-27' }),
    });
    await decideAmendment(org.manager, id, 'reject', { comment: 'November is closed' }).expect(200);
    await expectLedgerMatchesRequests();
  });

  it('when a pending request inside a closed period is edited then 409 period-closed and nothing changes', async () => {
    const { org, type } = await setUp();
    const pending = await driver.submitLeave(org.admin, {
      employeeId: org.direct.employee!.id,
      leaveTypeId: type.id,
      startDate: '2026-11-26',
      endDate: '2026-11-26',
    });
    await closeNovember(org.admin);
    expectClosed(await edit(org.admin, pending.id, { endDate: '2026-11-27' }));
    expectClosed(await edit(org.admin, pending.id, { startDate: '2026-12-09', endDate: '2026-12-09' }));
    expect(await driver.leaveRequest(org.admin, pending.id)).toMatchObject({
      startDate: '2026-11-26',
      endDate: '2026-11-26',
      status: 'pending',
    });
  });
});

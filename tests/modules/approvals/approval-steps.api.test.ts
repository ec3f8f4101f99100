import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { LedgerEntry } from '../../../src/modules/leave/leave-ledger.model';
import { checkInvariants } from '../../../src/ops/invariants';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { apiDriver } from '../../support/driver';
import { makeOrganisation, makePerson } from '../../support/factories';
import { approvalApi, twoStepType } from './support';

useTestDatabase();
const app = testApp();
const api = approvalApi(app);
const driver = apiDriver(app);
// Monday 23 November 2026.
beforeEach(() => setClockForTests('2026-11-23T10:00:00Z'));
afterAll(() => setClockForTests(undefined));

// 1-8 December 2026: six working days, so the admin step applies.
const LONG = ['2026-12-01', '2026-12-08'] as const;

describe('approval steps', () => {
  it('when a long request is approved by the manager then it waits for an admin, who approves it; only then are the days used', async () => {
    const org = await makeOrganisation();
    const type = await twoStepType();
    const submitted = await api.submit(org.direct, type.id, ...LONG);
    expect(submitted).toMatchObject({
      status: 'pending',
      currentStep: 1,
      approvals: [
        { step: 1, approver: 'manager', status: 'pending', assignedTo: org.manager.employee!.id },
        { step: 2, approver: 'admin', status: 'waiting', assignedTo: null },
      ],
    });
    const first = await api
      .decide(org.manager, submitted.id, 'approve', { comment: 'Fine by me' })
      .expect(200);
    expect(first.body).toMatchObject({
      status: 'pending',
      currentStep: 2,
      approvals: [
        { status: 'approved', decidedBy: org.manager.userId, comment: 'Fine by me' },
        { status: 'pending', approver: 'admin' },
      ],
    });
    // Step 2 is an admin's: the manager (and the sub-manager above nobody here) may not decide it.
    await api.decide(org.manager, submitted.id, 'approve').expect(403);
    expect(await driver.balance(org.direct, org.direct.employee!.id, type.code, 2026)).toMatchObject({
      pending: 6,
      used: 0,
    });
    const [asked] = await api.notifications(org.admin, 'leave.approval_requested');
    expect(asked?.title).toContain('step 2 of 2 (an admin)');
    const [progress] = await api.notifications(org.direct, 'leave.step_approved');
    expect(progress?.title).toBe('Step 1 of 2 of your annual leave was approved');

    const done = await api.decide(org.admin, submitted.id, 'approve').expect(200);
    expect(done.body).toMatchObject({ status: 'approved', currentStep: null, decidedBy: org.admin.userId });
    expect(await driver.balance(org.direct, org.direct.employee!.id, type.code, 2026)).toMatchObject({
      pending: 0,
      used: 6,
    });
    const actions = (await AuditLog.find({ entityId: submitted.id }).sort({ at: 1 }).lean()).map(
      (e) => e.action,
    );
    expect(actions).toEqual(['leave_request.create', 'leave_request.approve_step', 'leave_request.approve']);
    expect((await checkInvariants()).violations).toEqual([]);
  });

  it('when a request is shorter than the admin step’s minDays then the manager’s approval is the last', async () => {
    const org = await makeOrganisation();
    const type = await twoStepType();
    const short = await api.submit(org.direct, type.id, '2026-12-01', '2026-12-02');
    expect(short.approvals).toHaveLength(1);
    const res = await api.decide(org.manager, short.id, 'approve').expect(200);
    expect(res.body).toMatchObject({ status: 'approved', approvals: [{ status: 'approved' }] });
  });

  it('when the admin rejects at step 2 then the request ends rejected, the held days come back and nothing is used', async () => {
    const org = await makeOrganisation();
    const type = await twoStepType();
    const { id } = await api.submit(org.direct, type.id, ...LONG);
    await api.decide(org.manager, id, 'approve').expect(200);
    const res = await api.decide(org.admin, id, 'reject', { comment: 'Release week' }).expect(200);
    expect(res.body).toMatchObject({
      status: 'rejected',
      decisionComment: 'Release week',
      approvals: [{ status: 'approved' }, { status: 'rejected', comment: 'Release week' }],
    });
    expect(await driver.balance(org.direct, org.direct.employee!.id, type.code, 2026)).toMatchObject({
      pending: 0,
      used: 0,
      available: 25,
    });
    await api.decide(org.admin, id, 'approve').expect(409);
  });

  it('when someone would decide a step of their own request then it is refused at every step, and another approver decides it', async () => {
    const org = await makeOrganisation();
    const type = await twoStepType();
    // An admin who is also an employee, reporting to the manager.
    const adminEmployee = await makePerson('admin', { employee: { managerId: org.manager.employee!.id } });
    const { id } = await api.submit(adminEmployee, type.id, ...LONG);
    await api.decide(adminEmployee, id, 'approve').expect(403);
    await api.decide(org.manager, id, 'approve').expect(200);
    const refused = await api.decide(adminEmployee, id, 'approve').expect(403);
    expect(refused.body.detail).toBe('Nobody can decide their own leave request');
    await api.decide(adminEmployee, id, 'reject').expect(403);
    await api.decide(org.admin, id, 'approve').expect(200);
  });

  it('when ten approvals of one step race then exactly one decides it, the rest get 409, and it is audited once', async () => {
    const org = await makeOrganisation();
    const type = await twoStepType();
    const { id } = await api.submit(org.direct, type.id, ...LONG);
    const statuses = await Promise.all(
      Array.from({ length: 10 }, () => api.decide(org.manager, id, 'approve').then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    expect(await api.get(org.admin, id)).toMatchObject({
      currentStep: 2,
      approvals: [{ status: 'approved' }, { status: 'pending' }],
    });
    expect(await AuditLog.countDocuments({ entityId: id, action: 'leave_request.approve_step' })).toBe(1);

    // The final step: ten admins' decisions, approvals and rejections mixed; one wins, the ledger follows it.
    const admins = await Promise.all(Array.from({ length: 10 }, () => makePerson('admin')));
    const final = await Promise.all(
      admins.map((a, i) => api.decide(a, id, i % 2 ? 'approve' : 'reject').then((r) => r.status)),
    );
    expect(final.filter((s) => s === 200)).toHaveLength(1);
    expect(final.filter((s) => s === 409)).toHaveLength(9);
    const decided = await api.get(org.admin, id);
    const usage = await LedgerEntry.countDocuments({ requestId: id, kind: 'usage' });
    expect(usage).toBe(decided.status === 'approved' ? 1 : 0);
    expect((await checkInvariants()).violations).toEqual([]);
  });

  it('when a request waiting for step 2 is edited to other dates then its approval starts again from step 1', async () => {
    const org = await makeOrganisation();
    const type = await twoStepType();
    const { id } = await api.submit(org.direct, type.id, ...LONG);
    await api.decide(org.manager, id, 'approve').expect(200);
    const edited = await request(app)
      .patch(`/api/v1/leave-requests/${id}`)
      .set(org.direct.auth)
      .send({ endDate: '2026-12-09' })
      .expect(200);
    expect(edited.body).toMatchObject({
      currentStep: 1,
      approvals: [
        { step: 1, status: 'pending', decidedBy: null },
        { step: 2, status: 'waiting' },
      ],
    });
    // Only the reason changed: the approvals stay as they are.
    await api.decide(org.manager, id, 'approve').expect(200);
    const reworded = await request(app)
      .patch(`/api/v1/leave-requests/${id}`)
      .set(org.direct.auth)
      .send({ reason: 'Family' })
      .expect(200);
    expect(reworded.body).toMatchObject({ currentStep: 2 });
  });
});

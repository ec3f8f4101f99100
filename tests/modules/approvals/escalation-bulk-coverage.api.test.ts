import request from 'supertest';
import { runJob } from '../../../src/jobs/jobs';
import { setClockForTests } from '../../../src/lib/clock';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { runJobCli } from '../../support/job-cli';
import { makeOrganisation, makePerson } from '../../support/factories';
import { approvalApi, twoStepType } from './support';

useTestDatabase();
const app = testApp();
const api = approvalApi(app);
// Monday 23 November 2026.
beforeEach(() => setClockForTests('2026-11-23T10:00:00Z'));
afterAll(() => setClockForTests(undefined));

describe('escalation', () => {
  it('when a step waits 2 working days then its approver is reminded once a day; at 5 the job (--date) escalates it to their manager', async () => {
    const org = await makeOrganisation();
    const type = await twoStepType();
    const { id } = await api.submit(org.indirect, type.id, '2026-12-14', '2026-12-15');
    await runJob('approval-escalation', '2026-11-24');
    expect(await api.notifications(org.subManager, 'leave.approval_reminder')).toEqual([]);
    await runJob('approval-escalation', '2026-11-25');
    await runJob('approval-escalation', '2026-11-25');
    const reminders = await api.notifications(org.subManager, 'leave.approval_reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.body).toContain('It has waited 2 working day(s).');

    const printed = JSON.parse((await runJobCli('approval-escalation', '2026-11-30')).trim()) as Record<
      string,
      unknown
    >;
    expect(printed).toMatchObject({ job: 'approval-escalation', date: '2026-11-30', entriesWritten: 1 });
    const escalated = await api.get(org.admin, id);
    expect(escalated.approvals[0]).toMatchObject({
      assignedTo: org.subManager.employee!.id,
      escalatedTo: org.manager.employee!.id,
    });
    const [told] = await api.notifications(org.manager, 'leave.approval_escalated');
    expect(told?.body).toContain('so it was escalated: you may decide it too');
    expect(await AuditLog.countDocuments({ entityId: id, action: 'leave_request.escalate' })).toBe(1);
    // Once per step: the next day reminds again but does not escalate a second time.
    await runJob('approval-escalation', '2026-12-01');
    expect(await AuditLog.countDocuments({ entityId: id, action: 'leave_request.escalate' })).toBe(1);
    expect(await api.notifications(org.manager, 'leave.approval_reminder')).toHaveLength(1);
    await api.decide(org.manager, id, 'approve').expect(200);
  });

  it('when a department-head step is escalated then the head’s manager, who could not decide it before, may', async () => {
    const org = await makeOrganisation();
    const dept = (
      await request(app)
        .post('/api/v1/departments')
        .set(org.admin.auth)
        .send({ name: 'Ops', headId: org.subManager.employee!.id })
        .expect(201)
    ).body as { id: string };
    const member = await makePerson('employee', {
      employee: { departmentId: dept.id, managerId: org.otherManager.employee!.id },
    });
    const type = await twoStepType({ approvalSteps: [{ approver: 'department_head' }] });
    const { id, approvals } = await api.submit(member, type.id, '2026-12-14', '2026-12-14');
    expect(approvals[0]).toMatchObject({
      approver: 'department_head',
      assignedTo: org.subManager.employee!.id,
    });
    await api.decide(org.otherManager, id, 'approve').expect(403);
    await api.decide(org.manager, id, 'approve').expect(404);
    await runJob('approval-escalation', '2026-11-30');
    await api.decide(org.manager, id, 'approve').expect(200);
  });
});

describe('bulk decisions', () => {
  it('when a batch mixes good, decided, unknown, malformed and foreign ids then each gets its own result and the good one is decided', async () => {
    const org = await makeOrganisation();
    const type = await twoStepType();
    const good = await api.submit(org.direct, type.id, '2026-12-01', '2026-12-01');
    const decided = await api.submit(org.direct, type.id, '2026-12-02', '2026-12-02');
    await api.decide(org.manager, decided.id, 'approve').expect(200);
    const foreign = await api.submit(org.outsider, type.id, '2026-12-01', '2026-12-01');
    const long = await api.submit(org.indirect, type.id, '2026-12-01', '2026-12-08');
    const ids = [good.id, decided.id, 'ffffffffffffffffffffffff', 'not-an-id', foreign.id, long.id];
    const res = await request(app)
      .post('/api/v1/leave-requests/decisions')
      .set(org.manager.auth)
      .send({ ids, decision: 'approve', comment: 'Weekly review' })
      .expect(200);
    expect(res.body.results).toEqual([
      { id: good.id, status: 'approved', currentStep: null },
      { id: decided.id, status: 'failed', error: 'The request is already approved', code: 409 },
      { id: 'ffffffffffffffffffffffff', status: 'failed', error: 'Leave request not found', code: 404 },
      { id: 'not-an-id', status: 'failed', error: 'Leave request not found', code: 404 },
      { id: foreign.id, status: 'failed', error: 'Leave request not found', code: 404 },
      { id: long.id, status: 'pending', currentStep: 2 },
    ]);
    expect(await api.get(org.direct, good.id)).toMatchObject({ status: 'approved' });
    expect(await api.get(org.outsider, foreign.id)).toMatchObject({ status: 'pending' });
    await request(app)
      .post('/api/v1/leave-requests/decisions')
      .set(org.manager.auth)
      .send({ ids: [], decision: 'approve' })
      .expect(400);
    await request(app)
      .post('/api/v1/leave-requests/decisions')
      .set(org.direct.auth)
      .send({ ids: [good.id], decision: 'reject' })
      .expect(403);
  });
});

describe('team coverage', () => {
  it('when approving would put more than maxAbsent of the department away then it is 422, and only an admin may override with a reason', async () => {
    const org = await makeOrganisation();
    const dept = (
      await request(app)
        .post('/api/v1/departments')
        .set(org.admin.auth)
        .send({ name: 'Support', maxAbsent: 1 })
        .expect(201)
    ).body as { id: string; maxAbsent: number };
    expect(dept.maxAbsent).toBe(1);
    const inDept = { departmentId: dept.id, managerId: org.manager.employee!.id };
    const colleague = await makePerson('employee', { employee: inDept });
    const asker = await makePerson('employee', { employee: inDept });
    const type = await twoStepType();
    const theirs = await api.submit(colleague, type.id, '2026-12-02', '2026-12-02');
    await api.decide(org.manager, theirs.id, 'approve').expect(200);
    const mine = await api.submit(asker, type.id, '2026-12-01', '2026-12-03');

    const coverage = await request(app)
      .get(`/api/v1/leave-requests/${mine.id}/coverage`)
      .set(org.manager.auth)
      .expect(200);
    expect(coverage.body).toMatchObject({
      departmentId: dept.id,
      maxAbsent: 1,
      exceedsLimit: true,
      away: [{ employeeId: colleague.employee!.id, requestId: theirs.id, status: 'approved' }],
      days: [
        { date: '2026-12-01', approvedAway: 0, exceedsLimit: false },
        { date: '2026-12-02', approvedAway: 1, exceedsLimit: true },
        { date: '2026-12-03', approvedAway: 0, exceedsLimit: false },
      ],
    });
    const refused = await api.decide(org.manager, mine.id, 'approve').expect(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'coverageOverrideReason' });
    expect(refused.body.detail).toContain('2026-12-02');
    await api
      .decide(org.manager, mine.id, 'approve', { coverageOverrideReason: 'Cover arranged' })
      .expect(403);
    const overridden = await api
      .decide(org.admin, mine.id, 'approve', { coverageOverrideReason: 'Cover arranged' })
      .expect(200);
    expect(overridden.body).toMatchObject({
      status: 'approved',
      approvals: [{ coverageOverride: 'Cover arranged' }],
    });
    const audit = await AuditLog.findOne({ entityId: mine.id, action: 'leave_request.approve' }).lean();
    expect(audit?.metadata).toMatchObject({ coverageOverride: 'Cover arranged' });
    // The coverage of a request outside the caller's scope is not shown.
    await request(app).get(`/api/v1/leave-requests/${mine.id}/coverage`).set(org.outsider.auth).expect(404);
  });
});

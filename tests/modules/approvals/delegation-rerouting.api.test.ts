import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makeOrganisation, makePerson } from '../../support/factories';
import { approvalApi, twoStepType } from './support';

useTestDatabase();
const app = testApp();
const api = approvalApi(app);
// Monday 23 November 2026.
beforeEach(() => setClockForTests('2026-11-23T10:00:00Z'));
afterAll(() => setClockForTests(undefined));

const delegate = (by: Person, body: object) =>
  request(app).post('/api/v1/delegations').set(by.auth).send(body);

describe('delegation', () => {
  it('when a manager names a delegate then during the range the delegate sees, hears of and decides the team’s requests, and not after it', async () => {
    const org = await makeOrganisation();
    const type = await twoStepType();
    const created = await delegate(org.manager, {
      delegateUserId: org.otherManager.userId,
      from: '2026-11-23',
      to: '2026-11-25',
      reason: 'Conference',
    }).expect(201);
    expect(created.body).toMatchObject({
      delegatorUserId: org.manager.userId,
      delegatorEmployeeId: org.manager.employee!.id,
      delegateUserId: org.otherManager.userId,
      active: true,
    });
    const during = await api.submit(org.direct, type.id, '2026-12-01', '2026-12-02');
    const [heard] = await api.notifications(org.otherManager, 'leave.submitted');
    expect(heard).toMatchObject({ data: { requestId: during.id, asDelegate: true } });
    expect(heard?.body).toContain('You are asked as the delegate of');
    const listed = await request(app).get('/api/v1/leave-requests').set(org.otherManager.auth).expect(200);
    expect((listed.body as { data: Array<{ id: string }> }).data.map((r) => r.id)).toContain(during.id);

    const decided = await api.decide(org.otherManager, during.id, 'approve').expect(200);
    expect(decided.body).toMatchObject({
      status: 'approved',
      approvals: [{ decidedBy: org.otherManager.userId, onBehalfOf: org.manager.employee!.id }],
    });
    const audit = await AuditLog.findOne({ entityId: during.id, action: 'leave_request.approve' }).lean();
    expect(audit?.metadata).toMatchObject({ onBehalfOf: org.manager.employee!.id });

    const after = await api.submit(org.direct, type.id, '2026-12-03', '2026-12-03');
    setClockForTests('2026-11-26T10:00:00Z');
    await api.decide(org.otherManager, after.id, 'approve').expect(404);
    await api.decide(org.manager, after.id, 'approve').expect(200);
  });

  it('when a delegation is refused or revoked then the reason is named, and a revoked delegate decides nothing', async () => {
    const org = await makeOrganisation();
    const type = await twoStepType();
    const range = { from: '2026-11-23', to: '2026-11-30' };
    const notApprover = await delegate(org.manager, { delegateUserId: org.direct.userId, ...range }).expect(
      422,
    );
    expect(notApprover.body.errors).toEqual([
      { field: 'delegateUserId', message: 'must be a manager or an admin' },
    ]);
    await delegate(org.manager, { delegateUserId: org.manager.userId, ...range }).expect(422);
    await delegate(org.manager, {
      delegateUserId: org.otherManager.userId,
      from: '2026-11-30',
      to: '2026-11-23',
    }).expect(422);
    await delegate(org.direct, { delegateUserId: org.otherManager.userId, ...range }).expect(403);
    await delegate(org.subManager, {
      delegateUserId: org.otherManager.userId,
      delegatorUserId: org.manager.userId,
      ...range,
    }).expect(403);

    const { id } = (
      await delegate(org.admin, {
        delegateUserId: org.otherManager.userId,
        delegatorUserId: org.manager.userId,
        ...range,
      }).expect(201)
    ).body as { id: string };
    await delegate(org.manager, { delegateUserId: org.subManager.userId, ...range }).expect(409);
    const mine = await request(app).get('/api/v1/delegations').set(org.otherManager.auth).expect(200);
    expect((mine.body as { data: Array<{ id: string }> }).data.map((d) => d.id)).toEqual([id]);

    await request(app).delete(`/api/v1/delegations/${id}`).set(org.otherManager.auth).expect(403);
    await request(app).delete(`/api/v1/delegations/${id}`).set(org.manager.auth).expect(204);
    await request(app).delete(`/api/v1/delegations/${id}`).set(org.manager.auth).expect(404);
    const { id: requestId } = await api.submit(org.direct, type.id, '2026-12-01', '2026-12-01');
    await api.decide(org.otherManager, requestId, 'approve').expect(404);
    const actions = (await AuditLog.find({ entityId: id }).lean()).map((e) => e.action).sort();
    expect(actions).toEqual(['delegation.create', 'delegation.revoke']);
  });
});

describe('rerouting while the approver is away', () => {
  async function awayFromToday(person: Person, approver: Person) {
    const type = await twoStepType();
    const { id } = await api.submit(person, type.id, '2026-11-23', '2026-11-27');
    await api.decide(approver, id, 'approve').expect(200);
  }

  it('when the approver is on approved leave without a delegate then the request goes to their manager, is audited, and says why', async () => {
    const org = await makeOrganisation();
    await awayFromToday(org.subManager, org.manager);
    const type = await twoStepType();
    const submitted = await api.submit(org.indirect, type.id, '2026-12-01', '2026-12-02');
    expect(submitted.approvals[0]).toMatchObject({
      assignedTo: org.manager.employee!.id,
      reroutedFrom: org.subManager.employee!.id,
    });
    const reroute = await AuditLog.findOne({
      entityId: submitted.id,
      action: 'leave_request.reroute',
    }).lean();
    expect(reroute?.metadata).toMatchObject({
      reroutedFrom: org.subManager.employee!.id,
      assignedTo: org.manager.employee!.id,
    });
    const [heard] = await api.notifications(org.manager, 'leave.submitted');
    expect(heard?.body).toContain('is on leave and named no delegate');
    expect(await api.notifications(org.subManager, 'leave.submitted')).toEqual([]);
    await api.decide(org.manager, submitted.id, 'approve').expect(200);
  });

  it('when the away approver named a delegate then nothing is rerouted: the delegate is asked', async () => {
    const org = await makeOrganisation();
    await awayFromToday(org.subManager, org.manager);
    await delegate(org.subManager, {
      delegateUserId: org.otherManager.userId,
      from: '2026-11-23',
      to: '2026-11-27',
    }).expect(201);
    const type = await twoStepType();
    const submitted = await api.submit(org.indirect, type.id, '2026-12-01', '2026-12-02');
    expect(submitted.approvals[0]).toMatchObject({
      assignedTo: org.subManager.employee!.id,
      reroutedFrom: null,
    });
    expect(await api.notifications(org.otherManager, 'leave.submitted')).toHaveLength(1);
    await api.decide(org.otherManager, submitted.id, 'approve').expect(200);
  });

  it('when the whole line above is away then the admins are asked', async () => {
    const org = await makeOrganisation();
    const admin2 = await makePerson('admin');
    await awayFromToday(org.manager, admin2);
    const type = await twoStepType();
    const submitted = await api.submit(org.direct, type.id, '2026-12-01', '2026-12-02');
    expect(submitted.approvals[0]).toMatchObject({
      assignedTo: null,
      reroutedFrom: org.manager.employee!.id,
    });
    const heard = await api.notifications(org.admin, 'leave.submitted');
    expect(heard.filter((n) => n.data.requestId === submitted.id)).toHaveLength(1);
  });
});

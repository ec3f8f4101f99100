import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { LedgerEntry } from '../../../src/modules/leave/leave-ledger.model';
import { Notification } from '../../../src/modules/notifications/notification.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { makeOrganisation } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';
import { amendmentHelpers } from '../../support/leave-amendments';

useTestDatabase();
const app = testApp();
beforeEach(() => setClockForTests('2026-11-23T10:00:00Z'));
afterAll(() => setClockForTests(undefined));

const { setUp, balanceOf, amend, edit, decideAmendment, get, expectLedgerMatchesRequests } =
  amendmentHelpers(app);

describe('editing a pending request (PATCH)', () => {
  it('when the employee changes the dates then the days are recounted, the held days corrected and the edit kept', async () => {
    const { org, type, id } = await setUp(undefined, false);
    expect(await balanceOf(org, type.code)).toMatchObject({ pending: 5, available: 5 });
    const res = await edit(org.direct, id, {
      startDate: '2026-12-08',
      endDate: '2026-12-09',
      halfDayEnd: true,
    }).expect(200);
    expect(res.body).toMatchObject({ status: 'pending', days: 1.5, startDate: '2026-12-08', version: 1 });
    expect(res.body.amendments).toEqual([
      expect.objectContaining({
        kind: 'edit',
        status: 'applied',
        from: expect.objectContaining({ startDate: '2026-12-07', endDate: '2026-12-11', days: 5 }),
        to: expect.objectContaining({ startDate: '2026-12-08', endDate: '2026-12-09', days: 1.5 }),
        by: org.direct.userId,
      }),
    ]);
    expect(res.headers.etag).toBe((await get(org.direct, id)).headers.etag);
    expect(await balanceOf(org, type.code)).toMatchObject({ pending: 1.5, available: 8.5 });
    expect(await AuditLog.countDocuments({ action: 'leave_request.update', entityId: id })).toBe(1);
    expect(await Notification.countDocuments({ type: 'leave.amended', userId: org.manager.userId })).toBe(1);
    await request(app).post(`/api/v1/leave-requests/${id}/approve`).set(org.manager.auth).expect(200);
    expect(await balanceOf(org, type.code)).toMatchObject({ pending: 0, used: 1.5 });
    await expectLedgerMatchesRequests();
  });

  it('when the type changes then the held days move to the new type', async () => {
    const { org, type, id } = await setUp(undefined, false);
    const other = await makeLeaveType({ annualEntitlement: 8 });
    await edit(org.direct, id, { leaveTypeId: other.id }).expect(200);
    expect(await balanceOf(org, type.code)).toMatchObject({ pending: 0, available: 10 });
    expect(await balanceOf(org, other.code)).toMatchObject({ pending: 5, available: 3 });
    await expectLedgerMatchesRequests();
  });

  it('when the edit breaks a rule of new requests then 409 or 422 and nothing changes', async () => {
    const { org, type, id } = await setUp(undefined, false);
    await request(app)
      .post('/api/v1/leave-requests')
      .set(org.direct.auth)
      .send({ leaveTypeId: type.id, startDate: '2026-12-14', endDate: '2026-12-14' })
      .expect(201);
    await edit(org.direct, id, { endDate: '2026-12-14' }).expect(409);
    await edit(org.direct, id, { startDate: '2026-11-30', endDate: '2026-12-11' }).expect(422); // +5 days, 4 left
    const backwards = await edit(org.direct, id, { endDate: '2026-12-01' }).expect(422);
    expect(backwards.body.errors).toEqual([{ field: 'endDate', message: expect.any(String) }]);
    const after = await get(org.direct, id);
    expect(after.body).toMatchObject({ startDate: '2026-12-07', endDate: '2026-12-11', days: 5, version: 0 });
    await expectLedgerMatchesRequests();
  });

  it('when the request is no longer pending then 409; a manager cannot edit it (403), an outsider does not see it (404)', async () => {
    const { org, id } = await setUp(undefined, false);
    await edit(org.manager, id, { reason: 'x' }).expect(403);
    await edit(org.outsider, id, { reason: 'x' }).expect(404);
    await edit(org.admin, id, { reason: 'Recorded by HR' }).expect(200);
    await request(app).post(`/api/v1/leave-requests/${id}/approve`).set(org.manager.auth).expect(200);
    await edit(org.direct, id, { endDate: '2026-12-08' }).expect(409);
  });
});

describe('amending approved leave', () => {
  it('when it is shortened then it applies at once, the days are released with a reason, audited and the approver told', async () => {
    const { org, type, id } = await setUp();
    expect(await balanceOf(org, type.code)).toMatchObject({ used: 5, available: 5 });
    const res = await amend(org.direct, id, {
      startDate: '2026-12-07',
      endDate: '2026-12-09',
      reason: 'Back early',
    }).expect(200);
    expect(res.body).toMatchObject({
      status: 'approved',
      endDate: '2026-12-09',
      days: 3,
      pendingAmendment: null,
    });
    expect(res.body.amendments).toEqual([
      expect.objectContaining({ kind: 'amend', status: 'applied', reason: 'Back early' }),
    ]);
    expect(await balanceOf(org, type.code)).toMatchObject({ used: 3, available: 7 });
    const corrections = await LedgerEntry.find({ requestId: id, key: /^amend:/ }).lean();
    expect(corrections).toEqual([
      expect.objectContaining({ kind: 'usage_release', days: 2, reason: 'Back early' }),
    ]);
    expect(await AuditLog.countDocuments({ action: 'leave_request.amend', entityId: id })).toBe(1);
    expect(await Notification.countDocuments({ type: 'leave.amended', userId: org.manager.userId })).toBe(1);
    await expectLedgerMatchesRequests();
  });

  it('when a day is turned into a half day then it applies at once', async () => {
    const { org, type, id } = await setUp();
    await amend(org.direct, id, {
      startDate: '2026-12-07',
      endDate: '2026-12-11',
      halfDayEnd: true,
      reason: 'Dentist',
    }).expect(200);
    expect(await balanceOf(org, type.code)).toMatchObject({ used: 4.5 });
  });

  it('when it is extended then 202 with pendingAmendment, the original stays approved and the added days are held until the manager approves', async () => {
    const { org, type, id } = await setUp();
    const res = await amend(org.direct, id, {
      startDate: '2026-12-07',
      endDate: '2026-12-14',
      reason: 'One more day',
    }).expect(202);
    expect(res.body).toMatchObject({ status: 'approved', endDate: '2026-12-11', days: 5 });
    expect(res.body.pendingAmendment).toMatchObject({
      endDate: '2026-12-14',
      days: 6,
      reason: 'One more day',
    });
    expect(await balanceOf(org, type.code)).toMatchObject({ used: 5, pending: 1, available: 4 });
    await expectLedgerMatchesRequests();
    await amend(org.direct, id, { startDate: '2026-12-07', endDate: '2026-12-15', reason: 'Two' }).expect(
      409,
    );
    await decideAmendment(org.direct, id, 'approve').expect(403);
    const approved = await decideAmendment(org.manager, id, 'approve', { comment: 'Fine' }).expect(200);
    expect(approved.body).toMatchObject({ endDate: '2026-12-14', days: 6, pendingAmendment: null });
    expect(approved.body.amendments[0]).toMatchObject({
      status: 'approved',
      decidedBy: org.manager.userId,
      comment: 'Fine',
    });
    expect(await balanceOf(org, type.code)).toMatchObject({ used: 6, pending: 0, available: 4 });
    expect(await Notification.countDocuments({ type: 'leave.amended', userId: org.direct.userId })).toBe(1);
    await decideAmendment(org.manager, id, 'reject').expect(409);
    await expectLedgerMatchesRequests();
  });

  it('when leave of a type that needs no approval is extended then it applies at once, the balance permitting', async () => {
    const org = await makeOrganisation();
    const type = await makeLeaveType({ annualEntitlement: 6, requiresApproval: false });
    const res = await request(app)
      .post('/api/v1/leave-requests')
      .set(org.direct.auth)
      .send({ leaveTypeId: type.id, startDate: '2026-12-07', endDate: '2026-12-09' })
      .expect(201);
    const id = res.body.id as string;
    await amend(org.direct, id, { startDate: '2026-12-07', endDate: '2026-12-11', reason: 'Longer' }).expect(
      200,
    );
    expect(await balanceOf(org, type.code)).toMatchObject({ used: 5, pending: 0 });
    await amend(org.direct, id, {
      startDate: '2026-12-07',
      endDate: '2026-12-15',
      reason: 'Too long',
    }).expect(422);
    await expectLedgerMatchesRequests();
  });

  it('when an extension is rejected then the request stays as it was and the held days are released', async () => {
    const { org, type, id } = await setUp();
    await amend(org.direct, id, { startDate: '2026-12-04', endDate: '2026-12-11', reason: 'Earlier' }).expect(
      202,
    );
    const res = await decideAmendment(org.manager, id, 'reject', { comment: 'Release day' }).expect(200);
    expect(res.body).toMatchObject({ startDate: '2026-12-07', days: 5, pendingAmendment: null });
    expect(res.body.amendments[0]).toMatchObject({ status: 'rejected' });
    expect(await balanceOf(org, type.code)).toMatchObject({ used: 5, pending: 0, available: 5 });
    await expectLedgerMatchesRequests();
  });

  it('when the amendment overlaps another request, exceeds the balance or breaks the date rules then 409 or 422 and the original stays', async () => {
    const { org, type, id } = await setUp();
    await request(app)
      .post('/api/v1/leave-requests')
      .set(org.direct.auth)
      .send({ leaveTypeId: type.id, startDate: '2026-12-15', endDate: '2026-12-15' })
      .expect(201);
    await amend(org.direct, id, { startDate: '2026-12-07', endDate: '2026-12-15', reason: 'x' }).expect(409);
    await amend(org.direct, id, { startDate: '2026-11-30', endDate: '2026-12-11', reason: 'x' }).expect(422); // +5, 4 left
    await amend(org.direct, id, { startDate: '2026-12-07', endDate: '2026-12-01', reason: 'x' }).expect(422);
    await amend(org.direct, id, { startDate: '2026-12-12', endDate: '2026-12-13', reason: 'weekend' }).expect(
      422,
    );
    const after = await get(org.direct, id);
    expect(after.body).toMatchObject({
      startDate: '2026-12-07',
      endDate: '2026-12-11',
      days: 5,
      amendments: [],
      pendingAmendment: null,
    });
    expect(await balanceOf(org, type.code)).toMatchObject({ used: 5, pending: 1 });
    await expectLedgerMatchesRequests();
  });

  it('when days already past would change then only an admin may do it (others 422)', async () => {
    const { org, type, id } = await setUp();
    setClockForTests('2026-12-09T10:00:00Z');
    await amend(org.direct, id, { startDate: '2026-12-08', endDate: '2026-12-11', reason: 'x' }).expect(422);
    await amend(org.direct, id, {
      startDate: '2026-12-07',
      endDate: '2026-12-10',
      reason: 'Back early',
    }).expect(200);
    await amend(org.admin, id, {
      startDate: '2026-12-08',
      endDate: '2026-12-10',
      reason: 'Worked the 7th',
    }).expect(200);
    expect(await balanceOf(org, type.code)).toMatchObject({ used: 3 });
  });

  it('when the request is pending or cancelled then 409; a manager may not amend it (403)', async () => {
    const { org, id } = await setUp(undefined, false);
    const body = { startDate: '2026-12-07', endDate: '2026-12-08', reason: 'x' };
    await amend(org.direct, id, body).expect(409);
    await request(app).post(`/api/v1/leave-requests/${id}/approve`).set(org.manager.auth).expect(200);
    await amend(org.manager, id, body).expect(403);
    await request(app).post(`/api/v1/leave-requests/${id}/cancel`).set(org.direct.auth).expect(200);
    await amend(org.direct, id, body).expect(409);
  });

  it('when the request is cancelled while an extension waits then the held days are released and the amendment withdrawn', async () => {
    const { org, type, id } = await setUp();
    await amend(org.direct, id, { startDate: '2026-12-07', endDate: '2026-12-14', reason: 'More' }).expect(
      202,
    );
    const res = await request(app)
      .post(`/api/v1/leave-requests/${id}/cancel`)
      .set(org.direct.auth)
      .expect(200);
    expect(res.body.pendingAmendment).toBeNull();
    expect((await get(org.direct, id)).body.amendments[0]).toMatchObject({ status: 'withdrawn' });
    expect(await balanceOf(org, type.code)).toMatchObject({ used: 0, pending: 0, available: 10 });
    await expectLedgerMatchesRequests();
  });
});

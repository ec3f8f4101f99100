import type { Express } from 'express';
import request from 'supertest';
import { checkLeaveInvariants } from '../../src/modules/leave/invariants.service';
import type { Person } from './factories';
import { makeOrganisation } from './factories';
import { makeLeaveType } from './leave-factories';

export type Org = Awaited<ReturnType<typeof makeOrganisation>>;

/** What the amendment tests share: an approved (or pending) request of 5 days out of 10, and the calls. */
export function amendmentHelpers(app: Express) {
  /** An organisation, a leave type of 10 days, and the direct report's request (approved unless told). */
  async function setUp(dates = { startDate: '2026-12-07', endDate: '2026-12-11' }, approve = true) {
    const org = await makeOrganisation();
    const type = await makeLeaveType({ annualEntitlement: 10 });
    const res = await request(app)
      .post('/api/v1/leave-requests')
      .set(org.direct.auth)
      .send({ leaveTypeId: type.id, ...dates })
      .expect(201);
    const id = res.body.id as string;
    if (approve)
      await request(app).post(`/api/v1/leave-requests/${id}/approve`).set(org.manager.auth).expect(200);
    return { org, type, id };
  }

  async function balanceOf(org: Org, code: string) {
    const res = await request(app)
      .get(`/api/v1/leave-balances?employeeId=${org.direct.employee!.id}&year=2026`)
      .set(org.admin.auth)
      .expect(200);
    return res.body.find((b: { code: string }) => b.code === code) as {
      used: number;
      pending: number;
      available: number;
    };
  }

  return {
    setUp,
    balanceOf,
    amend: (who: Person, id: string, body: object) =>
      request(app).post(`/api/v1/leave-requests/${id}/amend`).set(who.auth).send(body),
    edit: (who: Person, id: string, body: object) =>
      request(app).patch(`/api/v1/leave-requests/${id}`).set(who.auth).send(body),
    decideAmendment: (who: Person, id: string, decision: 'approve' | 'reject', body: object = {}) =>
      request(app).post(`/api/v1/leave-requests/${id}/amendment/${decision}`).set(who.auth).send(body),
    get: (who: Person, id: string) =>
      request(app).get(`/api/v1/leave-requests/${id}`).set(who.auth).expect(200),
    /** Every request's held and used days equal its ledger entries (the ops invariant). */
    expectLedgerMatchesRequests: async (): Promise<void> => {
      expect((await checkLeaveInvariants()).violations).toEqual([]);
    },
  };
}

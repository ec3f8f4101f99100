import type { Express } from 'express';
import request from 'supertest';
import { checkLeaveInvariants } from '../../src/modules/leave/invariants.service';
import { apiDriver } from './driver';
import type { Person } from './factories';
import { makeOrganisation } from './factories';
import { makeLeaveType } from './leave-factories';

export type Org = Awaited<ReturnType<typeof makeOrganisation>>;

/** What the amendment tests share: an approved (or pending) request of 5 days out of 10, and the calls. */
export function amendmentHelpers(app: Express) {
  const driver = apiDriver(app);
  /** An organisation, a leave type of 10 days, and the direct report's request (approved unless told). */
  async function setUp(dates = { startDate: '2026-12-07', endDate: '2026-12-11' }, approve = true) {
    const org = await makeOrganisation();
    const type = await makeLeaveType({ annualEntitlement: 10 });
    const { id } = await driver.submitLeave(org.direct, { leaveTypeId: type.id, ...dates });
    if (approve) await driver.decideLeave(org.manager, id, 'approve');
    return { org, type, id };
  }

  const balanceOf = (org: Org, code: string) =>
    driver.balance(org.admin, org.direct.employee!.id, code, 2026);

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

import type { Express } from 'express';
import request from 'supertest';
import type { Infer } from '../../src/http/shape/field';
import type {
  LeaveBalanceShape,
  LeaveRequestCreateInput,
  LeaveRequestShape,
} from '../../src/modules/leave/leave.schemas';
import type { Person } from './factories';

/**
 * The API steps many tests take on the way to what they assert: submit leave, decide it, read a
 * balance, punch in and out. Each step goes through HTTP (so responses are checked against the
 * OpenAPI document like any other) and expects the status a successful step answers, so a test
 * that relies on a step fails at the step that broke, not at a later assertion.
 * Tests that assert on a step itself (a refusal, a header) keep calling supertest directly.
 */

/** Types come from the shapes the API declares, so the driver cannot drift from the contract. */
export type LeaveRequestBody = LeaveRequestCreateInput;
export type LeaveRequestView = Infer<typeof LeaveRequestShape>;
export type BalanceView = Infer<typeof LeaveBalanceShape>;

export function apiDriver(app: Express) {
  const api = request(app);
  return {
    /** POST /leave-requests by `who`; 201. */
    async submitLeave(who: Person, body: LeaveRequestBody): Promise<LeaveRequestView> {
      return (await api.post('/api/v1/leave-requests').set(who.auth).send(body).expect(201)).body;
    },

    /** POST /leave-requests/:id/approve or /reject by `who`; 200. */
    async decideLeave(
      who: Person,
      id: string,
      decision: 'approve' | 'reject',
      comment?: string,
    ): Promise<LeaveRequestView> {
      const req = api.post(`/api/v1/leave-requests/${id}/${decision}`).set(who.auth);
      return (await (comment === undefined ? req : req.send({ comment })).expect(200)).body;
    },

    /** Submit as `who`, then approve as `approver`: the common way to have approved leave. */
    async approvedLeave(who: Person, approver: Person, body: LeaveRequestBody): Promise<LeaveRequestView> {
      const submitted = await this.submitLeave(who, body);
      return this.decideLeave(approver, submitted.id, 'approve');
    },

    /** POST /leave-requests/:id/cancel by `who`; 200. */
    async cancelLeave(who: Person, id: string): Promise<LeaveRequestView> {
      return (await api.post(`/api/v1/leave-requests/${id}/cancel`).set(who.auth).expect(200)).body;
    },

    /** GET /leave-requests/:id as `who`; 200. */
    async leaveRequest(who: Person, id: string): Promise<LeaveRequestView> {
      return (await api.get(`/api/v1/leave-requests/${id}`).set(who.auth).expect(200)).body;
    },

    /** GET /leave-balances for one employee and year as `who`; 200. */
    async balances(who: Person, employeeId: string, year: number): Promise<BalanceView[]> {
      return (
        await api
          .get(`/api/v1/leave-balances?employeeId=${employeeId}&year=${year}`)
          .set(who.auth)
          .expect(200)
      ).body;
    },

    /** The balance of one leave type (by code); fails when the type is not in the list. */
    async balance(who: Person, employeeId: string, code: string, year: number): Promise<BalanceView> {
      const found = (await this.balances(who, employeeId, year)).find((b) => b.code === code);
      if (!found) throw new Error(`no balance for leave type ${code} in ${year}`);
      return found;
    },

    /** POST /attendance/check-in by `who`; 201. */
    async checkIn(who: Person, body: object = {}): Promise<Record<string, unknown>> {
      return (await api.post('/api/v1/attendance/check-in').set(who.auth).send(body).expect(201)).body;
    },

    /** POST /attendance/check-out by `who`; 200. */
    async checkOut(who: Person, body: object = {}): Promise<Record<string, unknown>> {
      return (await api.post('/api/v1/attendance/check-out').set(who.auth).send(body).expect(200)).body;
    },
  };
}

export type ApiDriver = ReturnType<typeof apiDriver>;

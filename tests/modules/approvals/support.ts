import type { Express } from 'express';
import request from 'supertest';
import type { Person } from '../../support/factories';
import type { LeaveTypeInput } from '../../../src/modules/leave/leave-types.service';
import { makeLeaveType } from '../../support/leave-factories';

/** What the approval workflow tests share: a two-step type, submitting, deciding, notifications. */

/** The manager, then an admin for requests of 6 days or more. */
export const twoStepType = (overrides: LeaveTypeInput = {}) =>
  makeLeaveType({
    noticeDays: 0,
    annualEntitlement: 25,
    approvalSteps: [{ approver: 'manager' }, { approver: 'admin', minDays: 6 }],
    ...overrides,
  });

export interface RequestView {
  id: string;
  status: string;
  currentStep: number | null;
  approvals: Array<Record<string, unknown> & { step: number; status: string; approver: string }>;
}

export function approvalApi(app: Express) {
  return {
    async submit(
      person: Person,
      leaveTypeId: string,
      startDate: string,
      endDate: string,
    ): Promise<RequestView> {
      const res = await request(app)
        .post('/api/v1/leave-requests')
        .set(person.auth)
        .send({ leaveTypeId, startDate, endDate });
      if (res.status !== 201) throw new Error(`submit -> ${res.status} ${res.text}`);
      return res.body as RequestView;
    },
    decide(person: Person, id: string, action: 'approve' | 'reject', body: object = {}) {
      return request(app).post(`/api/v1/leave-requests/${id}/${action}`).set(person.auth).send(body);
    },
    async get(person: Person, id: string): Promise<RequestView> {
      return (await request(app).get(`/api/v1/leave-requests/${id}`).set(person.auth).expect(200))
        .body as RequestView;
    },
    /** The caller's in-app notifications of a type, newest first. */
    async notifications(person: Person, type: string) {
      const res = await request(app)
        .get('/api/v1/notifications')
        .set(person.auth)
        .query({ limit: 100 })
        .expect(200);
      const rows = (
        res.body as {
          data: Array<{ type: string; title: string; body: string; data: Record<string, unknown> }>;
        }
      ).data;
      return rows.filter((n) => n.type === type);
    },
  };
}

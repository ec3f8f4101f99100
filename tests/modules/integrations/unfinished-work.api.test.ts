import type { AddressInfo } from 'node:net';
import mongoose, { Types } from 'mongoose';
import request from 'supertest';
import { sweepUnfinishedWork } from '../../../src/db/unfinished-work';
import { setClockForTests } from '../../../src/lib/clock';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { Employee } from '../../../src/modules/employees/employee.model';
import { IntegrationEvent } from '../../../src/modules/integrations/integration-event.model';
import { LeaveRequest } from '../../../src/modules/leave/leave-request.model';
import { PayrollPeriod } from '../../../src/modules/periods/payroll-period.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { apiDriver } from '../../support/driver';
import type { Person } from '../../support/factories';
import { makeOrganisation } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';

/**
 * A command whose process dies after its write but before its audit entry and events: the change
 * is stored with a marker of the work it still owes, and the sweeper finishes that work exactly
 * once (the audit entry, the integration event, the ledger), whoever retries. "Dying" is the audit
 * write failing once, the first step after the ledger; the API answers 500 as a killed process would
 * leave the client without an answer. tests/faults/crash.fault.ts does the same with a real SIGKILL.
 */
useTestDatabase();
const app = testApp();
const driver = apiDriver(app);
beforeEach(() => setClockForTests('2026-11-23T10:00:00Z'));
afterEach(async () => {
  jest.restoreAllMocks();
  // Work a failed test left behind must not be counted by the next one.
  await sweepUnfinishedWork(0);
});
afterAll(() => setClockForTests(undefined));

/**
 * A request whose handler dies answers 500, which the OpenAPI document does not list; supertest's
 * responses are all checked against it (tests/support/validate-responses.ts), so these go by fetch.
 */
async function statusOf(method: string, url: string, auth: { Authorization: string }, body?: object) {
  const server = app.listen(0);
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}${url}`, {
      method,
      headers: { ...auth, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return res.status;
  } finally {
    server.close();
  }
}

function dieAtTheAuditWrite(): void {
  jest.spyOn(AuditLog, 'create').mockImplementationOnce(() => {
    throw new Error('the process was killed here');
  });
}

const eventsOf = (type: string, subject: string) =>
  IntegrationEvent.countDocuments({ type, key: new RegExp(`^${type}:${subject}`) });
const auditsOf = (action: string, entityId: string) => AuditLog.countDocuments({ action, entityId });
async function markersOn(model: typeof LeaveRequest | typeof Employee, id: string): Promise<number> {
  const doc = await model.collection.findOne({ _id: new Types.ObjectId(id) });
  return Array.isArray(doc?.unfinishedWork) ? doc.unfinishedWork.length : 0;
}

async function submitted(person: Person) {
  const type = await makeLeaveType();
  const leave = await driver.submitLeave(person, {
    leaveTypeId: type.id,
    startDate: '2026-12-07',
    endDate: '2026-12-09',
  });
  return { id: leave.id, code: type.code };
}

describe('work a command left unfinished when its process died', () => {
  it('when an approval dies after its write then the request is approved without event or audit, and the sweep adds each once with the ledger complete', async () => {
    const org = await makeOrganisation();
    const { id, code } = await submitted(org.direct);
    dieAtTheAuditWrite();
    expect(await statusOf('POST', `/api/v1/leave-requests/${id}/approve`, org.manager.auth)).toBe(500);

    expect((await driver.leaveRequest(org.direct, id)).status).toBe('approved');
    expect(await eventsOf('leave.approved', id)).toBe(0);
    expect(await auditsOf('leave_request.approve', id)).toBe(0);
    expect(await markersOn(LeaveRequest, id)).toBe(1);

    expect(await sweepUnfinishedWork(0)).toBe(1);
    expect(await eventsOf('leave.approved', id)).toBe(1);
    const audit = await AuditLog.findOne({ action: 'leave_request.approve', entityId: id }).lean();
    expect(audit?.actor).toMatchObject({ kind: 'user', id: org.manager.userId });
    expect(await markersOn(LeaveRequest, id)).toBe(0);
    expect(await driver.balance(org.direct, org.direct.employee!.id, code, 2026)).toMatchObject({
      pending: 0,
      used: 3,
    });

    // Sweeping again and the approver's retry change nothing.
    expect(await sweepUnfinishedWork(0)).toBe(0);
    await request(app).post(`/api/v1/leave-requests/${id}/approve`).set(org.manager.auth).expect(409);
    expect(await eventsOf('leave.approved', id)).toBe(1);
    expect(await auditsOf('leave_request.approve', id)).toBe(1);
  });

  it('when the command finishes its own work then no marker is left and a later sweep adds nothing', async () => {
    const org = await makeOrganisation();
    const { id } = await submitted(org.direct);
    await driver.cancelLeave(org.direct, id);
    // The command finished: its marker is gone, so a sweep that ran after it finds nothing.
    expect(await markersOn(LeaveRequest, id)).toBe(0);
    expect(await sweepUnfinishedWork(0)).toBe(0);
    expect(await eventsOf('leave.cancelled', id)).toBe(1);
    expect(await auditsOf('leave_request.cancel', id)).toBe(1);
  });

  it('when a command is refused before its write then nothing is owed and the sweep emits nothing', async () => {
    const org = await makeOrganisation();
    const { id } = await submitted(org.direct);
    await request(app).post(`/api/v1/leave-requests/${id}/approve`).set(org.direct.auth).expect(403);
    expect(await markersOn(LeaveRequest, id)).toBe(0);
    expect(await sweepUnfinishedWork(0)).toBe(0);
    expect(await eventsOf('leave.approved', id)).toBe(0);
  });

  it('when an amendment that shortens approved leave dies after its write then the sweep releases the days and records leave.amended once', async () => {
    const org = await makeOrganisation();
    const { id, code } = await submitted(org.direct);
    await driver.decideLeave(org.manager, id, 'approve');
    dieAtTheAuditWrite();
    expect(
      await statusOf('POST', `/api/v1/leave-requests/${id}/amend`, org.direct.auth, {
        startDate: '2026-12-07',
        endDate: '2026-12-07',
        reason: 'Back early',
      }),
    ).toBe(500);
    expect(await eventsOf('leave.amended', id)).toBe(0);

    expect(await sweepUnfinishedWork(0)).toBe(1);
    expect(await eventsOf('leave.amended', id)).toBe(1);
    expect(await auditsOf('leave_request.amend', id)).toBe(1);
    expect(await driver.balance(org.direct, org.direct.employee!.id, code, 2026)).toMatchObject({ used: 1 });
  });

  it('when an employee change dies after its write then the sweep records employee.updated once with the fields that changed', async () => {
    const org = await makeOrganisation();
    const employeeId = org.direct.employee!.id;
    dieAtTheAuditWrite();
    expect(
      await statusOf('PATCH', `/api/v1/employees/${employeeId}`, org.admin.auth, {
        phone: '+44 20 7946 0000',
      }),
    ).toBe(500);
    expect(await eventsOf('employee.updated', employeeId)).toBe(0);

    expect(await sweepUnfinishedWork(0)).toBe(1);
    const events = await IntegrationEvent.find({ type: 'employee.updated' }).lean();
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ changed: ['phone'] });
    expect(await sweepUnfinishedWork(0)).toBe(0);
    expect(await IntegrationEvent.countDocuments({ type: 'employee.updated' })).toBe(1);
  });

  it('when reopening a payroll period dies after its write then the sweep records period.reopened once', async () => {
    const org = await makeOrganisation();
    const created = await request(app)
      .post('/api/v1/payroll-periods')
      .set(org.admin.auth)
      .send({ from: '2026-10-01', to: '2026-10-31' })
      .expect(201);
    const id = created.body.id as string;
    dieAtTheAuditWrite();
    expect(
      await statusOf('POST', `/api/v1/payroll-periods/${id}/reopen`, org.admin.auth, {
        reason: 'Late overtime claims',
      }),
    ).toBe(500);
    expect((await PayrollPeriod.findById(id).lean())?.status).toBe('open');
    expect(await eventsOf('period.reopened', id)).toBe(0);

    expect(await sweepUnfinishedWork(0)).toBe(1);
    expect(await eventsOf('period.reopened', id)).toBe(1);
    const audit = await AuditLog.findOne({ action: 'payroll_period.reopen', entityId: id }).lean();
    expect(audit?.metadata).toMatchObject({ reason: 'Late overtime claims' });
  });

  it('when a CSV import dies after writing its rows then the sweep records employee.created once per row, and a second sweep nothing', async () => {
    const org = await makeOrganisation();
    jest.spyOn(AuditLog, 'insertMany').mockImplementationOnce(() => {
      throw new Error('the process was killed here');
    });
    const csv = [
      'employeeCode,firstName,lastName,email,hireDate',
      'IMP-1,Ada,Byron,ada.imp@example.com,2025-01-06',
      'IMP-2,Alan,Turing,alan.imp@example.com,2025-01-06',
    ].join('\n');
    const server = app.listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/imports/employees`, {
        method: 'POST',
        headers: { ...org.admin.auth, 'content-type': 'text/csv' },
        body: csv,
      });
      expect(res.status).toBe(500);
    } finally {
      server.close();
    }
    const imported = await Employee.find({ employeeCode: /^IMP-/ }).lean();
    expect(imported).toHaveLength(2);
    const createdEvents = () =>
      IntegrationEvent.countDocuments({
        key: mongoose.trusted({ $in: imported.map((e) => `employee.created:${e._id.toHexString()}`) }),
      });
    expect(await createdEvents()).toBe(0);

    expect(await sweepUnfinishedWork(0)).toBe(2);
    for (const e of imported) {
      expect(await eventsOf('employee.created', e._id.toHexString())).toBe(1);
      const audit = await AuditLog.findOne({
        action: 'employee.create',
        entityId: e._id.toHexString(),
      }).lean();
      expect(audit?.metadata).toMatchObject({ source: 'csv-import' });
    }
    expect(await sweepUnfinishedWork(0)).toBe(0);
    expect(await createdEvents()).toBe(2);
  });
});

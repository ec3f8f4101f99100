import type { ApprovalNotice, DomainEvents, LeaveEventPayload } from '../../lib/domain-events';
import type { UserContact } from '../auth';
import { findAdminContacts, findContactOfEmployee, findContactsOfUsers } from '../auth';
import { findEmployeeProfile } from '../employees';
import type { ApprovalOccasion } from './approval-templates';
import { approvalMessage, stepApprovedMessage } from './approval-templates';
import { notify } from './notifications.service';

/**
 * Approval step notifications: the approvers of the waiting step (the admins where they are asked)
 * and, separately worded, their delegates. Keys make each once per request and step (per day for
 * reminders).
 */

async function nameOf(employeeId: string | undefined): Promise<string | undefined> {
  return employeeId ? (await findEmployeeProfile(employeeId))?.fullName : undefined;
}

async function approversOfStep(n: ApprovalNotice): Promise<UserContact[]> {
  const asked = await Promise.all(n.approverEmployeeIds.map((id) => findContactOfEmployee(id)));
  const contacts = asked.flatMap((c) => (c ? [c] : []));
  return n.toAdmins || contacts.length === 0 ? [...contacts, ...(await findAdminContacts())] : contacts;
}

const leaveData = (e: LeaveEventPayload & { approval: ApprovalNotice }) => ({
  requestId: e.requestId,
  employeeId: e.employeeId,
  startDate: e.startDate,
  endDate: e.endDate,
  step: e.approval.step,
  steps: e.approval.steps,
  approver: e.approval.approver,
});

/** Tells a step's approvers and delegates that it waits for them. */
export async function notifyStepApprovers(
  key: string,
  type: string,
  e: LeaveEventPayload & { approval: ApprovalNotice },
  occasion: ApprovalOccasion,
  waitedDays?: number,
): Promise<void> {
  const employee = await findEmployeeProfile(e.employeeId);
  if (!employee) return;
  const n = e.approval;
  const ctx = {
    employeeName: employee.fullName,
    approverNames: (await Promise.all(n.approverEmployeeIds.map(nameOf))).flatMap((x) => (x ? [x] : [])),
    reroutedFromName: await nameOf(n.reroutedFrom),
    escalatedFromName: await nameOf(n.escalatedFrom),
    waitedDays,
  };
  const owner = await findContactOfEmployee(employee.id);
  const approvers = (await approversOfStep(n)).filter((c) => c.id !== owner?.id);
  const delegates = (await findContactsOfUsers(n.delegateUserIds)).filter(
    (d) => d.id !== owner?.id && !approvers.some((a) => a.id === d.id),
  );
  const data = { ...leaveData(e), occasion };
  await notify(key, type, approvers, approvalMessage(e, occasion, ctx, false), data);
  await notify(key, type, delegates, approvalMessage(e, occasion, ctx, true), { ...data, asDelegate: true });
}

/** A step of several approved: the employee hears how far it got, the next approvers that it waits. */
export async function onStepApproved(e: DomainEvents['leave.step_approved']): Promise<void> {
  const employee = await findEmployeeProfile(e.employeeId);
  if (!employee) return;
  const owner = await findContactOfEmployee(employee.id);
  const key = `leave.step_approved:${e.requestId}:${e.decidedStep}`;
  if (owner && owner.id !== e.by)
    await notify(
      key,
      'leave.step_approved',
      [owner],
      stepApprovedMessage(employee.fullName, e),
      leaveData(e),
    );
  await notifyStepApprovers(key, 'leave.approval_requested', e, 'requested');
}

export const onApprovalReminder = (e: DomainEvents['leave.approval_reminder']) =>
  notifyStepApprovers(
    `leave.approval_reminder:${e.requestId}:${e.approval.step}:${e.date}`,
    'leave.approval_reminder',
    e,
    'reminder',
    e.waitedDays,
  );

export const onApprovalEscalated = (e: DomainEvents['leave.approval_escalated']) =>
  notifyStepApprovers(
    `leave.approval_escalated:${e.requestId}:${e.approval.step}`,
    'leave.approval_escalated',
    e,
    'escalated',
    e.waitedDays,
  );

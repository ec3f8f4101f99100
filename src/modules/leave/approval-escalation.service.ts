import { now } from '../../lib/clock';
import { getConfig } from '../../config';
import { addDays, todayIn } from '../../lib/dates';
import { recordThenAnnounce } from '../audit';
import type { EmployeeDto } from '../employees';
import { findEmployeeProfile } from '../employees';
import { noticeFor } from './approval-deciders';
import { nextLevelAbove } from './approval-routing';
import type { StoredApproval } from './approval-steps';
import { approvalsOf, currentStepOf } from './approval-steps';
import type { JobSummary } from './balances.service';
import { countRequestDays } from './leave-day-count';
import type { StoredRequest } from './leave-request-dto';
import { leavePayload } from './leave-request-dto';
import { LeaveRequest } from './leave-request.model';

/**
 * The approval-escalation job for `date`: a step pending APPROVAL_REMINDER_DAYS working days or
 * more reminds its approvers (once per day: the notification key holds the date); at
 * APPROVAL_ESCALATION_DAYS the next level (the approver's manager, or the admins) is asked too,
 * once per step (the write applies only while the step is not yet escalated). Working days are the
 * approver's: their work week without their holidays.
 */

/** Working days the step has waited by `date`, counted after the day it started. */
async function waitedDays(person: EmployeeDto, startedAt: Date, date: string): Promise<number> {
  const startDay = todayIn(person.timezone, startedAt);
  if (date <= startDay) return 0;
  const count = await countRequestDays(
    person,
    { unit: 'working_day' },
    { startDate: addDays(startDay, 1), endDate: date },
  );
  return count.total;
}

/** Marks the step escalated (once) and says so: audit entry, and the next level is told. */
async function escalate(
  r: StoredRequest,
  a: StoredApproval,
  employee: EmployeeDto,
  date: string,
  waited: number,
): Promise<boolean> {
  const index = a.step - 1;
  const target = await nextLevelAbove(a, employee);
  const escalated = await LeaveRequest.findOneAndUpdate(
    { _id: r._id, status: 'pending', currentStep: a.step, [`approvals.${index}.escalatedAt`]: null },
    {
      $set: {
        [`approvals.${index}.escalatedAt`]: now(),
        ...(target
          ? { [`approvals.${index}.escalatedTo`]: target }
          : { [`approvals.${index}.escalatedToAdmins`]: true }),
      },
    },
    { returnDocument: 'after' },
  ).lean<StoredRequest>();
  if (!escalated) return false;
  const escalatedFrom = a.assignedTo?.toHexString();
  await recordThenAnnounce(
    {
      action: 'leave_request.escalate',
      entityType: 'LeaveRequest',
      entityId: r._id.toHexString(),
      metadata: { step: a.step, escalatedFrom, escalatedTo: target ?? 'admins', waitedDays: waited, date },
    },
    [
      'leave.approval_escalated',
      {
        ...(await leavePayload(escalated)),
        approval: await noticeFor(escalated, index, escalatedFrom ? { escalatedFrom } : {}),
        date,
        waitedDays: waited,
      },
    ],
  );
  return true;
}

async function chase(r: StoredRequest, date: string): Promise<number> {
  const { APPROVAL_REMINDER_DAYS, APPROVAL_ESCALATION_DAYS } = getConfig();
  const index = currentStepOf(r) - 1;
  const a = approvalsOf(r)[index];
  const employee = await findEmployeeProfile(r.employeeId.toHexString());
  if (!a || !employee) return 0;
  const approver = a.assignedTo ? await findEmployeeProfile(a.assignedTo.toHexString()) : undefined;
  const waited = await waitedDays(approver ?? employee, a.startedAt ?? r.createdAt, date);
  // Admin steps and steps already with the admins have no next level: they are only reminded.
  const canEscalate =
    Boolean(r.approvals?.length) && a.approver !== 'admin' && a.assignedTo && !a.escalatedAt;
  if (waited >= APPROVAL_ESCALATION_DAYS && canEscalate && (await escalate(r, a, employee, date, waited)))
    return 1;
  if (waited < APPROVAL_REMINDER_DAYS) return 0;
  // Audited once per step and day (the change id), like the notification it sends.
  await recordThenAnnounce(
    {
      action: 'leave_request.remind',
      entityType: 'LeaveRequest',
      entityId: r._id.toHexString(),
      metadata: { step: a.step, waitedDays: waited, date },
      changeId: `remind:${r._id.toHexString()}:${a.step}:${date}`,
    },
    [
      'leave.approval_reminder',
      { ...(await leavePayload(r)), approval: await noticeFor(r, index), date, waitedDays: waited },
    ],
  );
  return 1;
}

export async function runApprovalEscalation(date: string): Promise<JobSummary> {
  const pending = await LeaveRequest.find({ status: 'pending' }).sort({ _id: 1 }).lean<StoredRequest[]>();
  let written = 0;
  for (const r of pending) written += await chase(r, date);
  return { employees: new Set(pending.map((r) => r.employeeId.toHexString())).size, entriesWritten: written };
}

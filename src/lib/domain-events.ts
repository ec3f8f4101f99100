/**
 * Typed in-process domain events: a service announces what happened, other modules react,
 * and neither imports the other. Handlers run in order and are awaited, so a failure surfaces
 * to the caller instead of vanishing; anything that must survive a crash keeps its own unique key.
 */
/** What notification templates need about a leave request. */
export interface LeaveEventPayload {
  requestId: string;
  employeeId: string;
  leaveTypeName: string;
  startDate: string;
  endDate: string;
  days: number;
  status: string;
  comment?: string | undefined;
  /** A pending request: the step now waiting and who is asked to decide it. */
  approval?: ApprovalNotice | undefined;
}

/** Who is asked to decide an approval step (docs/approval-workflows.md). */
export interface ApprovalNotice {
  step: number;
  steps: number;
  /** The step's kind: manager, department_head or admin. */
  approver: string;
  /** Employees asked (their logins hear of it). */
  approverEmployeeIds: string[];
  /** The admins are asked (an admin step, nobody above, or an escalation past the top). */
  toAdmins: boolean;
  /** Logins standing in for the approvers today (delegations): they hear what the approvers hear. */
  delegateUserIds: string[];
  /** The approver passed over because they are away on leave without a delegate. */
  reroutedFrom?: string | undefined;
  /** The approver the step was escalated from. */
  escalatedFrom?: string | undefined;
}

/** An audit entry was written: what changed, for modules that mirror changes (the integrations outbox). */
export interface RecordedChange {
  auditId: string;
  action: string;
  entityType: string;
  entityId?: string | undefined;
  before?: object | null | undefined;
  after?: object | null | undefined;
  at: Date;
}

export interface DomainEvents {
  'change.recorded': RecordedChange;
  /** A close-day pass found these employees' days over (each record final unless corrected). */
  'attendance.days_closed': { days: Array<{ employeeId: string; date: string; day: object }> };
  'employee.deactivated': { employeeId: string };
  'employee.reactivated': { employeeId: string };
  /** Personal data of a former employee was scrubbed; other modules scrub theirs. */
  'employee.anonymised': { employeeId: string };
  /** Fields that decide which days are worked changed: work week, shift, time zone or holiday calendar. */
  'employee.schedule_changed': { employeeId: string; fields: string[] };
  /** Approved leave appeared or went away on these dates. */
  'leave.changed': { employeeId: string; startDate: string; endDate: string };
  'leave.submitted': LeaveEventPayload;
  'leave.decided': LeaveEventPayload;
  'leave.cancelled': LeaveEventPayload & { cancelledBy: string };
  /** A step of several was approved; `approval` is the next step, now waiting. */
  'leave.step_approved': LeaveEventPayload & { decidedStep: number; by: string; approval: ApprovalNotice };
  /** A step waited APPROVAL_REMINDER_DAYS working days or more: its approvers are reminded (once a day). */
  'leave.approval_reminder': LeaveEventPayload & {
    approval: ApprovalNotice;
    date: string;
    waitedDays: number;
  };
  /** A step waited APPROVAL_ESCALATION_DAYS working days: the next level may decide it too. */
  'leave.approval_escalated': LeaveEventPayload & {
    approval: ApprovalNotice;
    date: string;
    waitedDays: number;
  };
  /** A pending or approved request's day count changed (revision counts the recounts of that request). */
  'leave.recounted': LeaveEventPayload & { previousDays: number; reason: string; revision: number };
  /**
   * A request changed: `edited` (pending, changed at once), `applied` (approved, shortened at once),
   * `requested` (approved, an extension waits for an approver), `approved` or `rejected` (that wait
   * decided). The payload's dates and days are the request's after the step; `by` is the user.
   */
  'leave.amended': LeaveEventPayload & {
    stage: 'edited' | 'applied' | 'requested' | 'approved' | 'rejected';
    previousStartDate: string;
    previousEndDate: string;
    previousDays: number;
    reason: string;
    by: string;
    version: number;
  };
  /** A holiday was added, moved or removed on this date. */
  'holiday.changed': { date: string };
  /** An admin sent a user a password reset link (the token goes only into the email). */
  'user.password_reset_issued': { userId: string; email: string; token: string; expiresAt: string };
  /** Someone asked for a reset link for their own login (the token goes only into the email). */
  'user.password_reset_requested': { userId: string; email: string; token: string; expiresAt: string };
  /**
   * A request named a registered device (ZKTeco serial number or device key) but came from an
   * address outside the device's allowedIps; it was refused. `employeeId` when it carried punches.
   */
  'device.source_refused': { deviceId: string; employeeId?: string; ip: string; at: string };
  /** Someone was invited to create their login (the token goes only into the email). */
  'user.invited': { invitationId: string; email: string; role: string; token: string; expiresAt: string };
}

type Handler<K extends keyof DomainEvents> = (payload: DomainEvents[K]) => Promise<void>;

const handlers: { [K in keyof DomainEvents]?: Array<Handler<K>> } = {};

export function onDomainEvent<K extends keyof DomainEvents>(event: K, handler: Handler<K>): void {
  const list = (handlers[event] ??= []) as Array<Handler<K>>;
  if (!list.includes(handler)) list.push(handler);
}

export async function emitDomainEvent<K extends keyof DomainEvents>(
  event: K,
  payload: DomainEvents[K],
): Promise<void> {
  for (const handler of handlers[event] ?? []) await handler(payload);
}

import type { LeaveEventPayload, RecordedChange } from '../../lib/domain-events';
import type { NewIntegrationEvent } from './events.service';

/**
 * Which recorded changes integrations see, and under which key (the key makes a second write of the
 * same change a no-op). Pure: the subscribers feed it, the outbox stores what it returns.
 */

type Snapshot = Record<string, unknown>;

function snapshot(value: object | null | undefined): Snapshot {
  return (value ?? {}) as Snapshot;
}

function stamp(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' ? value : '';
}

function changedFields(before: Snapshot, after: Snapshot): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((k) => k !== 'updatedAt' && k !== 'id' && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .sort();
}

function deactivated(change: RecordedChange, employee: Snapshot): NewIntegrationEvent {
  return {
    key: `employee.deactivated:${change.entityId}:${stamp(employee.deactivatedAt) || change.auditId}`,
    type: 'employee.deactivated',
    occurredAt: change.at,
    data: { employee },
  };
}

/** Audit actions of modules being added elsewhere (amendments, payroll periods), mapped by name. */
const LATE_ACTIONS: Record<string, 'leave.amended' | 'period.closed' | 'period.reopened'> = {
  // Changes to leave that took effect: a pending request edited, an approved one amended at once,
  // an amendment approved. One still waiting for an approver is not an event yet.
  'leave_request.update': 'leave.amended',
  'leave_request.amend': 'leave.amended',
  'leave_request.amendment_approve': 'leave.amended',
  // A period is created closed; a reopened one may be closed again.
  'payroll_period.create': 'period.closed',
  'payroll_period.close': 'period.closed',
  'payroll_period.reopen': 'period.reopened',
};

/** The events an audit entry stands for (none for most: sign-ins, reads, settings). */
export function eventsForChange(change: RecordedChange): NewIntegrationEvent[] {
  const before = snapshot(change.before);
  // Imports record row snapshots without the id; every employee in an event carries it.
  const after: Snapshot = { ...snapshot(change.after), ...(change.entityId ? { id: change.entityId } : {}) };
  const id = change.entityId ?? '';
  switch (change.action) {
    case 'employee.create':
      return [
        {
          key: `employee.created:${id}`,
          type: 'employee.created',
          occurredAt: change.at,
          data: { employee: after },
        },
      ];
    case 'employee.update': {
      const updated: NewIntegrationEvent = {
        // One audit entry per change, also when the change is finished after a crash (its changeId).
        key: `employee.updated:${id}:${change.auditId}`,
        type: 'employee.updated',
        occurredAt: change.at,
        data: { employee: after, changed: changedFields(before, after) },
      };
      const leaving = before.status === 'active' && after.status === 'inactive';
      return leaving ? [updated, deactivated(change, after)] : [updated];
    }
    case 'employee.deactivate':
      return [deactivated(change, after)];
    default: {
      const type = LATE_ACTIONS[change.action];
      if (!type) return [];
      const subject = type === 'leave.amended' ? 'request' : 'period';
      return [
        { key: `${type}:${id}:${change.auditId}`, type, occurredAt: change.at, data: { [subject]: after } },
      ];
    }
  }
}

/** A leave request's event, one per request and outcome. */
export function leaveEvent(
  type: 'leave.requested' | 'leave.approved' | 'leave.rejected' | 'leave.cancelled',
  payload: LeaveEventPayload & { cancelledBy?: string },
  at: Date,
): NewIntegrationEvent {
  return { key: `${type}:${payload.requestId}`, type, occurredAt: at, data: { ...payload } };
}

/** The leave event for a decision: approved or rejected, by the request's new status. */
export function decisionEvent(payload: LeaveEventPayload, at: Date): NewIntegrationEvent | undefined {
  if (payload.status === 'approved') return leaveEvent('leave.approved', payload, at);
  if (payload.status === 'rejected') return leaveEvent('leave.rejected', payload, at);
  return undefined;
}

export function dayClosedEvent(
  payload: { employeeId: string; date: string; day: object },
  at: Date,
): NewIntegrationEvent {
  return {
    key: `attendance.day_closed:${payload.employeeId}:${payload.date}`,
    type: 'attendance.day_closed',
    occurredAt: at,
    data: { employeeId: payload.employeeId, date: payload.date, day: payload.day },
  };
}

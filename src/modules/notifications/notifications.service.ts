import { Types } from 'mongoose';
import { insertIgnoringDuplicates } from '../../db/duplicate-key';
import { NotFoundError } from '../../lib/errors';
import { addDays, isoWeekday } from '../../lib/dates';
import type { DomainEvents, LeaveEventPayload } from '../../lib/domain-events';
import type { Page, PageRequest } from '../../lib/pagination';
import { skipFor } from '../../lib/pagination';
import { recordAudit } from '../audit';
import type { UserContact } from '../auth';
import { findAdminContacts, findContactOfEmployee } from '../auth';
import type { EmployeeDto } from '../employees';
import { findEmployeeProfile } from '../employees';
import { approvedLeaveStartingBetween, calendarsFor, holidayDatesBetween } from '../leave';
import type { NotificationRecord } from './notification.model';
import type { NotificationDto } from './notifications.schemas';
import { Notification } from './notification.model';
import { pumpOutboxSoon, queueEmails } from './outbox.service';
import type { Message } from './templates';
import {
  amendedMessage,
  cancelledMessage,
  decidedMessage,
  recountedMessage,
  reminderMessage,
  submittedMessage,
} from './templates';

type StoredNotification = NotificationRecord & { _id: Types.ObjectId; createdAt: Date };

function toDto(n: StoredNotification): NotificationDto {
  return {
    id: n._id.toHexString(),
    type: n.type,
    title: n.title,
    body: n.body,
    data: (n.data ?? {}) as Record<string, unknown>,
    read: Boolean(n.readAt),
    readAt: n.readAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
  };
}

/**
 * One event to some people: an in-app notification and a queued email each, keyed by event and
 * recipient so a retried request or job never notifies anyone twice.
 */
export async function notify(
  eventKey: string,
  type: string,
  recipients: UserContact[],
  message: Message,
  data: Record<string, unknown>,
) {
  const unique = [...new Map(recipients.map((r) => [r.id, r])).values()];
  if (unique.length === 0) return;
  await insertIgnoringDuplicates(
    unique.map((r) => ({
      key: `${eventKey}:${r.id}`,
      userId: new Types.ObjectId(r.id),
      type,
      title: message.title,
      body: message.text,
      data,
    })),
    (chunk) => Notification.insertMany(chunk, { ordered: false }),
  );
  await queueEmails(
    unique.map((r) => ({
      key: `${eventKey}:${r.email}`,
      to: r.email,
      subject: message.title,
      text: message.text,
    })),
  );
  pumpOutboxSoon();
}

/** The employee's manager's login, or the admins when there is none. */
async function approversOf(employee: EmployeeDto): Promise<UserContact[]> {
  const manager = employee.managerId ? await findContactOfEmployee(employee.managerId) : undefined;
  return manager ? [manager] : findAdminContacts();
}

async function withEmployee(
  e: LeaveEventPayload,
  fn: (employee: EmployeeDto) => Promise<void>,
): Promise<void> {
  const employee = await findEmployeeProfile(e.employeeId);
  if (employee) await fn(employee);
}

const leaveData = (e: LeaveEventPayload) => ({
  requestId: e.requestId,
  employeeId: e.employeeId,
  startDate: e.startDate,
  endDate: e.endDate,
});

export const onLeaveSubmitted = (e: LeaveEventPayload) =>
  withEmployee(e, async (employee) => {
    await notify(
      `leave.submitted:${e.requestId}`,
      'leave.submitted',
      await approversOf(employee),
      submittedMessage(employee.fullName, e),
      leaveData(e),
    );
  });

export const onLeaveDecided = (e: LeaveEventPayload) =>
  withEmployee(e, async (employee) => {
    const owner = await findContactOfEmployee(employee.id);
    await notify(
      `leave.decided:${e.requestId}`,
      `leave.${e.status}`,
      owner ? [owner] : [],
      decidedMessage(employee.fullName, e),
      leaveData(e),
    );
  });

export const onLeaveCancelled = (e: LeaveEventPayload & { cancelledBy: string }) =>
  withEmployee(e, async (employee) => {
    const approvers = (await approversOf(employee)).filter((a) => a.id !== e.cancelledBy);
    await notify(
      `leave.cancelled:${e.requestId}`,
      'leave.cancelled',
      approvers,
      cancelledMessage(employee.fullName, e),
      leaveData(e),
    );
  });

/** A recount changed what a request costs: the employee and their approver are told, once per recount. */
export const onLeaveRecounted = (e: DomainEvents['leave.recounted']) =>
  withEmployee(e, async (employee) => {
    const owner = await findContactOfEmployee(employee.id);
    const key = `leave.recounted:${e.requestId}:${e.revision}`;
    const data = { ...leaveData(e), days: e.days, previousDays: e.previousDays, reason: e.reason };
    if (owner)
      await notify(key, 'leave.recounted', [owner], recountedMessage(employee.fullName, e, false), data);
    const approvers = (await approversOf(employee)).filter((a) => a.id !== owner?.id);
    await notify(key, 'leave.recounted', approvers, recountedMessage(employee.fullName, e, true), data);
  });

/**
 * An edit or amendment of a request: a decision on an amendment goes to the employee; every other
 * step to the approvers (not to whoever made the change). Once per request version.
 */
export const onLeaveAmended = (e: DomainEvents['leave.amended']) =>
  withEmployee(e, async (employee) => {
    const key = `leave.amended:${e.requestId}:${e.version}`;
    const data = {
      ...leaveData(e),
      stage: e.stage,
      previousStartDate: e.previousStartDate,
      previousEndDate: e.previousEndDate,
    };
    const owner = await findContactOfEmployee(employee.id);
    const toOwner = e.stage === 'approved' || e.stage === 'rejected';
    const recipients = toOwner ? (owner ? [owner] : []) : await approversOf(employee);
    const others = recipients.filter((r) => r.id !== e.by);
    await notify(key, 'leave.amended', others, amendedMessage(employee.fullName, e), data);
  });

/** The working day before `date` for this employee (their work week; holidays skipped). */
async function previousWorkingDay(employee: EmployeeDto, date: string): Promise<string> {
  const holidays = await holidayDatesBetween(
    calendarsFor(employee.holidayCalendar),
    addDays(date, -14),
    date,
  );
  let day = addDays(date, -1);
  while (!employee.workWeek.includes(isoWeekday(day)) || holidays.has(day)) day = addDays(day, -1);
  return day;
}

/**
 * The reminder job for `date`: approved leave whose start is the employee's next working day gets a
 * reminder to the employee and their manager. Keys make re-running it harmless.
 */
export async function sendLeaveReminders(
  date: string,
): Promise<{ employees: number; entriesWritten: number }> {
  const upcoming = await approvedLeaveStartingBetween(addDays(date, 1), addDays(date, 15));
  let reminded = 0;
  for (const e of upcoming) {
    const employee = await findEmployeeProfile(e.employeeId);
    if (!employee || (await previousWorkingDay(employee, e.startDate)) !== date) continue;
    const owner = await findContactOfEmployee(employee.id);
    const manager = employee.managerId ? await findContactOfEmployee(employee.managerId) : undefined;
    if (owner)
      await notify(
        `leave.reminder:${e.requestId}`,
        'leave.reminder',
        [owner],
        reminderMessage(employee.fullName, e, false),
        leaveData(e),
      );
    if (manager)
      await notify(
        `leave.reminder:${e.requestId}`,
        'leave.reminder',
        [manager],
        reminderMessage(employee.fullName, e, true),
        leaveData(e),
      );
    reminded++;
  }
  return { employees: reminded, entriesWritten: reminded };
}

export async function listNotifications(
  userId: string,
  filters: { unread?: boolean },
  page: PageRequest,
): Promise<Page<NotificationDto>> {
  const filter = { userId: new Types.ObjectId(userId), ...(filters.unread ? { readAt: null } : {}) };
  const [rows, total] = await Promise.all([
    Notification.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .skip(skipFor(page))
      .limit(page.limit)
      .lean<StoredNotification[]>(),
    Notification.countDocuments(filter),
  ]);
  return { data: rows.map(toDto), total, ...page };
}

/** Marks one of the caller's own notifications read; anyone else's is 404. */
export async function markNotificationRead(userId: string, id: string): Promise<void> {
  if (!Types.ObjectId.isValid(id)) throw new NotFoundError('Notification not found');
  const found = await Notification.findOne(
    { _id: new Types.ObjectId(id), userId: new Types.ObjectId(userId) },
    { readAt: 1 },
  ).lean<StoredNotification>();
  if (!found) throw new NotFoundError('Notification not found');
  if (found.readAt) return;
  await Notification.updateOne({ _id: found._id }, { $set: { readAt: new Date() } });
  await recordAudit({
    action: 'notification.read',
    entityType: 'Notification',
    entityId: id,
    before: { read: false },
    after: { read: true },
  });
}

export async function exportNotifications(userId: string): Promise<NotificationDto[]> {
  const rows = await Notification.find({ userId: new Types.ObjectId(userId) })
    .sort({ createdAt: 1 })
    .lean<StoredNotification[]>();
  return rows.map(toDto);
}

import type { LeaveEventPayload } from '../../lib/domain-events';

/** Subject and text of each message; the in-app notification shows the same title and text. */
export interface Message {
  title: string;
  text: string;
}

const span = (e: LeaveEventPayload) =>
  e.startDate === e.endDate ? `on ${e.startDate}` : `from ${e.startDate} to ${e.endDate}`;
const days = (e: LeaveEventPayload) => `${e.days} day${e.days === 1 ? '' : 's'}`;

export function submittedMessage(employeeName: string, e: LeaveEventPayload): Message {
  return {
    title: `${employeeName} requests ${e.leaveTypeName.toLowerCase()}`,
    text: `${employeeName} asked for ${e.leaveTypeName.toLowerCase()} ${span(e)} (${days(e)}). Please approve or reject it.`,
  };
}

export function decidedMessage(employeeName: string, e: LeaveEventPayload): Message {
  const verdict = e.status === 'approved' ? 'approved' : 'rejected';
  const comment = e.comment ? `\n\nComment: ${e.comment}` : '';
  return {
    title: `Your ${e.leaveTypeName.toLowerCase()} was ${verdict}`,
    text: `Hello ${employeeName}, your ${e.leaveTypeName.toLowerCase()} ${span(e)} (${days(e)}) was ${verdict}.${comment}`,
  };
}

export function cancelledMessage(employeeName: string, e: LeaveEventPayload): Message {
  return {
    title: `${employeeName}'s ${e.leaveTypeName.toLowerCase()} was cancelled`,
    text: `The ${e.leaveTypeName.toLowerCase()} of ${employeeName} ${span(e)} (${days(e)}) was cancelled.`,
  };
}

export function reminderMessage(employeeName: string, e: LeaveEventPayload, forManager: boolean): Message {
  return forManager
    ? {
        title: `${employeeName} is away from ${e.startDate}`,
        text: `Reminder: ${employeeName} starts ${e.leaveTypeName.toLowerCase()} ${span(e)} (${days(e)}).`,
      }
    : {
        title: `Your ${e.leaveTypeName.toLowerCase()} starts ${e.startDate}`,
        text: `Hello ${employeeName}, a reminder that your ${e.leaveTypeName.toLowerCase()} ${span(e)} (${days(e)}) starts on the next working day.`,
      };
}

export function recountedMessage(
  employeeName: string,
  e: LeaveEventPayload & { previousDays: number; reason: string },
  forApprover: boolean,
): Message {
  const leave = `${e.leaveTypeName.toLowerCase()} ${span(e)}`;
  const was = `${e.previousDays} day${e.previousDays === 1 ? '' : 's'}`;
  const change = `now counts ${days(e)} instead of ${was}. Reason: ${e.reason}. The balance was corrected.`;
  return forApprover
    ? {
        title: `${employeeName}'s ${leave} now counts ${days(e)}`,
        text: `The ${e.status} ${leave} of ${employeeName} ${change}`,
      }
    : {
        title: `Your ${leave} now counts ${days(e)}`,
        text: `Hello ${employeeName}, your ${e.status} ${leave} ${change}`,
      };
}

type Amended = LeaveEventPayload & {
  stage: 'edited' | 'applied' | 'requested' | 'approved' | 'rejected';
  previousStartDate: string;
  previousEndDate: string;
  previousDays: number;
  reason: string;
};

/** An edit or amendment: approvers hear of changes and requests, the employee of decisions. */
export function amendedMessage(employeeName: string, e: Amended): Message {
  const leave = e.leaveTypeName.toLowerCase();
  const was = `${span({ ...e, startDate: e.previousStartDate, endDate: e.previousEndDate })} (${e.previousDays} day${e.previousDays === 1 ? '' : 's'})`;
  const now = `${span(e)} (${days(e)})`;
  switch (e.stage) {
    case 'requested':
      return {
        title: `${employeeName} asks to change their ${leave}`,
        text: `${employeeName} asks to change their approved ${leave} ${was} to ${now}. Reason: ${e.reason}. Please approve or reject the amendment; the leave stays as approved meanwhile.`,
      };
    case 'approved':
    case 'rejected':
      return {
        title: `The change to your ${leave} was ${e.stage}`,
        text: `Hello ${employeeName}, the change to your ${leave} was ${e.stage}. It is now ${now}. ${e.reason}`,
      };
    default:
      return {
        title: `${employeeName}'s ${leave} changed`,
        text: `The ${e.status} ${leave} of ${employeeName} changed from ${was} to ${now}. Reason: ${e.reason}.`,
      };
  }
}

export type InvitationChange = 'approved' | 'amended' | 'cancelled';

/** Half days as a calendar reader sees them ("Starts with a half day."). */
export function halfDayNote(e: LeaveEventPayload, half: { start: boolean; end: boolean }): string {
  if (e.startDate === e.endDate) return half.start || half.end ? 'Half a day.' : '';
  return [half.start ? 'Starts with a half day.' : '', half.end ? 'Ends with a half day.' : '']
    .filter(Boolean)
    .join(' ');
}

/** The calendar event's summary and description and the email that carries the invitation. */
export function invitationMessage(
  change: InvitationChange,
  employeeName: string,
  e: LeaveEventPayload,
  half: { start: boolean; end: boolean },
  forManager: boolean,
): Message & { summary: string; description: string } {
  const leave = e.leaveTypeName.toLowerCase();
  const note = halfDayNote(e, half);
  const singleHalfDay = e.startDate === e.endDate && (half.start || half.end);
  const summary = `${employeeName}: ${e.leaveTypeName}${singleHalfDay ? ' (half day)' : ''}`;
  const description = [`${e.leaveTypeName} ${span(e)} (${days(e)}).`, note].filter(Boolean).join(' ');
  const whose = forManager ? `${employeeName}'s` : 'Your';
  const prefix = { approved: '', amended: 'Updated: ', cancelled: 'Cancelled: ' }[change];
  const verb = { approved: 'was approved', amended: 'was changed', cancelled: 'was cancelled' }[change];
  const action =
    change === 'cancelled'
      ? 'The attached cancellation removes it from your calendar.'
      : 'The attached invitation puts it in your calendar (or updates it there).';
  return {
    title: `${prefix}${whose} ${leave} ${span(e)}`,
    text: [
      `${whose} ${leave} ${span(e)} (${days(e)}) ${verb}. ${note}`.trim(),
      '',
      action,
      'If you subscribe to the leave calendar feed, this is the same event as there, so it is not shown twice.',
    ].join('\n'),
    summary,
    description,
  };
}

import type { ApprovalNotice, LeaveEventPayload } from '../../lib/domain-events';
import type { Message } from './templates';

/** Messages about approval steps: each names the step, the stand-in and the escalation. */

const span = (e: LeaveEventPayload) =>
  e.startDate === e.endDate ? `on ${e.startDate}` : `from ${e.startDate} to ${e.endDate}`;
const days = (e: LeaveEventPayload) => `${e.days} day${e.days === 1 ? '' : 's'}`;
const leave = (e: LeaveEventPayload) => e.leaveTypeName.toLowerCase();

const APPROVER_LABELS: Record<string, string> = {
  manager: 'the manager',
  department_head: 'the department head',
  admin: 'an admin',
};

export function stepLabel(n: ApprovalNotice): string {
  return `step ${n.step} of ${n.steps} (${APPROVER_LABELS[n.approver] ?? n.approver})`;
}

export type ApprovalOccasion = 'requested' | 'reminder' | 'escalated';

export interface ApprovalContext {
  employeeName: string;
  /** Names of the approvers asked; a delegate is told whom they stand in for. */
  approverNames: string[];
  reroutedFromName?: string | undefined;
  escalatedFromName?: string | undefined;
  waitedDays?: number | undefined;
}

const HEADLINES: Record<ApprovalOccasion, string> = {
  requested: 'Approval needed',
  reminder: 'Reminder: approval waiting',
  escalated: 'Escalated to you',
};

export function approvalMessage(
  e: LeaveEventPayload & { approval: ApprovalNotice },
  occasion: ApprovalOccasion,
  ctx: ApprovalContext,
  asDelegate: boolean,
): Message {
  const lines = [
    `${ctx.employeeName} asked for ${leave(e)} ${span(e)} (${days(e)}). ${capitalised(stepLabel(e.approval))} waits for a decision.`,
  ];
  if (asDelegate && ctx.approverNames.length > 0)
    lines.push(`You are asked as the delegate of ${ctx.approverNames.join(' and ')}.`);
  if (ctx.reroutedFromName)
    lines.push(`It comes to you because ${ctx.reroutedFromName} is on leave and named no delegate.`);
  if (occasion === 'reminder' && ctx.waitedDays !== undefined)
    lines.push(`It has waited ${ctx.waitedDays} working day(s).`);
  if (occasion === 'escalated')
    lines.push(
      `It has waited ${ctx.waitedDays ?? 'several'} working day(s)${ctx.escalatedFromName ? ` for ${ctx.escalatedFromName}` : ''}, so it was escalated: you may decide it too.`,
    );
  return {
    title: `${HEADLINES[occasion]}: ${ctx.employeeName}'s ${leave(e)}, ${stepLabel(e.approval)}`,
    text: lines.join('\n'),
  };
}

export function stepApprovedMessage(
  employeeName: string,
  e: LeaveEventPayload & { decidedStep: number; approval: ApprovalNotice },
): Message {
  return {
    title: `Step ${e.decidedStep} of ${e.approval.steps} of your ${leave(e)} was approved`,
    text: `Hello ${employeeName}, step ${e.decidedStep} of your ${leave(e)} ${span(e)} (${days(e)}) was approved. It now waits for ${stepLabel(e.approval)}.`,
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

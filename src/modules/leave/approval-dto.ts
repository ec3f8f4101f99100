import type { ApprovalState } from './approval-steps';
import { approvalsOf, currentStepOf, shownStatus } from './approval-steps';
import type { ApproverKind } from './leave-type.model';
import type { StepStatus } from './leave-request.model';

/** How a request's approval steps are shown (the LeaveRequest shape's `approvals`). */
export interface ApprovalDto {
  step: number;
  approver: ApproverKind;
  status: StepStatus;
  assignedTo: string | null;
  reroutedFrom: string | null;
  escalatedTo: string | null;
  escalatedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  onBehalfOf: string | null;
  coverageOverride: string | null;
}

export function approvalsDtoOf(r: ApprovalState): { approvals: ApprovalDto[]; currentStep: number | null } {
  const approvals = approvalsOf(r).map((a): ApprovalDto => ({
    step: a.step,
    approver: a.approver,
    status: shownStatus(r, a),
    assignedTo: a.assignedTo?.toHexString() ?? null,
    reroutedFrom: a.reroutedFrom?.toHexString() ?? null,
    escalatedTo: a.escalatedTo?.toHexString() ?? (a.escalatedToAdmins ? 'admins' : null),
    escalatedAt: a.escalatedAt?.toISOString() ?? null,
    decidedBy: a.decidedBy ?? null,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    comment: a.comment ?? null,
    onBehalfOf: a.onBehalfOf?.toHexString() ?? null,
    coverageOverride: a.coverageOverride ?? null,
  }));
  return { approvals, currentStep: r.status === 'pending' && approvals.length > 0 ? currentStepOf(r) : null };
}

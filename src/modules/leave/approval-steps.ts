import type { Types } from 'mongoose';
import type { ApproverKind } from './leave-type.model';
import type { StepStatus } from './leave-request.model';

/**
 * The approval steps of a request, as pure rules: which of its type's steps apply, how a request
 * from before steps reads, and which step is being decided. Routing (who is asked) is in
 * approval-routing.ts; who may decide in approval-deciders.ts.
 */

export interface TypeStep {
  approver: ApproverKind;
  minDays?: number | null | undefined;
}

export interface StoredApproval {
  step: number;
  approver: ApproverKind;
  status: StepStatus;
  assignedTo?: Types.ObjectId | null | undefined;
  reroutedFrom?: Types.ObjectId | null | undefined;
  startedAt?: Date | null | undefined;
  escalatedTo?: Types.ObjectId | null | undefined;
  escalatedToAdmins?: boolean | null | undefined;
  escalatedAt?: Date | null | undefined;
  decidedBy?: string | null | undefined;
  decidedAt?: Date | null | undefined;
  comment?: string | null | undefined;
  onBehalfOf?: Types.ObjectId | null | undefined;
  coverageOverride?: string | null | undefined;
}

/** What a request needs for its steps (stored or derived). */
export interface ApprovalState {
  status: string;
  approvals?: StoredApproval[] | null | undefined;
  currentStep?: number | null | undefined;
  decidedBy?: string | null | undefined;
  decidedAt?: Date | null | undefined;
  decisionComment?: string | null | undefined;
  createdAt?: Date | undefined;
}

export const AUTO_APPROVER = 'system:auto-approve';

/** The steps a request of `days` goes through: the type's steps whose minDays it reaches, in order. */
export function stepsForRequest(typeSteps: readonly TypeStep[], days: number): ApproverKind[] {
  const applicable = typeSteps.filter((s) => s.minDays == null || days >= s.minDays).map((s) => s.approver);
  // A type whose every step has a threshold the request misses still needs someone: the manager.
  return applicable.length > 0 ? applicable : ['manager'];
}

/**
 * The stored steps, or for a request from before steps the one manager step it had. A request
 * approved on submission (no approval needed) has none.
 */
export function approvalsOf(r: ApprovalState): StoredApproval[] {
  if (r.approvals && r.approvals.length > 0) return r.approvals;
  if (r.decidedBy === AUTO_APPROVER) return [];
  const decided = r.status === 'approved' || (r.status === 'rejected' && r.decidedBy);
  return [
    {
      step: 1,
      approver: 'manager',
      status: decided ? (r.status as StepStatus) : r.status === 'pending' ? 'pending' : 'skipped',
      startedAt: r.createdAt,
      decidedBy: decided ? r.decidedBy : undefined,
      decidedAt: decided ? r.decidedAt : undefined,
      comment: decided ? r.decisionComment : undefined,
    },
  ];
}

/** The step being decided (1-based) of a pending request. */
export function currentStepOf(r: ApprovalState): number {
  return r.currentStep ?? 1;
}

/** A step of a request that is no longer pending shows as skipped unless it was decided. */
export function shownStatus(request: ApprovalState, a: StoredApproval): StepStatus {
  if (request.status === 'pending' || a.status === 'approved' || a.status === 'rejected') return a.status;
  return 'skipped';
}

import mongoose, { Types } from 'mongoose';
import type { ApprovalNotice } from '../../lib/domain-events';
import { todayIn } from '../../lib/dates';
import { delegateOf, delegatorsOf } from '../approvals';
import type { Actor } from '../employees';
import { isInScope, resolveEmployeeScope, scopeFilter } from '../employees';
import type { ApprovalState, StoredApproval } from './approval-steps';
import { approvalsOf, currentStepOf } from './approval-steps';

/**
 * Who may decide a step, who sees a request because they may, and who hears that a step waits.
 * Admins decide any step. A step's assignee and (after escalation) the next level decide it; a
 * manager step also any manager above the employee (as before steps existed). A delegate decides
 * what the manager they stand in for could, on the days of the delegation.
 */

interface DecidableRequest extends ApprovalState {
  employeeId: Types.ObjectId;
}

/** Non-admins only: approving needs the manager role, so only managers can be asked or stand in. */
const mayApprove = (actor: Actor) => actor.role === 'manager';

const askedOf = (a: StoredApproval): string[] =>
  [a.assignedTo, a.escalatedTo].flatMap((id) => (id ? [id.toHexString()] : []));

async function managesEmployee(managerEmployeeId: string, employeeId: Types.ObjectId): Promise<boolean> {
  const scope = await resolveEmployeeScope({ role: 'manager', employeeId: managerEmployeeId });
  return managerEmployeeId !== employeeId.toHexString() && isInScope(scope, employeeId);
}

async function mayDecideAs(
  employeeId: string,
  request: DecidableRequest,
  a: StoredApproval,
): Promise<boolean> {
  if (a.approver === 'admin') return false;
  if (askedOf(a).includes(employeeId)) return true;
  return a.approver === 'manager' && managesEmployee(employeeId, request.employeeId);
}

export interface Decider {
  /** The manager a delegate decides for. */
  onBehalfOf?: string;
}

/** How the actor may decide the request's current step, or undefined when they may not. */
export async function deciderOf(actor: Actor, request: DecidableRequest): Promise<Decider | undefined> {
  if (actor.role === 'admin') return {};
  if (!mayApprove(actor)) return undefined;
  const a = approvalsOf(request)[currentStepOf(request) - 1];
  if (!a) return undefined;
  if (actor.employeeId && (await mayDecideAs(actor.employeeId, request, a))) return {};
  for (const delegator of await delegatorsOf(actor.id, todayIn('UTC'))) {
    if (delegator === request.employeeId.toHexString()) continue;
    if (await mayDecideAs(delegator, request, a)) return { onBehalfOf: delegator };
  }
  return undefined;
}

/**
 * The leave requests a caller lists: their scope, the teams of the managers they stand in for, and
 * pending requests whose steps ask them or those managers (a department head, an escalation).
 */
export async function approverListFilter(actor: Actor): Promise<Record<string, unknown>> {
  const scope = await resolveEmployeeScope(actor);
  if (scope.kind === 'all' || !mayApprove(actor)) return scopeFilter(scope, 'employeeId');
  const delegators = await delegatorsOf(actor.id, todayIn('UTC'));
  const team = [...scope.employeeIds];
  for (const d of delegators) {
    const theirs = await resolveEmployeeScope({ role: 'manager', employeeId: d });
    if (theirs.kind === 'some') team.push(...theirs.employeeIds);
  }
  const asked = [actor.employeeId, ...delegators].flatMap((id) =>
    id && Types.ObjectId.isValid(id) ? [new Types.ObjectId(id)] : [],
  );
  return {
    $or: [
      { employeeId: mongoose.trusted({ $in: team }) },
      { status: 'pending', 'approvals.assignedTo': mongoose.trusted({ $in: asked }) },
      { status: 'pending', 'approvals.escalatedTo': mongoose.trusted({ $in: asked }) },
    ],
  };
}

/** Who hears that a step waits: its approvers, the admins where they are asked, and stand-ins. */
export async function noticeFor(
  request: ApprovalState,
  stepIndex: number,
  extra: { escalatedFrom?: string } = {},
): Promise<ApprovalNotice> {
  const approvals = approvalsOf(request);
  const a = approvals[stepIndex];
  if (!a) throw new Error(`No approval step ${stepIndex + 1}`);
  const asked = askedOf(a);
  const today = todayIn('UTC');
  const delegates = await Promise.all(asked.map((id) => delegateOf(id, today)));
  return {
    step: a.step,
    steps: approvals.length,
    approver: a.approver,
    approverEmployeeIds: asked,
    toAdmins: !a.assignedTo || Boolean(a.escalatedToAdmins),
    delegateUserIds: delegates.flatMap((d) => (d ? [d] : [])),
    reroutedFrom: a.reroutedFrom?.toHexString(),
    ...extra,
  };
}

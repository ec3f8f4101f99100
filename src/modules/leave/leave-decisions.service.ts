import { now } from '../../lib/clock';
import { Types } from 'mongoose';
import type { IfMatch } from '../../lib/entity-tag';
import { assertPrecondition, staleIfMatch } from '../../lib/entity-tag';
import { AppError, ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors';
import { finishWork, newWork, withWork } from '../../db/unfinished-work';
import type { Actor } from '../employees';
import { findEmployeeProfile, isInScope, resolveEmployeeScope } from '../employees';
import { assertDatesOpen } from '../periods';
import { assertAttachmentBeforeApproval } from './attachment-rules';
import { deciderOf } from './approval-deciders';
import { startStep } from './approval-routing';
import type { StoredApproval } from './approval-steps';
import { approvalsOf, currentStepOf } from './approval-steps';
import { withinCoverage } from './leave-coverage.service';
import type { LeaveStatus } from './leave-request.model';
import { LeaveRequest } from './leave-request.model';
import type { LeaveRequestDto, StoredRequest } from './leave-request-dto';
import { toDtoWithCodes } from './leave-request-dto';
import { settleDecisionLedger } from './leave-request-finishers';
import { findStored } from './leave-request-queries.service';
import { unchangedSince } from './leave-request-version';
import { findLeaveType } from './leave-types.service';

/**
 * Deciding a request step by step (docs/approval-workflows.md). Approve decides the current step
 * and starts the next; the last approval approves the request; any rejection ends it. Each step is
 * decided once: the write applies only while the request is pending on that step, so of any number
 * of concurrent decisions exactly one wins and the rest get 409.
 */

export type Decision = 'approve' | 'reject';

export interface DecisionOptions {
  comment?: string | undefined;
  ifMatch?: IfMatch | undefined;
  coverageOverrideReason?: string | undefined;
}

/** The request if the actor sees it (their scope) or may decide its current step; else 404. */
async function findDecidable(actor: Actor, id: string) {
  const request = await findStored(id);
  if (!request) throw new NotFoundError('Leave request not found');
  const decider = request.status === 'pending' ? await deciderOf(actor, request) : undefined;
  if (!decider && !isInScope(await resolveEmployeeScope(actor), request.employeeId))
    throw new NotFoundError('Leave request not found');
  return { request, decider };
}

/** Another decision won: a retry of a decision that died after its write completes its ledger. */
async function lostTheRace(id: string, status: LeaveStatus, step: number, actor: Actor, ifMatch?: IfMatch) {
  const current = await findStored(id);
  // A decision whose process died after the status write: its idempotent ledger steps (unique keys)
  // are completed by the retry, which still gets 409, so the balance always equals its ledger.
  if (current?.status === status) await settleDecisionLedger(current, status, current.decidedBy ?? actor.id);
  if (current?.status === 'pending') {
    if (ifMatch !== undefined && currentStepOf(current) === step) return staleIfMatch();
    return new ConflictError(`Step ${step} was already decided; step ${currentStepOf(current)} is waiting`);
  }
  return new ConflictError(`The request is already ${current?.status ?? 'gone'}`);
}

function stepUpdate(request: StoredRequest, index: number, decided: StoredApproval): Record<string, unknown> {
  // A request from before steps stores its one (derived) step as it is decided.
  if (!request.approvals?.length) return { approvals: [decided], currentStep: 1 };
  return { [`approvals.${index}`]: decided };
}

export async function decideLeaveRequest(
  actor: Actor,
  id: string,
  decision: Decision,
  options: DecisionOptions = {},
): Promise<LeaveRequestDto> {
  const { request, decider } = await findDecidable(actor, id);
  const { comment, ifMatch } = options;
  if (ifMatch !== undefined) assertPrecondition(await toDtoWithCodes(request), ifMatch);
  if (request.employeeId.toHexString() === actor.employeeId)
    throw new ForbiddenError('Nobody can decide their own leave request');
  const status: LeaveStatus = decision === 'approve' ? 'approved' : 'rejected';
  const approvals = approvalsOf(request);
  const step = currentStepOf(request);
  if (request.status !== 'pending') throw await lostTheRace(id, status, step, actor, ifMatch);
  const current = approvals[step - 1];
  if (!decider || !current)
    throw new ForbiddenError(
      `Step ${step} (${current?.approver ?? 'manager'}) of this request is not yours to decide`,
    );
  if (decision === 'approve') {
    const type = await findLeaveType(request.leaveTypeId.toHexString());
    await assertAttachmentBeforeApproval(type, request._id.toHexString(), request.days);
  }
  await assertDatesOpen({ from: request.startDate, to: request.endDate }, 'startDate');
  const final = decision === 'reject' || step >= approvals.length;

  const write = async (coverageOverride: string | undefined): Promise<LeaveRequestDto> => {
    const at = now();
    const decided: StoredApproval = {
      ...current,
      status,
      decidedBy: actor.id,
      decidedAt: at,
      ...(comment ? { comment } : {}),
      ...(decider.onBehalfOf ? { onBehalfOf: new Types.ObjectId(decider.onBehalfOf) } : {}),
      ...(coverageOverride ? { coverageOverride } : {}),
    };
    const set: Record<string, unknown> = stepUpdate(request, step - 1, decided);
    const next = approvals[step];
    if (!final && next) {
      const employee = await findEmployeeProfile(request.employeeId.toHexString());
      if (!employee) throw new NotFoundError('Leave request not found');
      set[`approvals.${step}`] = await startStep(employee, step + 1, next.approver, at);
      set.currentStep = step + 1;
    } else {
      Object.assign(set, {
        status,
        decidedBy: actor.id,
        decidedAt: at,
        ...(comment ? { decisionComment: comment } : {}),
      });
    }
    const work = newWork(final ? `leave_request.${decision}` : 'leave_request.approve_step', {
      step,
      ...(comment ? { comment } : {}),
      ...(decider.onBehalfOf ? { onBehalfOf: decider.onBehalfOf } : {}),
      ...(coverageOverride ? { coverageOverride } : {}),
    });
    // With If-Match the decision applies only to the version the approver read (an edit in between: 412).
    const stored = await LeaveRequest.findOneAndUpdate(
      {
        ...(ifMatch === undefined ? { _id: request._id } : unchangedSince(request, ifMatch)),
        status: 'pending',
        ...(request.approvals?.length ? { currentStep: step } : {}),
      },
      withWork({ $set: set, $inc: { version: 1 } }, work),
      { returnDocument: 'after' },
    ).lean<StoredRequest>();
    if (!stored) throw await lostTheRace(id, status, step, actor, ifMatch);
    await finishWork(LeaveRequest, stored, work);
    return toDtoWithCodes(stored);
  };
  return decision === 'approve'
    ? withinCoverage(actor, request, options.coverageOverrideReason, write)
    : write(undefined);
}

export interface DecisionResult {
  id: string;
  status: LeaveStatus | 'failed';
  currentStep?: number | null;
  error?: string;
  code?: number;
}

/** Decides each request in turn; a refused item is reported with its reason and the rest go on. */
export async function decideMany(
  actor: Actor,
  ids: string[],
  decision: Decision,
  comment?: string,
): Promise<DecisionResult[]> {
  const results: DecisionResult[] = [];
  for (const id of ids) {
    try {
      const dto = await decideLeaveRequest(actor, id, decision, { comment });
      results.push({ id, status: dto.status, currentStep: dto.currentStep });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ id, status: 'failed', error: err.message, code: err.status });
    }
  }
  return results;
}

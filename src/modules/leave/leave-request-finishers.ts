import type { StoredDocument, UnfinishedWork } from '../../db/unfinished-work';
import { registerFinisher } from '../../db/unfinished-work';
import { AUTO_APPROVER } from './approval-steps';
import type { Announcement } from '../audit';
import { recordAudit, recordThenAnnounce } from '../audit';
import { withdrawPendingAmendment } from './leave-amendment-steps';
import { noticeFor } from './approval-deciders';
import { settleLapsesAfterChange } from './carry-over-expiry';
import type { LeaveStatus } from './leave-request.model';
import { LeaveRequest } from './leave-request.model';
import type { StoredRequest } from './leave-request-dto';
import { leavePayload, toDtoWithCodes } from './leave-request-dto';
import { entriesFor } from './leave-request-ledger';
import { writeLedgerEntries } from './ledger.service';

/**
 * What submit, decide and cancel still owe once their status write is stored: ledger entries,
 * lapses, the audit entry and the announcements. Each runs right after the write and, when the
 * process died first, from the sweeper (src/db/unfinished-work.ts). Every step is idempotent: ledger
 * entries and events have unique keys, the audit entry the work's id. The sweeper may read the
 * request after later changes, so each finisher takes the status the command set from the work, not
 * from the document.
 */

export { AUTO_APPROVER };

function actorIdOf(work: UnfinishedWork, fallback: string): string {
  return 'id' in work.actor ? work.actor.id : fallback;
}

/** Approved leave appeared or went away on these dates (attendance recomputes them). */
export function leaveChanged(r: StoredRequest): Announcement {
  return [
    'leave.changed',
    { employeeId: r.employeeId.toHexString(), startDate: r.startDate, endDate: r.endDate },
  ];
}

async function finishSubmission(doc: StoredDocument, work: UnfinishedWork): Promise<void> {
  const stored = doc as StoredRequest;
  const autoApproved = stored.decidedBy === AUTO_APPROVER;
  const asSubmitted: StoredRequest = { ...stored, status: autoApproved ? 'approved' : 'pending' };
  const by = stored.requestedBy ?? actorIdOf(work, 'system');
  await writeLedgerEntries(entriesFor(asSubmitted, autoApproved ? 'usage' : 'hold', -1, by));
  await settleLapsesAfterChange(stored);
  const dto = await toDtoWithCodes(asSubmitted);
  await recordRerouting(stored, 0, work.id);
  await recordThenAnnounce(
    { action: work.action, entityType: 'LeaveRequest', entityId: dto.id, after: dto, changeId: work.id },
    ...(autoApproved ? [leaveChanged(asSubmitted)] : []),
    autoApproved
      ? ['leave.decided', await leavePayload(asSubmitted)]
      : ['leave.submitted', { ...(await leavePayload(asSubmitted)), approval: await noticeFor(stored, 0) }],
  );
}

/** A step passed over an approver away on leave: its own audit entry says who and to whom. */
async function recordRerouting(r: StoredRequest, index: number, workId: string): Promise<void> {
  const step = r.approvals?.[index];
  if (!step?.reroutedFrom) return;
  await recordAudit({
    action: 'leave_request.reroute',
    entityType: 'LeaveRequest',
    entityId: r._id.toHexString(),
    metadata: {
      step: step.step,
      approver: step.approver,
      reroutedFrom: step.reroutedFrom.toHexString(),
      assignedTo: step.assignedTo?.toHexString() ?? 'admins',
      reason: 'the approver is on approved leave and has no delegate',
    },
    changeId: `${workId}:reroute:${step.step}`,
  });
}

/** Who decided what, beyond the status: the step, a delegate's manager, a coverage override. */
function decisionFacts(work: UnfinishedWork): Record<string, unknown> {
  const { step, onBehalfOf, coverageOverride } = work.data ?? {};
  return {
    ...(typeof step === 'number' ? { step } : {}),
    ...(typeof onBehalfOf === 'string' ? { onBehalfOf } : {}),
    ...(typeof coverageOverride === 'string' ? { coverageOverride } : {}),
  };
}

/** A step of several approved: the audit entry, and the next step's approvers are asked. */
async function finishStepApproval(doc: StoredDocument, work: UnfinishedWork): Promise<void> {
  const r = doc as StoredRequest;
  const step = typeof work.data?.step === 'number' ? work.data.step : 1;
  const comment = typeof work.data?.comment === 'string' ? work.data.comment : undefined;
  await recordRerouting(r, step, work.id);
  await recordThenAnnounce(
    {
      action: work.action,
      entityType: 'LeaveRequest',
      entityId: r._id.toHexString(),
      before: { currentStep: step },
      after: { currentStep: step + 1, decisionComment: comment },
      metadata: decisionFacts(work),
      changeId: work.id,
    },
    [
      'leave.step_approved',
      {
        ...(await leavePayload(r, comment)),
        status: 'pending',
        decidedStep: step,
        by: actorIdOf(work, 'system'),
        approval: await noticeFor({ ...r, currentStep: step + 1 }, step),
      },
    ],
  );
}

/** The ledger side of a decision; idempotent (unique keys), so a retry may run it again. */
export async function settleDecisionLedger(
  decided: StoredRequest,
  status: LeaveStatus,
  by: string,
): Promise<void> {
  await writeLedgerEntries([
    ...entriesFor(decided, 'hold_release', 1, by),
    ...(status === 'approved' ? entriesFor(decided, 'usage', -1, by) : []),
  ]);
  await settleLapsesAfterChange(decided);
}

async function finishDecision(doc: StoredDocument, work: UnfinishedWork): Promise<void> {
  const status: LeaveStatus = work.action === 'leave_request.approve' ? 'approved' : 'rejected';
  const decided: StoredRequest = { ...(doc as StoredRequest), status };
  const comment = typeof work.data?.comment === 'string' ? work.data.comment : undefined;
  await settleDecisionLedger(decided, status, decided.decidedBy ?? actorIdOf(work, 'system'));
  await recordThenAnnounce(
    {
      action: work.action,
      entityType: 'LeaveRequest',
      entityId: decided._id.toHexString(),
      before: { status: 'pending' },
      after: { status, decisionComment: comment },
      metadata: decisionFacts(work),
      changeId: work.id,
    },
    ...(status === 'approved' ? [leaveChanged(decided)] : []),
    ['leave.decided', await leavePayload(decided, comment)],
  );
}

async function finishCancellation(doc: StoredDocument, work: UnfinishedWork): Promise<void> {
  const from = work.data?.from === 'approved' ? 'approved' : 'pending';
  const pendingAmendment = work.data?.pendingAmendment as StoredRequest['pendingAmendment'];
  const before: StoredRequest = { ...(doc as StoredRequest), status: from, pendingAmendment };
  const by = (doc as StoredRequest).cancelledBy ?? actorIdOf(work, 'system');
  await withdrawPendingAmendment(before, by);
  await writeLedgerEntries(entriesFor(before, from === 'approved' ? 'usage_release' : 'hold_release', 1, by));
  await settleLapsesAfterChange(before);
  await recordThenAnnounce(
    {
      action: work.action,
      entityType: 'LeaveRequest',
      entityId: before._id.toHexString(),
      before: { status: from },
      after: { status: 'cancelled' },
      changeId: work.id,
    },
    ...(from === 'approved' ? [leaveChanged(before)] : []),
    ['leave.cancelled', { ...(await leavePayload(before)), cancelledBy: by }],
  );
}

registerFinisher(LeaveRequest, 'leave_request.create', finishSubmission);
registerFinisher(LeaveRequest, 'leave_request.approve', finishDecision);
registerFinisher(LeaveRequest, 'leave_request.reject', finishDecision);
registerFinisher(LeaveRequest, 'leave_request.approve_step', finishStepApproval);
registerFinisher(LeaveRequest, 'leave_request.cancel', finishCancellation);

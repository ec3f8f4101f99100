import { Types } from 'mongoose';
import type { StoredDocument, UnfinishedWork } from '../../db/unfinished-work';
import { newWork, registerFinisher } from '../../db/unfinished-work';
import type { Announcement } from '../audit';
import { recordThenAnnounce } from '../audit';
import { settleLapsesAfterChange } from './carry-over-expiry';
import type { StoredRequest } from './leave-request-dto';
import { leavePayload, toDtoWithCodes } from './leave-request-dto';
import { LeaveRequest } from './leave-request.model';
import type { NewLedgerEntry } from './ledger.service';
import { writeLedgerEntries } from './ledger.service';

/**
 * What editing, amending and deciding an amendment owe once the request's write is stored, as plain
 * data computed before the write: the keyed ledger entries, the balances whose lapses to settle, the
 * audit entry and the `leave.amended` announcement. The plan rides in the write's unfinished-work
 * marker, so the sweeper (src/db/unfinished-work.ts) finishes exactly what the command would have,
 * should the process die after the write. Ledger entries and events are keyed, the audit entry by
 * the work's id: finishing twice changes nothing.
 */
export interface RequestChangePlan {
  ledger: NewLedgerEntry[];
  /** Balances (employee, type, years) whose carry-over lapse may have moved. */
  lapses: Array<{ employeeId: string; leaveTypeId: string; years: number[] }>;
  audit: { before: object; after?: object; metadata?: Record<string, unknown> };
  /** The dates attendance recomputes, when approved days moved. */
  datesChanged?: { employeeId: string; startDate: string; endDate: string };
  amended: {
    stage: 'edited' | 'applied' | 'requested' | 'approved' | 'rejected';
    previousStartDate: string;
    previousEndDate: string;
    previousDays: number;
    reason: string;
    by: string;
    version: number;
  };
}

/** The balance a request's days sit in, for `lapses`. */
export function lapseOf(r: Pick<StoredRequest, 'employeeId' | 'leaveTypeId' | 'daysByYear'>) {
  return {
    employeeId: r.employeeId.toHexString(),
    leaveTypeId: r.leaveTypeId.toHexString(),
    years: r.daysByYear.map((y) => y.year),
  };
}

export function planWork(action: string, plan: RequestChangePlan): UnfinishedWork {
  return newWork(action, { plan });
}

function planOf(work: UnfinishedWork): RequestChangePlan {
  return work.data?.plan as RequestChangePlan;
}

async function finishRequestChange(doc: StoredDocument, work: UnfinishedWork): Promise<void> {
  const plan = planOf(work);
  const request = doc as StoredRequest;
  await writeLedgerEntries(plan.ledger);
  for (const lapse of plan.lapses) {
    await settleLapsesAfterChange({
      employeeId: new Types.ObjectId(lapse.employeeId),
      leaveTypeId: new Types.ObjectId(lapse.leaveTypeId),
      daysByYear: lapse.years.map((year) => ({ year })),
    });
  }
  const shown =
    plan.amended.stage === 'requested' && request.pendingAmendment
      ? { ...request, ...request.pendingAmendment }
      : request;
  const announcements: Announcement[] = [
    ...(plan.datesChanged ? [['leave.changed', plan.datesChanged] as Announcement] : []),
    ['leave.amended', { ...(await leavePayload(shown)), ...plan.amended }],
  ];
  await recordThenAnnounce(
    {
      action: work.action,
      entityType: 'LeaveRequest',
      entityId: request._id.toHexString(),
      before: plan.audit.before,
      after: plan.audit.after ?? (await toDtoWithCodes(request)),
      metadata: plan.audit.metadata,
      changeId: work.id,
    },
    ...announcements,
  );
}

for (const action of [
  'leave_request.update',
  'leave_request.amend',
  'leave_request.amend_request',
  'leave_request.amendment_approve',
  'leave_request.amendment_reject',
])
  registerFinisher(LeaveRequest, action, finishRequestChange);

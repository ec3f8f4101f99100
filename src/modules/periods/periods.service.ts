import mongoose from 'mongoose';
import type { Types } from 'mongoose';
import { findLeanById } from '../../db/find-by-id';
import { withLock } from '../../db/locks';
import type { StoredDocument, UnfinishedWork } from '../../db/unfinished-work';
import { createdWithWork, finishWork, newWork, registerFinisher, withWork } from '../../db/unfinished-work';
import { assertDateRange } from '../../lib/date-range';
import { ConflictError, NotFoundError } from '../../lib/errors';
import type { Page, PageRequest } from '../../lib/pagination';
import { skipFor } from '../../lib/pagination';
import { recordThenAnnounce } from '../audit';
import type { PayrollPeriodRecord, PeriodStatus } from './payroll-period.model';
import { PayrollPeriod } from './payroll-period.model';
import type { PayrollPeriodCreateInput, PayrollPeriodDto } from './periods.schemas';

type StoredPeriod = PayrollPeriodRecord & { _id: Types.ObjectId; createdAt: Date };

/** The one lock every period creation holds: the overlap check and the insert never interleave. */
const PERIODS_LOCK = 'payroll-periods';

function toDto(p: StoredPeriod): PayrollPeriodDto {
  return {
    id: p._id.toHexString(),
    from: p.from,
    to: p.to,
    status: p.status,
    closedAt: p.closedAt?.toISOString() ?? null,
    closedBy: p.closedBy ?? null,
    reopenedAt: p.reopenedAt?.toISOString() ?? null,
    reopenedBy: p.reopenedBy ?? null,
    reopenReason: p.reopenReason ?? null,
    history: (p.history ?? []).map((e) => ({
      action: e.action,
      at: e.at.toISOString(),
      by: e.by,
      reason: e.reason ?? null,
    })),
    createdAt: p.createdAt.toISOString(),
  };
}

async function findStored(id: string): Promise<StoredPeriod> {
  const found = await findLeanById<StoredPeriod>(PayrollPeriod, id);
  if (!found) throw new NotFoundError('Payroll period not found');
  return found;
}

export async function getPeriod(id: string): Promise<PayrollPeriodDto> {
  return toDto(await findStored(id));
}

/**
 * Closes a new period. Periods never overlap one another, whatever their status: a reopened period
 * is closed again by its id. There are no multi-document transactions, so the overlap check and the
 * insert run under one named lock; of several concurrent creates exactly one can win (the others
 * get 409, from the lock or from the overlap).
 */
type BeforeClose = (range: { from: string; to: string }) => Promise<unknown>;
const beforeClose: BeforeClose[] = [];

/**
 * Work other modules finish on a period's dates before it closes (attendance recomputes the days that
 * ingest marked stale), so payroll never freezes a day behind its punches.
 */
export function beforePeriodCloses(fn: BeforeClose): void {
  if (!beforeClose.includes(fn)) beforeClose.push(fn);
}

async function finishBeforeClosing(range: { from: string; to: string }): Promise<void> {
  for (const fn of beforeClose) await fn(range);
}

export async function createPeriod(input: PayrollPeriodCreateInput, by: string): Promise<PayrollPeriodDto> {
  assertDateRange(input);
  await finishBeforeClosing(input);
  const created = await withLock(PERIODS_LOCK, async () => {
    const overlapping = await PayrollPeriod.findOne({
      from: mongoose.trusted({ $lte: input.to }),
      to: mongoose.trusted({ $gte: input.from }),
    }).lean<StoredPeriod>();
    if (overlapping) {
      throw new ConflictError(
        `Overlaps the ${overlapping.status} payroll period ${overlapping.from} to ${overlapping.to}`,
        { errors: [{ field: 'from', message: 'overlaps another payroll period' }] },
      );
    }
    const at = new Date();
    const work = newWork('payroll_period.create');
    const doc = await PayrollPeriod.create(
      createdWithWork(
        {
          from: input.from,
          to: input.to,
          status: 'closed',
          closedAt: at,
          closedBy: by,
          history: [{ action: 'close', at, by }],
        },
        work,
      ),
    );
    return { stored: doc.toObject<StoredPeriod>(), work };
  });
  await finishWork(PayrollPeriod, created.stored, created.work);
  return toDto(created.stored);
}

/**
 * Moves a period from `from` to `to` status by one conditional update (so of two concurrent calls
 * one wins and the other gets 409), pushing the event onto its history.
 */
async function transition(
  id: string,
  from: PeriodStatus,
  to: PeriodStatus,
  set: Record<string, unknown>,
  event: { action: 'close' | 'reopen'; at: Date; by: string; reason?: string },
): Promise<PayrollPeriodDto> {
  const before = await findStored(id);
  const work = newWork(`payroll_period.${event.action}`, event.reason ? { reason: event.reason } : undefined);
  const updated = await PayrollPeriod.findOneAndUpdate(
    { _id: before._id, status: from },
    withWork({ $set: { status: to, ...set }, $push: { history: event } }, work),
    { returnDocument: 'after' },
  ).lean<StoredPeriod>();
  if (!updated) {
    const current = await findStored(id);
    throw new ConflictError(`The payroll period is already ${current.status}`);
  }
  await finishWork(PayrollPeriod, updated, work);
  return toDto(updated);
}

/**
 * The audit entry a period command owes after its write (the integrations outbox mirrors it as
 * `period.closed` or `period.reopened`): right after the write, or from the sweeper after a crash.
 */
async function finishPeriodChange(doc: StoredDocument, work: UnfinishedWork): Promise<void> {
  const period = toDto(doc as StoredPeriod);
  const reason = typeof work.data?.reason === 'string' ? work.data.reason : undefined;
  const reopened = work.action === 'payroll_period.reopen';
  await recordThenAnnounce({
    action: work.action,
    entityType: 'PayrollPeriod',
    entityId: period.id,
    changeId: work.id,
    ...(work.action === 'payroll_period.create'
      ? { after: period }
      : {
          before: { status: reopened ? 'closed' : 'open' },
          after: { status: reopened ? 'open' : 'closed' },
          metadata: { ...(reason ? { reason } : {}), from: period.from, to: period.to },
        }),
  });
}

for (const action of ['create', 'reopen', 'close'])
  registerFinisher(PayrollPeriod, `payroll_period.${action}`, finishPeriodChange);

/** Reopens a closed period with a reason: writes touching its dates are allowed again. */
export async function reopenPeriod(id: string, reason: string, by: string): Promise<PayrollPeriodDto> {
  const at = new Date();
  return transition(
    id,
    'closed',
    'open',
    { reopenedAt: at, reopenedBy: by, reopenReason: reason },
    { action: 'reopen', at, by, reason },
  );
}

/** Closes a reopened period again (same id, same dates); the history keeps every close and reopen. */
export async function closePeriod(id: string, by: string): Promise<PayrollPeriodDto> {
  await finishBeforeClosing(await getPeriod(id));
  const at = new Date();
  return transition(id, 'open', 'closed', { closedAt: at, closedBy: by }, { action: 'close', at, by });
}

/** Periods, latest first. */
export async function listPeriods(
  filters: { status?: PeriodStatus | undefined },
  page: PageRequest,
): Promise<Page<PayrollPeriodDto>> {
  const filter = filters.status ? { status: filters.status } : {};
  const [rows, total] = await Promise.all([
    PayrollPeriod.find(filter)
      .sort({ from: -1 })
      .skip(skipFor(page))
      .limit(page.limit)
      .lean<StoredPeriod[]>(),
    PayrollPeriod.countDocuments(filter),
  ]);
  return { data: rows.map(toDto), total, ...page };
}

import mongoose from 'mongoose';
import type { Types } from 'mongoose';
import { findLeanById } from '../../db/find-by-id';
import { withLock } from '../../db/locks';
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
export async function createPeriod(input: PayrollPeriodCreateInput, by: string): Promise<PayrollPeriodDto> {
  assertDateRange(input);
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
    const doc = await PayrollPeriod.create({
      from: input.from,
      to: input.to,
      status: 'closed',
      closedAt: at,
      closedBy: by,
      history: [{ action: 'close', at, by }],
    });
    return toDto(doc.toObject<StoredPeriod>());
  });
  await recordThenAnnounce({
    action: 'payroll_period.create',
    entityType: 'PayrollPeriod',
    entityId: created.id,
    after: created,
  });
  return created;
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
): Promise<{ before: PayrollPeriodDto; after: PayrollPeriodDto }> {
  const before = await findStored(id);
  const updated = await PayrollPeriod.findOneAndUpdate(
    { _id: before._id, status: from },
    { $set: { status: to, ...set }, $push: { history: event } },
    { returnDocument: 'after' },
  ).lean<StoredPeriod>();
  if (!updated) {
    const current = await findStored(id);
    throw new ConflictError(`The payroll period is already ${current.status}`);
  }
  return { before: toDto(before), after: toDto(updated) };
}

/** Reopens a closed period with a reason: writes touching its dates are allowed again. */
export async function reopenPeriod(id: string, reason: string, by: string): Promise<PayrollPeriodDto> {
  const at = new Date();
  const { before, after } = await transition(
    id,
    'closed',
    'open',
    { reopenedAt: at, reopenedBy: by, reopenReason: reason },
    { action: 'reopen', at, by, reason },
  );
  await recordThenAnnounce({
    action: 'payroll_period.reopen',
    entityType: 'PayrollPeriod',
    entityId: id,
    before: { status: before.status },
    after: { status: after.status },
    metadata: { reason, from: after.from, to: after.to },
  });
  return after;
}

/** Closes a reopened period again (same id, same dates); the history keeps every close and reopen. */
export async function closePeriod(id: string, by: string): Promise<PayrollPeriodDto> {
  const at = new Date();
  const { before, after } = await transition(
    id,
    'open',
    'closed',
    { closedAt: at, closedBy: by },
    { action: 'close', at, by },
  );
  await recordThenAnnounce({
    action: 'payroll_period.close',
    entityType: 'PayrollPeriod',
    entityId: id,
    before: { status: before.status },
    after: { status: after.status },
    metadata: { from: after.from, to: after.to },
  });
  return after;
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

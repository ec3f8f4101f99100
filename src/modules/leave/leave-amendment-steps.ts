import mongoose, { Types } from 'mongoose';
import { LedgerEntry } from './leave-ledger.model';
import { LeaveRequest } from './leave-request.model';
import type { StoredRequest } from './leave-request-dto';
import { amendmentHoldEntries } from './leave-amendment-rules';
import { writeLedgerEntries } from './ledger.service';

/** Steps on a request's waiting amendment that other commands (cancel, decide) share. */

export function holdOwner(r: StoredRequest) {
  return {
    requestId: r._id.toHexString(),
    employeeId: r.employeeId.toHexString(),
    leaveTypeId: r.leaveTypeId.toHexString(),
  };
}

/**
 * The amendment that waited on a request just cancelled (`before` is the request as it was): its
 * held days are released (keyed like a rejection's, so the two can never both release) and its
 * history entry says it was withdrawn. Idempotent: a retry changes nothing more.
 */
export async function withdrawPendingAmendment(before: StoredRequest, by: string): Promise<void> {
  const pending = before.pendingAmendment;
  if (!pending) return;
  await writeLedgerEntries(amendmentHoldEntries(holdOwner(before), pending, 1, by));
  const status = `amendments.${pending.index}.status`;
  await LeaveRequest.updateOne(
    { _id: before._id, [status]: 'pending' },
    {
      $set: {
        [status]: 'withdrawn',
        [`amendments.${pending.index}.decidedBy`]: by,
        [`amendments.${pending.index}.decidedAt`]: new Date(),
      },
    },
  );
}

const SCRUBBED = 'Removed when the employee was anonymised';

/**
 * On anonymisation: amendment reasons and comments are free text that may name people or health
 * matters, like a request's reason. The history keeps its dates and days; its text is replaced.
 */
export async function scrubAmendmentText(employeeId: string): Promise<void> {
  const owner = new Types.ObjectId(employeeId);
  const rows = await LeaveRequest.find(
    { employeeId: owner, amendments: mongoose.trusted({ $exists: true }) },
    { amendments: 1, pendingAmendment: 1 },
  ).lean<StoredRequest[]>();
  for (const r of rows) {
    const amendments = (r.amendments ?? []).map(({ comment: _comment, ...a }) => ({
      ...a,
      reason: SCRUBBED,
    }));
    await LeaveRequest.updateOne(
      { _id: r._id },
      { $set: { amendments, ...(r.pendingAmendment ? { 'pendingAmendment.reason': SCRUBBED } : {}) } },
    );
  }
  await LedgerEntry.updateMany(
    { employeeId: owner, key: /^amend/, reason: mongoose.trusted({ $exists: true }) },
    { $set: { reason: SCRUBBED } },
  );
}

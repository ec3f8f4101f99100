import type { Infer } from '../../http/shape/field';
import type { AmendmentEntryShape, PendingAmendmentShape } from './leave-amendments.schemas';
import type { LeaveRequestRecord } from './leave-request.model';

export type AmendmentEntryDto = Infer<typeof AmendmentEntryShape>;
export type PendingAmendmentDto = Infer<typeof PendingAmendmentShape>;

type Amendable = Pick<LeaveRequestRecord, 'version' | 'amendments' | 'pendingAmendment'>;

/** A request's version, amendment history and waiting amendment, as the API shows them. */
export function amendmentsOf(r: Amendable): {
  version: number;
  amendments: AmendmentEntryDto[];
  pendingAmendment: PendingAmendmentDto | null;
} {
  const cover = (c: NonNullable<Amendable['amendments']>[number]['from']) => ({
    leaveTypeId: c.leaveTypeId.toHexString(),
    startDate: c.startDate,
    endDate: c.endDate,
    halfDayStart: c.halfDayStart,
    halfDayEnd: c.halfDayEnd,
    days: c.days,
  });
  const pending = r.pendingAmendment;
  return {
    version: r.version ?? 0,
    amendments: (r.amendments ?? []).map((a) => ({
      kind: a.kind,
      from: cover(a.from),
      to: cover(a.to),
      reason: a.reason,
      by: a.by,
      at: a.at.toISOString(),
      status: a.status,
      decidedBy: a.decidedBy ?? null,
      decidedAt: a.decidedAt?.toISOString() ?? null,
      comment: a.comment ?? null,
    })),
    pendingAmendment: pending
      ? {
          startDate: pending.startDate,
          endDate: pending.endDate,
          halfDayStart: pending.halfDayStart,
          halfDayEnd: pending.halfDayEnd,
          days: pending.days,
          daysByYear: pending.daysByYear.map((y) => ({ year: y.year, days: y.days })),
          reason: pending.reason,
          requestedBy: pending.requestedBy,
          requestedAt: pending.requestedAt.toISOString(),
        }
      : null,
  };
}

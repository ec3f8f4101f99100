import type { NewLedgerEntry } from './ledger.service';
import type { StoredRequest } from './leave-request-dto';

/** Ledger entries for a request's days, one per leave year, keyed so each is written once. */
export function entriesFor(
  r: StoredRequest,
  kind: NewLedgerEntry['kind'],
  sign: 1 | -1,
  by: string,
): NewLedgerEntry[] {
  return r.daysByYear.map((y) => ({
    key: `${kind}:${r._id.toHexString()}:${y.year}`,
    employeeId: r.employeeId.toHexString(),
    leaveTypeId: r.leaveTypeId.toHexString(),
    year: y.year,
    kind,
    days: sign * y.days,
    requestId: r._id.toHexString(),
    createdBy: by,
  }));
}

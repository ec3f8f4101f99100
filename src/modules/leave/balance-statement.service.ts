import mongoose, { Types } from 'mongoose';
import { BusinessRuleError, unknownReference } from '../../lib/errors';
import { todayIn, yearOf } from '../../lib/dates';
import type { ScopeActor } from '../employees';
import { dueAccruals } from './accrual-due';
import { findVisibleEmployee } from './balances.service';
import { carryOverExpiryDate } from './carry-over-expiry';
import type { LedgerKind } from './leave-ledger.model';
import { LedgerEntry } from './leave-ledger.model';
import type { LeaveRequestRecord } from './leave-request.model';
import { LeaveRequest } from './leave-request.model';
import { findLeaveType } from './leave-types.service';
import type { BalanceParts } from './ledger.service';
import type { RequestFacts } from './statement-descriptions';
import type { DatingContext, StatementEntry, StatementLine } from './statement-lines';
import { buildLines, closingOf, countsFrom, entriesAsOf } from './statement-lines';

export interface StatementQuery {
  employeeId?: string;
  leaveTypeId: string;
  year?: number;
  asOf?: string;
}

export interface BalanceStatementDto {
  employeeId: string;
  leaveTypeId: string;
  year: number;
  asOf: string;
  lines: StatementLine[];
  closing: BalanceParts;
}

interface StoredEntry {
  key: string;
  kind: LedgerKind;
  days: number;
  at: Date;
  requestId?: Types.ObjectId;
  reason?: string;
}

type StoredRequest = Pick<
  LeaveRequestRecord,
  'startDate' | 'endDate' | 'halfDayStart' | 'halfDayEnd' | 'status' | 'decidedAt' | 'dayCountHistory'
> & { _id: Types.ObjectId };

async function storedEntries(
  employeeId: string,
  leaveTypeId: string,
  year: number,
): Promise<StatementEntry[]> {
  const rows = await LedgerEntry.find(
    { employeeId: new Types.ObjectId(employeeId), leaveTypeId: new Types.ObjectId(leaveTypeId), year },
    { key: 1, kind: 1, days: 1, at: 1, requestId: 1, reason: 1, _id: 0 },
  ).lean<StoredEntry[]>();
  return rows.map((r) => ({
    key: r.key,
    kind: r.kind,
    days: r.days,
    at: r.at,
    ...(r.requestId ? { requestId: r.requestId.toHexString() } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    source: 'ledger' as const,
  }));
}

/** The requests behind the lines, for their dates, outcome and recounts. */
async function requestFacts(ids: string[]): Promise<Map<string, RequestFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await LeaveRequest.find(
    { _id: mongoose.trusted({ $in: ids.map((id) => new Types.ObjectId(id)) }) },
    { startDate: 1, endDate: 1, halfDayStart: 1, halfDayEnd: 1, status: 1, decidedAt: 1, dayCountHistory: 1 },
  ).lean<StoredRequest[]>();
  return new Map(
    rows.map((r) => [
      r._id.toHexString(),
      {
        id: r._id.toHexString(),
        startDate: r.startDate,
        endDate: r.endDate,
        halfDayStart: Boolean(r.halfDayStart),
        halfDayEnd: Boolean(r.halfDayEnd),
        status: r.status,
        decided: Boolean(r.decidedAt),
        recounts: new Map(
          (r.dayCountHistory ?? []).map((h) => [h.revision, { previousDays: h.previousDays, days: h.days }]),
        ),
      },
    ]),
  );
}

/**
 * Every ledger entry behind one balance, in date order with the running balance, as of a date:
 * today by default, any past date, or a later date with accrual projected up to it. Accruals owed
 * but not yet stored are computed here and never written. Scope as for balances (404 outside it).
 */
export async function getBalanceStatement(
  actor: ScopeActor & { employeeId?: string | null },
  query: StatementQuery,
): Promise<BalanceStatementDto> {
  const employeeId = query.employeeId ?? actor.employeeId;
  if (!employeeId) {
    const message = 'is required: your login has no employee record';
    throw new BusinessRuleError(`employeeId ${message}`, { errors: [{ field: 'employeeId', message }] });
  }
  const employee = await findVisibleEmployee(actor, employeeId);
  const type = await findLeaveType(query.leaveTypeId);
  if (!type) throw unknownReference('leaveTypeId', 'leave type');
  const today = todayIn(employee.timezone);
  const asOf = query.asOf ?? today;
  const year = query.year ?? yearOf(asOf);
  const dating: DatingContext = {
    year,
    zone: employee.timezone,
    expiryDate: carryOverExpiryDate(type, year),
  };

  // One read of the ledger: what is due is what it does not hold (a job storing meanwhile cannot double it).
  const stored = await storedEntries(employee.id, type.id, year);
  const due = dueAccruals(employee, [type], year, asOf, new Set(stored.map((e) => e.key)));
  const computed: StatementEntry[] = due.map((e) => ({
    key: e.key,
    kind: e.kind,
    days: e.days,
    source: 'due',
  }));
  for (const e of computed) if (countsFrom(e, dating) > today) e.source = 'projected';
  const entries = entriesAsOf([...stored, ...computed], dating, asOf, today);
  const requests = await requestFacts([
    ...new Set(entries.flatMap((e) => (e.requestId ? [e.requestId] : []))),
  ]);
  const lines = buildLines(entries, dating, {
    year,
    typeName: type.name,
    carryOverMax: type.carryOverMax,
    expiryDate: dating.expiryDate,
    hireDate: employee.hireDate,
    requests,
  });
  return { employeeId: employee.id, leaveTypeId: type.id, year, asOf, lines, closing: closingOf(entries) };
}

import mongoose, { Types } from 'mongoose';
import { inBatches } from '../../lib/batches';
import type { Actor } from '../employees';
import { findEmployeesByIds, isInScope, resolveEmployeeScope, scopeFilter } from '../employees';
import type { LeaveRequestRecord } from './leave-request.model';
import { LeaveRequest } from './leave-request.model';
import type { LEAVE_REQUEST_CSV_COLUMNS, LeaveRequestListFilters } from './leave-requests-export.schemas';
import { leaveTypeCodes } from './leave-types.service';

/**
 * Every leave request a list would show (same scope and filters as GET /leave-requests), as CSV rows
 * read through a cursor; the employees' codes and names are looked up once per batch, so memory
 * stays flat however many requests there are.
 */
export type LeaveRequestCsvRow = Record<
  (typeof LEAVE_REQUEST_CSV_COLUMNS)[number],
  string | number | boolean
>;

type StoredRequest = LeaveRequestRecord & { _id: Types.ObjectId; createdAt: Date };

const BATCH = 1000;

/** Mirrors the filter of listLeaveRequests (leave-requests.service.ts); null: nothing in scope. */
async function exportFilter(
  actor: Actor,
  filters: LeaveRequestListFilters,
): Promise<Record<string, unknown> | null> {
  const scope = await resolveEmployeeScope(actor);
  const filter: Record<string, unknown> = { ...scopeFilter(scope, 'employeeId') };
  if (filters.employeeId) {
    if (!isInScope(scope, filters.employeeId)) return null;
    filter.employeeId = new Types.ObjectId(filters.employeeId);
  }
  if (filters.status) filter.status = filters.status;
  if (filters.leaveTypeId) filter.leaveTypeId = new Types.ObjectId(filters.leaveTypeId);
  if (filters.to) filter.startDate = mongoose.trusted({ $lte: filters.to });
  if (filters.from) filter.endDate = mongoose.trusted({ $gte: filters.from });
  return filter;
}

export async function* leaveRequestCsvRows(
  actor: Actor,
  filters: LeaveRequestListFilters,
): AsyncGenerator<LeaveRequestCsvRow> {
  const filter = await exportFilter(actor, filters);
  if (!filter) return;
  const codes = await leaveTypeCodes();
  const cursor = LeaveRequest.find(filter)
    .sort({ startDate: -1, _id: -1 })
    .lean<StoredRequest[]>()
    .cursor({ batchSize: BATCH });
  for await (const batch of inBatches<StoredRequest>(cursor, BATCH)) {
    const people = await findEmployeesByIds([...new Set(batch.map((r) => r.employeeId.toHexString()))]);
    for (const r of batch) {
      const employee = people.get(r.employeeId.toHexString());
      yield {
        id: r._id.toHexString(),
        employeeId: r.employeeId.toHexString(),
        employeeCode: employee?.employeeCode ?? '',
        employeeName: employee?.fullName ?? '',
        leaveTypeCode: codes.get(r.leaveTypeId.toHexString()) ?? '',
        startDate: r.startDate,
        endDate: r.endDate,
        halfDayStart: r.halfDayStart ?? false,
        halfDayEnd: r.halfDayEnd ?? false,
        days: r.days,
        status: r.status,
        reason: r.reason ?? '',
        requestedBy: r.requestedBy,
        decidedBy: r.decidedBy ?? '',
        decidedAt: r.decidedAt?.toISOString() ?? '',
        decisionComment: r.decisionComment ?? '',
        createdAt: r.createdAt.toISOString(),
      };
    }
  }
}

import type { Types } from 'mongoose';
import type { LeaveEventPayload } from '../../lib/domain-events';
import type { ApprovalDto } from './approval-dto';
import { approvalsDtoOf } from './approval-dto';
import type { AmendmentEntryDto, PendingAmendmentDto } from './leave-amendment-dto';
import { amendmentsOf } from './leave-amendment-dto';
import type { DayCountHistoryDto } from './leave-recount-history';
import { dayCountHistoryOf } from './leave-recount-history';
import type { LeaveRequestRecord, LeaveStatus } from './leave-request.model';
import { findLeaveType, leaveTypeCodes } from './leave-types.service';

/** How a stored leave request is shown: the response shape's type and the event payload. */

export interface LeaveRequestDto {
  id: string;
  employeeId: string;
  leaveTypeId: string;
  leaveTypeCode: string | null;
  startDate: string;
  endDate: string;
  halfDayStart: boolean;
  halfDayEnd: boolean;
  days: number;
  daysByYear: Array<{ year: number; days: number }>;
  /** The count at submission, then one entry per recount, oldest first. */
  dayCountHistory: DayCountHistoryDto[];
  reason: string | null;
  status: LeaveStatus;
  requestedBy: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  /** The approval steps in order; none when the type needs no approval. */
  approvals: ApprovalDto[];
  /** The step being decided (1-based) while pending; null once decided. */
  currentStep: number | null;
  cancelledBy: string | null;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Edits and amendments so far; each changes the request only from the version it read. */
  version: number;
  amendments: AmendmentEntryDto[];
  pendingAmendment: PendingAmendmentDto | null;
}

export type StoredRequest = LeaveRequestRecord & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };

export function toDto(r: StoredRequest, typeCodes: Map<string, string>): LeaveRequestDto {
  const typeId = r.leaveTypeId.toHexString();
  return {
    id: r._id.toHexString(),
    employeeId: r.employeeId.toHexString(),
    leaveTypeId: typeId,
    leaveTypeCode: typeCodes.get(typeId) ?? null,
    startDate: r.startDate,
    endDate: r.endDate,
    halfDayStart: r.halfDayStart ?? false,
    halfDayEnd: r.halfDayEnd ?? false,
    days: r.days,
    daysByYear: r.daysByYear.map((y) => ({ year: y.year, days: y.days })),
    dayCountHistory: dayCountHistoryOf(r),
    reason: r.reason ?? null,
    status: r.status,
    requestedBy: r.requestedBy,
    decidedBy: r.decidedBy ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionComment: r.decisionComment ?? null,
    ...approvalsDtoOf(r),
    cancelledBy: r.cancelledBy ?? null,
    cancelledAt: r.cancelledAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    ...amendmentsOf(r),
  };
}

export async function toDtoWithCodes(r: StoredRequest): Promise<LeaveRequestDto> {
  return toDto(r, await leaveTypeCodes());
}

export async function leavePayload(r: StoredRequest, comment?: string): Promise<LeaveEventPayload> {
  const type = await findLeaveType(r.leaveTypeId.toHexString());
  return {
    requestId: r._id.toHexString(),
    employeeId: r.employeeId.toHexString(),
    leaveTypeName: type?.name ?? 'Leave',
    startDate: r.startDate,
    endDate: r.endDate,
    days: r.days,
    status: r.status,
    comment,
  };
}

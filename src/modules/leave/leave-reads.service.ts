import type { PipelineStage } from 'mongoose';
import { LedgerEntry } from './leave-ledger.model';
import { LeaveRequest } from './leave-request.model';

/**
 * Read access for modules that aggregate leave (reports): they pass their pipelines here instead of
 * importing the models, so this module stays the one owner of the ledger and the requests. What a
 * ledger sum means as a balance is `balanceFromLedgerSums` (ledger.service.ts), not restated elsewhere.
 */
export function aggregateLedgerEntries<T>(pipeline: PipelineStage[]): Promise<T[]> {
  return LedgerEntry.aggregate<T>(pipeline).exec();
}

export function aggregateLeaveRequests<T>(pipeline: PipelineStage[]): Promise<T[]> {
  return LeaveRequest.aggregate<T>(pipeline).exec();
}

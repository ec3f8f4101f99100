import type { PipelineStage } from 'mongoose';
import mongoose, { Types } from 'mongoose';
import { AttendanceDay } from './attendance-day.model';
import { refreshStaleDays } from './stale-days.service';

/**
 * Read access for modules that aggregate the daily records (reports, analytics): they pass their
 * pipelines here instead of importing the model, so this module stays the one owner of the
 * collection and its indexes.
 */
export async function aggregateAttendanceDays<T>(pipeline: PipelineStage[]): Promise<T[]> {
  // Read-repair: days marked stale by ingest are recomputed before any report reads them.
  await refreshStaleDays();
  return AttendanceDay.aggregate<T>(pipeline).exec();
}

/** Of these employees, the ids of those with a punch recorded on `date` (one query). */
export async function employeesWithPunchesOn(date: string, employeeIds: string[]): Promise<Set<string>> {
  await refreshStaleDays({ from: date, to: date });
  const records = await AttendanceDay.find(
    { date, employeeId: mongoose.trusted({ $in: employeeIds.map((id) => new Types.ObjectId(id)) }) },
    { employeeId: 1, punchCount: 1 },
  ).lean();
  return new Set(records.filter((r) => r.punchCount > 0).map((r) => r.employeeId.toHexString()));
}

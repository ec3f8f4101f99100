import type { Types } from 'mongoose';
import mongoose from 'mongoose';
import { inBatches } from '../../lib/batches';
import type { ScopeActor } from '../employees';
import { findEmployeesByIds, isInScope, resolveEmployeeScope, scopeFilter } from '../employees';
import type { AttendanceDayRecord } from './attendance-day.model';
import { AttendanceDay } from './attendance-day.model';
import type { AttendanceQuery } from './attendance-days.service';
import { toDayDto } from './attendance-days.service';
import { refreshStaleDays } from './stale-days.service';
import type { ATTENDANCE_CSV_COLUMNS } from './attendance-export.schemas';

/**
 * Every daily record a list would show (same scope, employee and range as GET /attendance), as CSV
 * rows read through a cursor. Names come from a small bounded cache filled once per batch, so a
 * million rows take as little memory as a thousand.
 */
export type AttendanceCsvRow = Record<(typeof ATTENDANCE_CSV_COLUMNS)[number], string | number | boolean>;

type StoredDay = AttendanceDayRecord & { _id: Types.ObjectId };

const BATCH = 1000;
const MAX_REMEMBERED_PEOPLE = 10_000;

type Label = { code: string; name: string };

async function labelsFor(batch: StoredDay[], known: Map<string, Label>): Promise<void> {
  const missing = [...new Set(batch.map((d) => d.employeeId.toHexString()))].filter((id) => !known.has(id));
  if (missing.length === 0) return;
  if (known.size + missing.length > MAX_REMEMBERED_PEOPLE) known.clear();
  for (const [id, e] of await findEmployeesByIds(missing))
    known.set(id, { code: e.employeeCode, name: e.fullName });
}

export async function* attendanceCsvRows(
  actor: ScopeActor,
  query: AttendanceQuery,
): AsyncGenerator<AttendanceCsvRow> {
  const scope = await resolveEmployeeScope(actor);
  if (query.employeeId && !isInScope(scope, query.employeeId)) return;
  await refreshStaleDays({
    from: query.from,
    to: query.to,
    employeeIds: query.employeeId ? [query.employeeId] : undefined,
  });
  const filter = {
    ...scopeFilter(scope, 'employeeId'),
    ...(query.employeeId ? { employeeId: new mongoose.Types.ObjectId(query.employeeId) } : {}),
    date: mongoose.trusted({ $gte: query.from, $lte: query.to }),
  };
  const known = new Map<string, Label>();
  const cursor = AttendanceDay.find(filter)
    .sort({ date: -1, employeeId: 1 })
    .lean<StoredDay[]>()
    .cursor({ batchSize: BATCH });
  for await (const batch of inBatches<StoredDay>(cursor, BATCH)) {
    await labelsFor(batch, known);
    for (const stored of batch) {
      const day = toDayDto(stored);
      const label = known.get(day.employeeId);
      yield {
        ...day,
        employeeCode: label?.code ?? '',
        employeeName: label?.name ?? '',
        firstIn: day.firstIn ?? '',
        lastOut: day.lastOut ?? '',
      };
    }
  }
}

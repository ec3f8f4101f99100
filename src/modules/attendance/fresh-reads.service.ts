import type { PageRequest } from '../../lib/pagination';
import type { ScopeActor } from '../employees';
import type { AttendanceQuery } from './attendance-days.service';
import { exportAttendanceData, listAttendance } from './attendance-days.service';
import type { ExceptionListQuery } from './attendance-exceptions.schemas';
import { listExceptions } from './attendance-exceptions.service';
import { refreshStaleDays } from './stale-days.service';

/**
 * Reads of days and exceptions as the API serves them: the days in range that ingest marked stale
 * are recomputed first (read-repair), so no client reads a day behind its punches. One extra command
 * when nothing is stale.
 */

export async function listFreshAttendance(actor: ScopeActor, query: AttendanceQuery, page: PageRequest) {
  await refreshStaleDays({
    from: query.from,
    to: query.to,
    employeeIds: query.employeeId ? [query.employeeId] : undefined,
  });
  return listAttendance(actor, query, page);
}

export async function listFreshExceptions(actor: ScopeActor, query: ExceptionListQuery, page: PageRequest) {
  await refreshStaleDays({
    from: query.from,
    to: query.to,
    employeeIds: query.employeeId ? [query.employeeId] : undefined,
  });
  return listExceptions(actor, query, page);
}

export async function exportFreshAttendanceData(employeeId: string) {
  await refreshStaleDays({ employeeIds: [employeeId] });
  return exportAttendanceData(employeeId);
}

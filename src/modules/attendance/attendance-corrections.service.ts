import { Types } from 'mongoose';
import { todayIn } from '../../lib/dates';
import type { FieldError } from '../../lib/errors';
import { BusinessRuleError, ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors';
import type { Page, PageRequest } from '../../lib/pagination';
import { skipFor } from '../../lib/pagination';
import { recordAudit } from '../audit';
import type { UserContact } from '../auth';
import { findAdminContacts, findContactOfEmployee } from '../auth';
import type { Actor, EmployeeDto } from '../employees';
import { findEmployeeProfile, isInScope, resolveEmployeeScope, scopeFilter } from '../employees';
import { notify } from '../notifications';
import { findDay } from './attendance-days.service';
import type { AttendanceCorrectionRecord } from './attendance-correction.model';
import { AttendanceCorrection } from './attendance-correction.model';
import { findVisibleException, markResolved } from './attendance-exceptions.service';
import type {
  AttendanceCorrectionDto,
  AttendanceExceptionDto,
  CorrectionCreateInput,
  CorrectionListQuery,
  ExceptionResolveInput,
} from './attendance-exceptions.schemas';
import { assertManualDatesOpen, manualInstants, writeManualPunches } from './punches.service';

type StoredCorrection = AttendanceCorrectionRecord & { _id: Types.ObjectId; createdAt: Date };

/** On routes declared with shapes a schema-valid request refused by a rule is 422, naming the field. */
const refuse = (errors: FieldError[]) =>
  new BusinessRuleError(errors.map((e) => `${e.field} ${e.message}`).join('; '), { errors });

function toDto(c: StoredCorrection): AttendanceCorrectionDto {
  return {
    id: c._id.toHexString(),
    employeeId: c.employeeId.toHexString(),
    date: c.date,
    checkIn: c.checkIn?.toISOString() ?? null,
    checkOut: c.checkOut?.toISOString() ?? null,
    reason: c.reason,
    status: c.status,
    requestedBy: c.requestedBy,
    decidedBy: c.decidedBy ?? null,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    comment: c.comment ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}

async function approversOf(employee: EmployeeDto): Promise<UserContact[]> {
  const manager = employee.managerId ? await findContactOfEmployee(employee.managerId) : undefined;
  return manager ? [manager] : findAdminContacts();
}

/**
 * Writes the punches of a correction or a resolution (already recorded ones are skipped, so
 * applying it twice adds nothing), and audits the day before and after.
 */
async function applyPunches(
  employee: EmployeeDto,
  date: string,
  facts: ReturnType<typeof manualInstants>,
  reason: string,
  actor: Actor,
  audit: { action: string; entityId: string },
): Promise<void> {
  const before = await findDay(employee.id, date);
  const { punches, dates } = await writeManualPunches(employee, facts, reason, actor.id, 'ignore');
  const after = await findDay(employee.id, dates[0] ?? date);
  await recordAudit({
    action: audit.action,
    entityType: 'AttendanceDay',
    entityId: `${employee.id}:${after?.date ?? date}`,
    before: before ?? null,
    after: after ?? null,
    metadata: { reason, source: audit.entityId, punches: punches.map((p) => ({ id: p.id, at: p.at })) },
  });
}

/** An employee asks for their own day to be corrected; their manager (or an admin) decides. */
export async function requestCorrection(
  actor: Actor,
  input: CorrectionCreateInput,
): Promise<AttendanceCorrectionDto> {
  const employee = actor.employeeId ? await findEmployeeProfile(actor.employeeId) : undefined;
  if (!employee) throw new BusinessRuleError('Your login has no employee record to correct');
  if (input.date > todayIn(employee.timezone))
    throw refuse([{ field: 'date', message: 'must not be in the future' }]);
  const facts = manualInstants(employee, input.date, input, refuse);
  await assertManualDatesOpen(employee, input.date, facts);
  const created = await AttendanceCorrection.create({
    employeeId: new Types.ObjectId(employee.id),
    date: input.date,
    checkIn: facts.find((f) => f.direction === 'in')?.at,
    checkOut: facts.find((f) => f.direction === 'out')?.at,
    reason: input.reason,
    requestedBy: actor.id,
  });
  const dto = toDto(created.toObject<StoredCorrection>());
  await recordAudit({
    action: 'attendance.correction_requested',
    entityType: 'AttendanceCorrection',
    entityId: dto.id,
    after: dto,
  });
  await notify(
    `attendance.correction_requested:${dto.id}`,
    'attendance.correction_requested',
    await approversOf(employee),
    {
      title: `${employee.fullName} asks to correct ${dto.date}`,
      text: `${employee.fullName} asked to correct their attendance on ${dto.date}: ${dto.reason}. Please approve or reject it.`,
    },
    { correctionId: dto.id, employeeId: employee.id, date: dto.date },
  );
  return dto;
}

/** Own corrections; managers also their team's; admins all. */
export async function listCorrections(
  actor: Actor,
  query: CorrectionListQuery,
  page: PageRequest,
): Promise<Page<AttendanceCorrectionDto>> {
  const scope = await resolveEmployeeScope(actor);
  if (query.employeeId && !isInScope(scope, query.employeeId)) return { data: [], total: 0, ...page };
  const filter = {
    ...scopeFilter(scope, 'employeeId'),
    ...(query.employeeId ? { employeeId: new Types.ObjectId(query.employeeId) } : {}),
    ...(query.status ? { status: query.status } : {}),
  };
  const [rows, total] = await Promise.all([
    AttendanceCorrection.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .skip(skipFor(page))
      .limit(page.limit)
      .lean<StoredCorrection[]>(),
    AttendanceCorrection.countDocuments(filter),
  ]);
  return { data: rows.map(toDto), total, ...page };
}

/**
 * Approve or reject, once: the decision is a conditional update on a pending correction, so two
 * deciders racing get one 200 and one 409. An approval writes the punches and recomputes the day.
 */
export async function decideCorrection(
  actor: Actor,
  id: string,
  decision: 'approved' | 'rejected',
  comment?: string,
): Promise<AttendanceCorrectionDto> {
  const found = await AttendanceCorrection.findById(id).lean<StoredCorrection>();
  const scope = await resolveEmployeeScope(actor);
  if (!found || !isInScope(scope, found.employeeId)) throw new NotFoundError('Correction not found');
  if (found.employeeId.toHexString() === actor.employeeId)
    throw new ForbiddenError('Your own correction is decided by your manager or an admin');
  if (decision === 'approved') {
    // An approval writes punches: refused, with the correction left pending, while its day is closed.
    const employee = await findEmployeeProfile(found.employeeId.toHexString());
    const facts = [found.checkIn, found.checkOut].flatMap((at) => (at ? [{ at }] : []));
    if (employee) await assertManualDatesOpen(employee, found.date, facts);
  }
  const decided = await AttendanceCorrection.findOneAndUpdate(
    { _id: found._id, status: 'pending' },
    {
      $set: { status: decision, decidedBy: actor.id, decidedAt: new Date(), ...(comment ? { comment } : {}) },
    },
    { returnDocument: 'after' },
  ).lean<StoredCorrection>();
  if (!decided) throw new ConflictError(`This correction is already ${found.status}`);
  const dto = toDto(decided);
  const employee = await findEmployeeProfile(dto.employeeId);
  if (employee && decision === 'approved') {
    const facts = [
      ...(decided.checkIn ? [{ at: decided.checkIn, direction: 'in' as const }] : []),
      ...(decided.checkOut ? [{ at: decided.checkOut, direction: 'out' as const }] : []),
    ];
    await applyPunches(employee, dto.date, facts, `Correction: ${dto.reason}`, actor, {
      action: 'attendance.correction_applied',
      entityId: dto.id,
    });
  }
  await recordAudit({
    action: `attendance.correction_${decision}`,
    entityType: 'AttendanceCorrection',
    entityId: dto.id,
    before: toDto(found),
    after: dto,
  });
  const owner = employee ? await findContactOfEmployee(employee.id) : undefined;
  const remark = comment ? `\n\nComment: ${comment}` : '';
  await notify(
    `attendance.correction_decided:${dto.id}`,
    `attendance.correction_${decision}`,
    owner ? [owner] : [],
    {
      title: `Your attendance correction for ${dto.date} was ${decision}`,
      text: `Your request to correct ${dto.date} (${dto.reason}) was ${decision}.${remark}`,
    },
    { correctionId: dto.id, date: dto.date, status: decision },
  );
  return dto;
}

/**
 * A manager (their team's) or an admin resolves an exception once, with a reason; with a check-in
 * or check-out it is a correction: the punches are written and the day recomputed.
 */
export async function resolveException(
  actor: Actor,
  id: string,
  input: ExceptionResolveInput,
): Promise<AttendanceExceptionDto> {
  const exception = await findVisibleException(actor, id);
  if (exception.employeeId && exception.employeeId === actor.employeeId)
    throw new ForbiddenError('Exceptions about your own attendance are resolved by your manager or an admin');
  const correcting = Boolean(input.checkIn ?? input.checkOut);
  const employee = exception.employeeId ? await findEmployeeProfile(exception.employeeId) : undefined;
  if (correcting && !employee)
    throw refuse([{ field: 'checkIn', message: 'this exception names no employee to correct' }]);
  const facts = correcting && employee ? manualInstants(employee, exception.date, input, refuse) : [];
  // A resolution changes what payroll saw for that day: refused while the day is in a closed period.
  // An exception naming nobody (a refused device push) touches no one's attendance.
  if (employee) await assertManualDatesOpen(employee, exception.date, facts);
  const resolved = await markResolved(exception.id, actor.id, input.reason);
  if (employee && facts.length > 0)
    await applyPunches(employee, exception.date, facts, `Resolution: ${input.reason}`, actor, {
      action: 'attendance.exception_corrected',
      entityId: exception.id,
    });
  await recordAudit({
    action: 'attendance.exception_resolved',
    entityType: 'AttendanceException',
    entityId: exception.id,
    before: exception,
    after: resolved,
  });
  return resolved;
}

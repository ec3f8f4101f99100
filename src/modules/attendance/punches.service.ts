import { DateTime } from 'luxon';
import { duplicateIndexes, isDuplicateKeyError } from '../../db/duplicate-key';
import mongoose, { Types } from 'mongoose';
import { withLock } from '../../db/locks';
import { BusinessRuleError, ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors';
import type { FieldError } from '../../lib/errors';
import { now } from '../../lib/clock';
import { recordAudit } from '../audit';
import type { Actor, EmployeeDto } from '../employees';
import { findEmployeeProfile, isInScope, resolveEmployeeScope } from '../employees';
import { assertDatesOpen } from '../periods';
import type { AttendanceDayDto } from './attendance-days.service';
import { findDay, recomputeDay } from './attendance-days.service';
import { businessDateOf } from './day-rules';
import { placePunches, sessionLimits } from './punch-placement.service';
import { parseDeviceTime } from './device-time';
import type { PunchDirection, PunchRecord, PunchSource } from './punch.model';
import { Punch } from './punch.model';

export interface PunchDto {
  id: string;
  employeeId: string;
  at: string;
  direction: PunchDirection;
  source: PunchSource;
  businessDate: string;
  note: string | null;
  reason: string | null;
  deviceId: string | null;
  recordedBy: string;
  pairing: 'in' | 'out' | null;
  ignored: string | null;
}

type StoredPunch = PunchRecord & { _id: Types.ObjectId };

export function toPunchDto(p: StoredPunch): PunchDto {
  return {
    id: p._id.toHexString(),
    employeeId: p.employeeId.toHexString(),
    at: p.at.toISOString(),
    direction: p.direction,
    source: p.source,
    businessDate: p.businessDate,
    note: p.note ?? null,
    reason: p.reason ?? null,
    deviceId: p.deviceId?.toHexString() ?? null,
    recordedBy: p.recordedBy,
    pairing: p.pairing ?? null,
    ignored: p.ignored ?? null,
  };
}

async function ownEmployee(actor: Actor): Promise<EmployeeDto> {
  const employee = actor.employeeId ? await findEmployeeProfile(actor.employeeId) : undefined;
  if (!employee) throw new BusinessRuleError('Your login has no employee record to record attendance for');
  if (employee.status !== 'active') throw new BusinessRuleError('The employee is not active');
  return employee;
}

/** The open check-in, if the last counted punch is one and it is not older than the session limit. */
async function openCheckIn(employeeId: string, at: Date): Promise<StoredPunch | undefined> {
  const last = await Punch.findOne({
    employeeId: new Types.ObjectId(employeeId),
    direction: mongoose.trusted({ $in: ['in', 'out', 'unknown'] }),
    ignored: mongoose.trusted({ $exists: false }),
  })
    .sort({ at: -1, _id: -1 })
    .lean<StoredPunch>();
  const fresh = last && at.getTime() - last.at.getTime() <= sessionLimits().maxSessionMs;
  return last && (last.pairing ?? last.direction) === 'in' && fresh ? last : undefined;
}

async function reread(id: Types.ObjectId): Promise<PunchDto> {
  const stored = await Punch.findById(id).lean<StoredPunch>();
  if (!stored) throw new Error(`Punch ${id.toHexString()} was not stored`);
  return toPunchDto(stored);
}

/** Self-service check-in or check-out from the web or mobile app, at the server's time. */
export async function punchSelf(actor: Actor, direction: 'in' | 'out', note?: string): Promise<PunchDto> {
  const employee = await ownEmployee(actor);
  return withLock(`punch:${employee.id}`, async () => {
    const at = now();
    const open = await openCheckIn(employee.id, at);
    if (direction === 'in' && open)
      throw new ConflictError(`Already checked in at ${open.at.toISOString()}; check out first`);
    if (direction === 'out' && !open) throw new ConflictError('There is no open check-in to check out from');
    // Provisional: placement pairs the check-out with the check-in it closes (its day).
    const businessDate = open?.businessDate ?? businessDateOf(at, employee.timezone, employee.schedule);
    await assertDatesOpen([businessDate]);
    const created = await Punch.create({
      employeeId: employee.id,
      at,
      direction,
      source: 'web',
      businessDate,
      recordedBy: actor.id,
      ...(note ? { note } : {}),
    });
    await placePunches([{ employee, from: at, to: at, newPunchIds: [created._id.toHexString()] }]);
    const punch = await reread(created._id);
    await recordAudit({
      action: `attendance.check_${direction}`,
      entityType: 'Punch',
      entityId: punch.id,
      after: punch,
    });
    return punch;
  });
}

export interface ManualEntryInput {
  employeeId: string;
  date: string;
  checkIn?: string;
  checkOut?: string;
  reason: string;
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * `HH:mm` is a local time on the day (a check-out not after the check-in is the next morning);
 * otherwise an ISO date-time, in the employee's zone when it carries no offset.
 */
function resolveInstant(value: string, date: string, zone: string, after?: Date): Date {
  if (!TIME_OF_DAY.test(value)) {
    const instant = parseDeviceTime(value, zone);
    if (!instant)
      throw new BusinessRuleError('Not a valid date-time', {
        errors: [{ field: after ? 'checkOut' : 'checkIn', message: 'is not a valid date-time' }],
      });
    return instant;
  }
  const local = DateTime.fromISO(`${date}T${value}`, { zone });
  const instant = after && local.toJSDate() <= after ? local.plus({ days: 1 }) : local;
  return instant.toJSDate();
}

export interface ManualFacts {
  checkIn?: string | undefined;
  checkOut?: string | undefined;
}

/** The instants of a manual check-in/out on `date`, checked: one at least, in order, one session at most. */
export function manualInstants(
  employee: EmployeeDto,
  date: string,
  facts: ManualFacts,
  /** Schema-valid input a rule refuses: 422 naming the field (docs/contract.md). */
  refuse: (errors: FieldError[]) => Error = (errors) =>
    new BusinessRuleError(`Invalid value for ${errors.map((e) => e.field).join(', ')}`, { errors }),
): Array<{ at: Date; direction: 'in' | 'out' }> {
  if (!facts.checkIn && !facts.checkOut) {
    throw refuse([{ field: 'checkIn', message: 'checkIn or checkOut is required' }]);
  }
  const checkIn = facts.checkIn ? resolveInstant(facts.checkIn, date, employee.timezone) : undefined;
  const checkOut = facts.checkOut
    ? resolveInstant(facts.checkOut, date, employee.timezone, checkIn)
    : undefined;
  if (checkIn && checkOut && checkOut <= checkIn)
    throw refuse([{ field: 'checkOut', message: 'must be after checkIn' }]);
  const { maxSessionMs } = sessionLimits();
  if (checkIn && checkOut && checkOut.getTime() - checkIn.getTime() > maxSessionMs)
    throw new BusinessRuleError(`A session lasts at most ${maxSessionMs / 3600_000} hours`, {
      errors: [
        { field: 'checkOut', message: `must be at most ${maxSessionMs / 3600_000} hours after checkIn` },
      ],
    });
  return [
    ...(checkIn ? [{ at: checkIn, direction: 'in' as const }] : []),
    ...(checkOut ? [{ at: checkOut, direction: 'out' as const }] : []),
  ];
}

/**
 * Refuses (409 period-closed) manual facts for `date` when that date, or the day any of the punches
 * counts on, is in a closed payroll period. Call it before anything about the change is written.
 */
export async function assertManualDatesOpen(
  employee: EmployeeDto,
  date: string,
  facts: ReadonlyArray<{ at: Date }>,
): Promise<void> {
  const days = facts.map((f) => businessDateOf(f.at, employee.timezone, employee.schedule));
  await assertDatesOpen([...new Set([date, ...days])]);
}

/**
 * Stores manual punches and places them with the one rule; `conflict` refuses facts already
 * recorded (409), `ignore` skips them (an approved correction applied twice adds nothing).
 */
export async function writeManualPunches(
  employee: EmployeeDto,
  facts: Array<{ at: Date; direction: 'in' | 'out' }>,
  reason: string,
  recordedBy: string,
  onDuplicate: 'conflict' | 'ignore',
): Promise<{ punches: PunchDto[]; dates: string[] }> {
  const docs = facts.map((f) => ({
    _id: new Types.ObjectId(),
    employeeId: new Types.ObjectId(employee.id),
    at: f.at,
    direction: f.direction,
    source: 'manual' as const,
    businessDate: businessDateOf(f.at, employee.timezone, employee.schedule),
    reason,
    recordedBy,
    timeKey: `manual:${employee.id}:${f.at.toISOString()}:${f.direction}`,
  }));
  let inserted = docs.map((d) => d._id.toHexString());
  try {
    await Punch.insertMany(docs, { ordered: false });
  } catch (err) {
    if (!isDuplicateKeyError(err) || onDuplicate === 'conflict')
      throw isDuplicateKeyError(err)
        ? new ConflictError('This check-in or check-out is already recorded')
        : err;
    const failed = duplicateIndexes(err);
    inserted = inserted.filter((_, i) => !failed.has(i));
  }
  const times = facts.map((f) => f.at.getTime());
  await placePunches([
    {
      employee,
      from: new Date(Math.min(...times)),
      to: new Date(Math.max(...times)),
      newPunchIds: inserted,
    },
  ]);
  const stored = await Punch.find({
    _id: mongoose.trusted({ $in: docs.map((d) => d._id) }),
  }).lean<StoredPunch[]>();
  const punches = stored.sort((a, b) => a.at.getTime() - b.at.getTime()).map(toPunchDto);
  return { punches, dates: [...new Set(punches.map((p) => p.businessDate))] };
}

/**
 * A correction by the employee's manager (direct or higher) or an admin: new punches with the
 * reason and who recorded them, on the working day the one rule gives them. Nobody corrects their
 * own attendance.
 */
export async function addManualEntry(
  actor: Actor,
  input: ManualEntryInput,
): Promise<{ day: AttendanceDayDto; punches: PunchDto[] }> {
  const employee = await findEmployeeProfile(input.employeeId);
  if (!employee || !isInScope(await resolveEmployeeScope(actor), employee.id))
    throw new NotFoundError('Employee not found');
  if (employee.id === actor.employeeId)
    throw new ForbiddenError('Your own attendance is corrected by your manager or an admin');
  const facts = manualInstants(employee, input.date, input);
  await assertManualDatesOpen(employee, input.date, facts);
  const before = await findDay(employee.id, input.date);
  const { punches, dates } = await writeManualPunches(employee, facts, input.reason, actor.id, 'conflict');
  const date = dates[0] ?? input.date;
  const day = (await findDay(employee.id, date)) ?? (await recomputeDay(employee, date));
  await recordAudit({
    action: 'attendance.manual_entry',
    entityType: 'AttendanceDay',
    entityId: `${employee.id}:${date}`,
    before: date === input.date ? (before ?? null) : null,
    after: day,
    metadata: {
      reason: input.reason,
      punches: punches.map((p) => ({ id: p.id, at: p.at, direction: p.direction })),
    },
  });
  return { day, punches };
}

/** On anonymisation: notes typed at check-in/out are free text about a person. */
export async function scrubPunchNotes(employeeId: string): Promise<void> {
  await Punch.updateMany({ employeeId: new Types.ObjectId(employeeId) }, { $unset: { note: 1 } });
}

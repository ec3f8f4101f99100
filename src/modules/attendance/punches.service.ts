import { DateTime } from 'luxon';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import mongoose, { Types } from 'mongoose';
import { withLock } from '../../db/locks';
import { BusinessRuleError, ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors';
import { now } from '../../lib/clock';
import { recordAudit } from '../audit';
import type { Actor, EmployeeDto } from '../employees';
import { findEmployeeProfile, isInScope, resolveEmployeeScope } from '../employees';
import type { AttendanceDayDto } from './attendance-days.service';
import { findDay, recomputeDay } from './attendance-days.service';
import { businessDateOf } from './day-rules';
import { parseDeviceTime } from './ingest.service';
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
}

type StoredPunch = PunchRecord & { _id: Types.ObjectId };

/** A check-in older than this is not "open" any more: a forgotten check-out must not block tomorrow. */
const OPEN_CHECK_IN_HOURS = 20;

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
  };
}

async function ownEmployee(actor: Actor): Promise<EmployeeDto> {
  const employee = actor.employeeId ? await findEmployeeProfile(actor.employeeId) : undefined;
  if (!employee) throw new BusinessRuleError('Your login has no employee record to record attendance for');
  if (employee.status !== 'active') throw new BusinessRuleError('The employee is not active');
  return employee;
}

async function openCheckIn(employeeId: string, at: Date): Promise<StoredPunch | undefined> {
  const last = await Punch.findOne({
    employeeId: new Types.ObjectId(employeeId),
    direction: mongoose.trusted({ $in: ['in', 'out'] }),
  })
    .sort({ at: -1 })
    .lean<StoredPunch>();
  const fresh = last && at.getTime() - last.at.getTime() < OPEN_CHECK_IN_HOURS * 3600_000;
  return last && last.direction === 'in' && fresh ? last : undefined;
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
    // A check-out closes the shift it opened, so a night shift's morning check-out stays on its start day.
    const businessDate = open?.businessDate ?? businessDateOf(at, employee.timezone, employee.schedule);
    const created = await Punch.create({
      employeeId: employee.id,
      at,
      direction,
      source: 'web',
      businessDate,
      recordedBy: actor.id,
      ...(note ? { note } : {}),
    });
    const punch = toPunchDto(created.toObject<StoredPunch>());
    await recomputeDay(employee, businessDate);
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

/** A well-formed entry a rule refuses: 422 naming the field. */
function ruleError(field: string, message: string): BusinessRuleError {
  return new BusinessRuleError(`${field} ${message}`, { errors: [{ field, message }] });
}

/**
 * `HH:mm` is a local time on the day (a check-out not after the check-in is the next morning);
 * otherwise an ISO date-time, in the employee's zone when it carries no offset.
 */
function resolveInstant(value: string, date: string, zone: string, after?: Date): Date {
  if (!TIME_OF_DAY.test(value)) {
    const instant = parseDeviceTime(value, zone);
    if (!instant) throw ruleError(after ? 'checkOut' : 'checkIn', 'is not a valid date-time');
    return instant;
  }
  const local = DateTime.fromISO(`${date}T${value}`, { zone });
  const instant = after && local.toJSDate() <= after ? local.plus({ days: 1 }) : local;
  return instant.toJSDate();
}

/**
 * A correction by the employee's manager (direct or higher) or an admin: new punches with the
 * reason and who recorded them. Nobody corrects their own attendance.
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
  if (!input.checkIn && !input.checkOut) {
    throw ruleError('checkIn', 'checkIn or checkOut is required');
  }
  const checkIn = input.checkIn ? resolveInstant(input.checkIn, input.date, employee.timezone) : undefined;
  const checkOut = input.checkOut
    ? resolveInstant(input.checkOut, input.date, employee.timezone, checkIn)
    : undefined;
  if (checkIn && checkOut && checkOut <= checkIn) throw ruleError('checkOut', 'must be after checkIn');

  const before = await findDay(employee.id, input.date);
  const facts = [
    ...(checkIn ? [{ at: checkIn, direction: 'in' as const }] : []),
    ...(checkOut ? [{ at: checkOut, direction: 'out' as const }] : []),
  ];
  const docs = facts.map((f) => ({
    employeeId: new Types.ObjectId(employee.id),
    at: f.at,
    direction: f.direction,
    source: 'manual' as const,
    businessDate: input.date,
    reason: input.reason,
    recordedBy: actor.id,
    timeKey: `manual:${employee.id}:${f.at.toISOString()}:${f.direction}`,
  }));
  const created = await Punch.insertMany(docs, { ordered: true }).catch((err: unknown) => {
    if (isDuplicateKeyError(err)) throw new ConflictError('This check-in or check-out is already recorded');
    throw err;
  });
  const punches = created.map((p) => toPunchDto(p.toObject<StoredPunch>()));
  const day = await recomputeDay(employee, input.date);
  await recordAudit({
    action: 'attendance.manual_entry',
    entityType: 'AttendanceDay',
    entityId: `${employee.id}:${input.date}`,
    before: before ?? null,
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

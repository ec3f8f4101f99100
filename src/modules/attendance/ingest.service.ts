import { insertWithCommand } from '../../db/insert-command';
import { Types } from 'mongoose';
import { getConfig } from '../../config';
import { now } from '../../lib/clock';
import { recordAudit } from '../audit';
import type { PuncherDto } from '../employees';
import { findPunchersByCodes } from '../employees';
import { closedDatesAmong } from '../periods';
import { raiseExceptions } from './attendance-exceptions.service';
import { businessDateOf, localDateOf } from './day-rules';
import { addDays } from '../../lib/dates';
import type { AuthenticatedDevice } from './devices.service';
import { markDeviceSeen } from './devices.service';
import type { PunchDirection } from './punch.model';
import { Punch } from './punch.model';
import { markBatchStale } from './stale-days.service';
import { parseDeviceTime } from './device-time';

/** An event as a device reported it, before validation. */
export interface RawDeviceEvent {
  eventId?: unknown;
  employeeCode?: unknown;
  timestamp?: unknown;
  direction?: unknown;
}

export interface Rejection {
  index: number;
  reason: string;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
}

interface ValidEvent {
  index: number;
  employee: PuncherDto;
  code: string;
  at: Date;
  /** Computed once per event: time-zone arithmetic was a top cost in the ingest profile. */
  businessDate: string;
  direction: PunchDirection;
  eventId?: string;
  /** Chosen here so exceptions can name the punch without reading it back. */
  id: Types.ObjectId;
}

const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

function timeProblem(at: Date): string | undefined {
  const current = now().getTime();
  if (at.getTime() > current + FUTURE_TOLERANCE_MS) return 'timestamp is more than 5 minutes in the future';
  const maxAgeDays = getConfig().INGEST_MAX_AGE_DAYS;
  if (at.getTime() < current - maxAgeDays * 86_400_000) return `timestamp is older than ${maxAgeDays} days`;
  return undefined;
}

function validate(
  raw: unknown,
  index: number,
  employees: Map<string, PuncherDto>,
  zone: string,
): ValidEvent | Rejection {
  if (typeof raw !== 'object' || raw === null) return { index, reason: 'event must be an object' };
  const e = raw as RawDeviceEvent;
  if (typeof e.employeeCode !== 'string' || e.employeeCode.trim() === '')
    return { index, reason: 'employeeCode is required' };
  const employee = employees.get(e.employeeCode.trim());
  if (!employee) return { index, reason: 'unknown employeeCode' };
  if (employee.status !== 'active') return { index, reason: 'employee is not active' };
  if (typeof e.timestamp !== 'string') return { index, reason: 'timestamp is required' };
  const at = parseDeviceTime(e.timestamp, zone);
  if (!at) return { index, reason: 'timestamp is not an ISO 8601 date-time' };
  const problem = timeProblem(at);
  if (problem) return { index, reason: problem };
  if (e.direction !== undefined && e.direction !== 'in' && e.direction !== 'out')
    return { index, reason: 'direction must be in or out' };
  if (
    e.eventId !== undefined &&
    (typeof e.eventId !== 'string' || e.eventId.length === 0 || e.eventId.length > 100)
  ) {
    return { index, reason: 'eventId must be a string of 1 to 100 characters' };
  }
  return {
    index,
    employee,
    code: e.employeeCode.trim(),
    at,
    businessDate: businessDateOf(at, employee.timezone, employee.schedule),
    direction: (e.direction as PunchDirection | undefined) ?? 'unknown',
    id: new Types.ObjectId(),
    ...(typeof e.eventId === 'string' ? { eventId: e.eventId } : {}),
  };
}

/**
 * Stores valid events, one punch each; duplicates (same device and event id, or same device,
 * employee code and instant) hit a unique index and are counted, never stored twice, even when
 * the same batch arrives twice at the same moment. Returns the indexes that were stored.
 */
async function storePunches(
  device: AuthenticatedDevice,
  events: ValidEvent[],
  source: 'device' | 'iclock',
): Promise<ValidEvent[]> {
  if (events.length === 0) return [];
  const receivedAt = new Date();
  const deviceId = new Types.ObjectId(device.id);
  const recordedBy = `device:${device.id}`;
  // One ObjectId per employee, not per event: a batch holds each person's punches several times.
  const employeeIds = new Map<string, Types.ObjectId>();
  const employeeIdOf = (id: string) => {
    let objectId = employeeIds.get(id);
    if (!objectId) employeeIds.set(id, (objectId = new Types.ObjectId(id)));
    return objectId;
  };
  const docs = events.map((e) => ({
    _id: e.id,
    employeeId: employeeIdOf(e.employee.id),
    at: e.at,
    direction: e.direction,
    source,
    businessDate: e.businessDate,
    deviceId,
    recordedBy,
    timeKey: `${device.id}:${e.code}:${e.at.toISOString()}`,
    ...(e.eventId ? { eventId: e.eventId, eventKey: `${device.id}:evt:${e.eventId}` } : {}),
    createdAt: receivedAt, // a command sent straight skips the schema's timestamps
  }));
  const duplicates = new Set(await insertWithCommand(Punch.collection, docs));
  return duplicates.size === 0 ? events : events.filter((_, i) => !duplicates.has(i));
}

/**
 * Marks the employee-days the stored punches land on as stale, in one document: the batch is
 * answered without reading back any punch, leave or holiday; the stale-days worker (or the first read
 * of such a day) pairs the punches and recomputes the days.
 */
async function markStored(stored: ValidEvent[]): Promise<void> {
  await markBatchStale(stored.map((e) => ({ employeeId: e.employee.id, date: e.businessDate })));
}

/** Events stamped long before they arrived: the device clock may be wrong (or it was offline). */
async function raiseClockSkew(stored: ValidEvent[], device: AuthenticatedDevice): Promise<void> {
  const limitMs = getConfig().DEVICE_CLOCK_SKEW_MINUTES * 60_000;
  const received = now().getTime();
  await raiseExceptions(
    stored
      .filter((e) => received - e.at.getTime() > limitMs)
      .map((e) => ({
        kind: 'clock_skew' as const,
        employeeId: e.employee.id,
        date: e.businessDate,
        punchId: e.id.toHexString(),
        deviceId: device.id,
        detail: `device event stamped ${e.at.toISOString()} arrived ${Math.round((received - e.at.getTime()) / 60_000)} minutes later`,
      })),
  );
}

const WRITTEN_DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * The dates a batch's events can land on, known before its employees are: an event's business date
 * is at most a day from its local date, which is at most a day from the date written in its
 * timestamp. Only within the accepted age, so a batch of absurd timestamps asks about no more.
 */
function candidateDates(raw: unknown[]): string[] {
  const today = localDateOf(now(), 'UTC');
  const earliest = addDays(today, -(getConfig().INGEST_MAX_AGE_DAYS + 3));
  const latest = addDays(today, 3);
  const written = new Set<string>();
  for (const event of raw) {
    const timestamp = (event as RawDeviceEvent | null)?.timestamp;
    if (typeof timestamp !== 'string' || !WRITTEN_DATE.test(timestamp)) continue;
    const date = timestamp.slice(0, 10);
    if (date >= earliest && date <= latest) written.add(date);
  }
  // A batch's events are written on a few dates: each is widened once, not once per event.
  const dates = new Set<string>();
  for (const date of written) for (const offset of [-2, -1, 0, 1, 2]) dates.add(addDays(date, offset));
  return [...dates];
}

/** The closed dates among `dates`, asking again only about any the candidates did not cover. */
async function closedAmong(
  dates: string[],
  candidates: Set<string>,
  closedCandidates: Set<string>,
): Promise<Set<string>> {
  const uncovered = dates.filter((d) => !candidates.has(d));
  const closed = new Set(dates.filter((d) => closedCandidates.has(d)));
  if (uncovered.length > 0) for (const d of await closedDatesAmong(uncovered)) closed.add(d);
  return closed;
}

/** The shared path of JSON and ZKTeco ingest: validate each event on its own, store, mark the days stale, audit once. */
export async function ingestDeviceEvents(
  device: AuthenticatedDevice,
  raw: unknown[],
  source: 'device' | 'iclock',
): Promise<IngestResult> {
  const codes = raw.flatMap((e) => {
    const code = (e as RawDeviceEvent | null)?.employeeCode;
    return typeof code === 'string' ? [code.trim()] : [];
  });
  // The closed-period check of the dates the events can land on runs alongside the employee read.
  const candidates = candidateDates(raw);
  const [employees, closedCandidates] = await Promise.all([
    findPunchersByCodes([...new Set(codes)]),
    closedDatesAmong(candidates),
  ]);
  const valid: ValidEvent[] = [];
  const rejected: Rejection[] = [];
  const checked: ValidEvent[] = [];
  raw.forEach((event, index) => {
    const outcome = validate(event, index, employees, device.timezone);
    if ('reason' in outcome) rejected.push(outcome);
    else checked.push(outcome);
  });
  // A punch for a day inside a closed payroll period is refused on its own; the others go on.
  const closed = await closedAmong(
    [...new Set(checked.map((e) => e.businessDate))],
    new Set(candidates),
    closedCandidates,
  );
  for (const e of checked) {
    if (closed.has(e.businessDate)) rejected.push({ index: e.index, reason: 'period closed' });
    else valid.push(e);
  }
  rejected.sort((a, b) => a.index - b.index);
  const stored = await storePunches(device, valid, source);
  const result = { accepted: stored.length, duplicates: valid.length - stored.length, rejected };
  // Independent writes, sent together: each is a round trip the batch would otherwise wait for in turn.
  await Promise.all([
    markStored(stored),
    raiseClockSkew(stored, device),
    markDeviceSeen(device.id),
    recordAudit({
      action: 'attendance.ingest',
      entityType: 'Device',
      entityId: device.id,
      actor: { kind: 'device', id: device.id },
      metadata: {
        source,
        received: raw.length,
        accepted: result.accepted,
        duplicates: result.duplicates,
        rejected: rejected.length,
      },
    }),
  ]);
  return result;
}

import { DateTime } from 'luxon';
import mongoose, { Types } from 'mongoose';
import { getConfig } from '../../config';
import { insertIgnoringDuplicates } from '../../db/duplicate-key';
import { ConflictError, NotFoundError } from '../../lib/errors';
import type { Page, PageRequest } from '../../lib/pagination';
import { skipFor } from '../../lib/pagination';
import type { ScopeActor } from '../employees';
import { findEmployeeProfile, isInScope, resolveEmployeeScope, scopeFilter } from '../employees';
import type { AttendanceExceptionRecord } from './attendance-exception.model';
import { AttendanceException } from './attendance-exception.model';
import type { AttendanceExceptionDto, ExceptionListQuery } from './attendance-exceptions.schemas';
import type { ExceptionKind } from './punch-pairing';

export interface NewException {
  kind: ExceptionKind;
  employeeId?: string | undefined;
  date: string;
  detail: string;
  punchId?: string | undefined;
  deviceId?: string | undefined;
  /** What the finding is about when it is not a punch (a refused push: device, address, instant). */
  subject?: string | undefined;
}

type StoredException = AttendanceExceptionRecord & { _id: Types.ObjectId };

export function toExceptionDto(e: StoredException): AttendanceExceptionDto {
  return {
    id: e._id.toHexString(),
    employeeId: e.employeeId?.toHexString() ?? null,
    date: e.date,
    kind: e.kind,
    detail: e.detail,
    status: e.status,
    punchId: e.punchId?.toHexString() ?? null,
    deviceId: e.deviceId?.toHexString() ?? null,
    resolvedBy: e.resolvedBy ?? null,
    resolvedAt: e.resolvedAt?.toISOString() ?? null,
    resolution: e.resolution ?? null,
  };
}

const keyOf = (e: NewException) =>
  [e.employeeId ?? '-', e.date, e.kind, e.punchId ?? e.subject ?? '-'].join(':');

/** Stores findings once each: the unique key makes raising the same one again a no-op. */
export async function raiseExceptions(found: NewException[]): Promise<void> {
  if (found.length === 0) return;
  const unique = [...new Map(found.map((e) => [keyOf(e), e])).entries()];
  await insertIgnoringDuplicates(
    unique.map(([key, e]) => ({
      key,
      date: e.date,
      kind: e.kind,
      detail: e.detail.slice(0, 500),
      ...(e.employeeId ? { employeeId: new Types.ObjectId(e.employeeId) } : {}),
      ...(e.punchId ? { punchId: new Types.ObjectId(e.punchId) } : {}),
      ...(e.deviceId ? { deviceId: new Types.ObjectId(e.deviceId) } : {}),
    })),
    (chunk) => AttendanceException.insertMany(chunk, { ordered: false }),
  );
}

/** Findings the pairing walk makes itself, which later punches can make untrue. */
const PAIRING_KINDS = ['missing_check_out', 'orphan_check_out', 'double_tap'] as const;
/** Every kind the walk raises: those already open are not sent again. */
const WALK_KINDS = [...PAIRING_KINDS, 'outside_shift'] as const;

/** What a placement walked: the punches re-placed, whose they are and the dates they can be on. */
export interface WalkedSpan {
  punchIds: string[];
  employeeIds: string[];
  fromDate: string;
  toDate: string;
}

/**
 * Brings the stored findings of a placement walk up to date with what it `found`:
 * - resolves the open pairing findings about walked punches that the walk no longer finds (a
 *   check-out that arrived, a punch that became a double tap's partner);
 * - raises the findings not open yet. A walk finds again everything its span holds, so sending all
 *   of them would be thousands of duplicate inserts per stale-days pass.
 * The open findings of the walked employees and dates are read once (dates lead: a server that scans
 * tests them first) and matched here, so the update names a few ids instead of testing every finding
 * against every walked punch.
 */
export async function settleWalkFindings(walked: WalkedSpan, found: NewException[]): Promise<void> {
  const open =
    walked.punchIds.length === 0
      ? []
      : await AttendanceException.find(
          {
            date: mongoose.trusted({ $gte: walked.fromDate, $lte: walked.toDate }),
            status: 'open',
            kind: mongoose.trusted({ $in: [...WALK_KINDS] }),
            employeeId: mongoose.trusted({ $in: walked.employeeIds.map((id) => new Types.ObjectId(id)) }),
          },
          { punchId: 1, key: 1, kind: 1 },
        ).lean<Array<{ _id: Types.ObjectId; punchId?: Types.ObjectId; key: string; kind: string }>>();
  const walkedIds = new Set(walked.punchIds);
  const stillTrue = new Set(found.map(keyOf));
  const pairingKinds = new Set<string>(PAIRING_KINDS);
  const stale = open.filter(
    (e) =>
      pairingKinds.has(e.kind) &&
      e.punchId &&
      walkedIds.has(e.punchId.toHexString()) &&
      !stillTrue.has(e.key),
  );
  if (stale.length > 0) {
    await AttendanceException.updateMany(
      { _id: mongoose.trusted({ $in: stale.map((e) => e._id) }), status: 'open' },
      {
        $set: {
          status: 'resolved',
          resolvedBy: 'system',
          resolvedAt: new Date(),
          resolution: 'No longer true after later punches',
        },
      },
    );
  }
  const openKeys = new Set(open.map((e) => e.key));
  await raiseExceptions(found.filter((e) => !openKeys.has(keyOf(e))));
}

/**
 * `device.source_refused`: a terminal pushed from an address it is not allowed at. The punch is
 * not taken (the pushing side answers), but someone should know: an `unknown_source` exception on
 * the day of the push, the employee's day when the push named one.
 */
export async function onDeviceSourceRefused(event: {
  deviceId: string;
  employeeId?: string;
  ip: string;
  at: string;
}): Promise<void> {
  const at = DateTime.fromISO(event.at, { setZone: true });
  const employee = event.employeeId ? await findEmployeeProfile(event.employeeId) : undefined;
  const zone = employee?.timezone ?? getConfig().COMPANY_TIMEZONE;
  const date = (at.isValid ? at : DateTime.now()).setZone(zone).toISODate() ?? '';
  await raiseExceptions([
    {
      kind: 'unknown_source',
      employeeId: employee?.id,
      date,
      detail: `device ${event.deviceId} pushed from ${event.ip}, an address it is not allowed at`,
      ...(Types.ObjectId.isValid(event.deviceId) ? { deviceId: event.deviceId } : {}),
      subject: `${event.deviceId}@${event.ip}@${event.at}`,
    },
  ]);
}

/** Exceptions in the caller's scope (employees: their own; managers: their team; admins: all). */
export async function listExceptions(
  actor: ScopeActor,
  query: ExceptionListQuery,
  page: PageRequest,
): Promise<Page<AttendanceExceptionDto>> {
  const scope = await resolveEmployeeScope(actor);
  if (query.employeeId && !isInScope(scope, query.employeeId)) return { data: [], total: 0, ...page };
  const dates = {
    ...(query.from ? { $gte: query.from } : {}),
    ...(query.to ? { $lte: query.to } : {}),
  };
  const filter = {
    ...scopeFilter(scope, 'employeeId'),
    ...(query.employeeId ? { employeeId: new Types.ObjectId(query.employeeId) } : {}),
    ...(query.from || query.to ? { date: mongoose.trusted(dates) } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
  };
  const [rows, total] = await Promise.all([
    AttendanceException.find(filter)
      .sort({ date: -1, _id: -1 })
      .skip(skipFor(page))
      .limit(page.limit)
      .lean<StoredException[]>(),
    AttendanceException.countDocuments(filter),
  ]);
  return { data: rows.map(toExceptionDto), total, ...page };
}

/** An exception the caller may see, or 404. */
export async function findVisibleException(actor: ScopeActor, id: string): Promise<AttendanceExceptionDto> {
  const found = await AttendanceException.findById(id).lean<StoredException>();
  const scope = await resolveEmployeeScope(actor);
  const visible =
    found && (scope.kind === 'all' || (found.employeeId ? isInScope(scope, found.employeeId) : false));
  if (!found || !visible) throw new NotFoundError('Exception not found');
  return toExceptionDto(found);
}

/** Marks an open exception resolved, once: a conditional update, so a second resolution is 409. */
export async function markResolved(
  id: string,
  resolvedBy: string,
  resolution: string,
): Promise<AttendanceExceptionDto> {
  const updated = await AttendanceException.findOneAndUpdate(
    { _id: new Types.ObjectId(id), status: 'open' },
    { $set: { status: 'resolved', resolvedBy, resolvedAt: new Date(), resolution } },
    { returnDocument: 'after' },
  ).lean<StoredException>();
  if (!updated) throw new ConflictError('This exception is already resolved');
  return toExceptionDto(updated);
}

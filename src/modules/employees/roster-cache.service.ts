import mongoose from 'mongoose';
import { getConfig } from '../../config';
import type { PuncherDto, StoredEmployee } from './employees.service';
import { effectiveSchedule } from './employees.service';
import { Employee } from './employee.model';
import { currentRosterVersion } from './roster-version.model';

/**
 * Ingest's cache of the people who punch: code, status, zone and shift, the fields a batch's
 * events are checked and dated with. Terminals that upload a few events at a time, and devices that
 * re-send, name the same people batch after batch, and looking them up by code was the largest
 * database cost of a batch after the insert (the stand-in compares every employee with every code).
 *
 * The cache holds while the roster version (roster-version.model.ts) is the one read before its
 * entries were: each batch reads that one document first, and every write to employees, on every
 * instance, moves it on and empties every instance's cache at its next batch. MAX_AGE_MS bounds
 * what a write made outside the model (a database shell) could leave behind.
 */
const MAX_AGE_MS = 5 * 60_000;
/** A roster this large (a stream of unknown codes) starts over rather than grow without bound. */
const MAX_ENTRIES = 200_000;

interface RosterCache {
  version: number;
  startedAt: number;
  entries: Map<string, PuncherDto>;
}

let cache: RosterCache = { version: -1, startedAt: 0, entries: new Map() };

/** Read from the database: the employees with these codes, with only the fields ingest uses. */
async function readPunchers(codes: string[]): Promise<PuncherDto[]> {
  const rows = await Employee.find({ employeeCode: mongoose.trusted({ $in: codes }) })
    .select({ employeeCode: 1, status: 1, timezone: 1, schedule: 1 })
    .lean<Array<Pick<StoredEmployee, '_id' | 'employeeCode' | 'status' | 'timezone' | 'schedule'>>>();
  const companyZone = getConfig().COMPANY_TIMEZONE;
  return rows.map((e) => ({
    id: e._id.toHexString(),
    employeeCode: e.employeeCode,
    status: e.status,
    timezone: e.timezone ?? companyZone,
    schedule: effectiveSchedule(e.schedule),
  }));
}

/**
 * The employees with these codes (unknown codes are absent): from the cache when the roster has
 * not changed since it was filled, the others read in one query and kept.
 */
export async function findPunchersByCodes(codes: string[]): Promise<Map<string, PuncherDto>> {
  if (codes.length === 0) return new Map();
  const version = await currentRosterVersion();
  const age = Date.now() - cache.startedAt;
  if (version !== cache.version || age > MAX_AGE_MS || cache.entries.size > MAX_ENTRIES)
    cache = { version, startedAt: Date.now(), entries: new Map() };
  // Entries read now belong to this cache only: a batch that saw a newer version meanwhile has
  // replaced it, and what this one read may predate that write.
  const filling = cache;
  const found = new Map<string, PuncherDto>();
  const missing: string[] = [];
  for (const code of codes) {
    const known = filling.entries.get(code);
    if (known) found.set(code, known);
    else missing.push(code);
  }
  if (missing.length === 0) return found;
  for (const puncher of await readPunchers(missing)) {
    found.set(puncher.employeeCode, puncher);
    filling.entries.set(puncher.employeeCode, puncher);
  }
  return found;
}

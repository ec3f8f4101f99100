import mongoose, { Types } from 'mongoose';
import { DateTime } from 'luxon';

/**
 * People operations in the bench: a 10,000-row employee CSV through `POST /imports/employees`
 * (dry run, first import, the same file again, every row changed), and `GET /attendance?format=csv`
 * streaming 100,000 and 1,000,000 daily records while the API process samples its resident memory,
 * so constant memory shows as the same peak for ten times the rows.
 */
export interface ImportFigures {
  rows: number;
  dryRunSeconds: number[];
  createSeconds: number[];
  unchangedSeconds: number[];
  updateSeconds: number[];
}

export interface ExportFigure {
  rows: number;
  seconds: number;
  megabytes: number;
  /** Resident set size of the API process before the request and its peak during it. */
  rssStartMb: number;
  rssPeakMb: number;
}

export interface PeopleOpsResult {
  import: ImportFigures;
  export: ExportFigure[];
  seededDays: number;
  seedSeconds: number;
}

const IMPORT_ROWS = 10_000;
const TEAM = 25;
const DEPARTMENTS = 40;

/** 10,000 employees: every 25th row manages the next 24 (managers come first in their team). */
export function employeeCsv(rows: number, variant: string): string {
  const lines = [
    'employeeCode,firstName,lastName,email,hireDate,departmentCode,managerCode,timezone,holidayCalendar',
  ];
  for (let i = 0; i < rows; i++) {
    const code = `IMP-${String(i + 1).padStart(6, '0')}`;
    const manager = i % TEAM === 0 ? '' : `IMP-${String(i - (i % TEAM) + 1).padStart(6, '0')}`;
    const department = `BD${(Math.floor(i / TEAM) % DEPARTMENTS) + 1}`;
    lines.push(
      [
        code,
        `${variant}${i}`,
        `Imported ${i}`,
        `imp-${i + 1}@example.com`,
        '2024-01-15',
        department,
        manager,
        'Europe/Berlin',
        i % 2 ? 'DE-BY' : 'DE-BE',
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

export async function seedImportDepartments(): Promise<void> {
  const now = new Date();
  await mongoose.connection.collection('departments').insertMany(
    Array.from({ length: DEPARTMENTS }, (_, i) => ({
      name: `Bench import department ${i + 1}`,
      nameKey: `bench import department ${i + 1}`,
      code: `BD${i + 1}`,
      createdAt: now,
      updatedAt: now,
    })),
  );
}

export async function removeImportedEmployees(): Promise<void> {
  await mongoose.connection.collection('employees').deleteMany({ employeeCode: { $regex: '^IMP-' } });
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function postCsv(api: string, token: string, csv: string, dryRun: boolean): Promise<void> {
  const res = await fetch(`${api}/api/v1/imports/employees${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
    body: csv,
  });
  const body = (await res.json()) as { errors?: unknown[]; rows?: number };
  if (!res.ok || (body.errors?.length ?? 0) > 0 || body.rows !== IMPORT_ROWS) {
    throw new Error(`import answered ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
  }
}

export async function measureImport(
  api: string,
  token: string,
  runs: number,
  log: (line: string) => void,
): Promise<ImportFigures> {
  const figures: ImportFigures = {
    rows: IMPORT_ROWS,
    dryRunSeconds: [],
    createSeconds: [],
    unchangedSeconds: [],
    updateSeconds: [],
  };
  const first = employeeCsv(IMPORT_ROWS, 'First');
  const changed = employeeCsv(IMPORT_ROWS, 'Changed');
  for (let r = 0; r < runs; r++) {
    await removeImportedEmployees();
    figures.dryRunSeconds.push(await timed(() => postCsv(api, token, first, true)));
    figures.createSeconds.push(await timed(() => postCsv(api, token, first, false)));
    figures.unchangedSeconds.push(await timed(() => postCsv(api, token, first, false)));
    figures.updateSeconds.push(await timed(() => postCsv(api, token, changed, false)));
    log(
      `import run ${r + 1}: dry run ${figures.dryRunSeconds[r]?.toFixed(1)} s, create ${figures.createSeconds[r]?.toFixed(1)} s, unchanged ${figures.unchangedSeconds[r]?.toFixed(1)} s, update ${figures.updateSeconds[r]?.toFixed(1)} s`,
    );
  }
  await removeImportedEmployees();
  return figures;
}

/** `days` calendar days for each of `people` employees, written raw in batches (bench memory stays small). */
export async function seedAttendanceDays(
  total: number,
  days = 365,
): Promise<{ from: string; to: string; seconds: number }> {
  const started = process.hrtime.bigint();
  const people = Math.ceil(total / days);
  const now = new Date();
  const employees = Array.from({ length: people }, (_, i) => ({
    _id: new Types.ObjectId(),
    employeeCode: `EXP-${String(i + 1).padStart(6, '0')}`,
    firstName: 'Export',
    lastName: `Person ${i + 1}`,
    email: `exp-${i + 1}@example.com`,
    hireDate: '2020-01-01',
    status: 'active',
    createdAt: now,
    updatedAt: now,
  }));
  await mongoose.connection.collection('employees').insertMany(employees);
  const to = DateTime.utc().minus({ days: 1 });
  const dates = Array.from({ length: days }, (_, back) => to.minus({ days: back }));
  const collection = mongoose.connection.collection('attendancedays');
  let written = 0;
  let batch: object[] = [];
  for (const day of dates) {
    const date = day.toISODate() ?? '';
    const nine = day.set({ hour: 8 }).toJSDate();
    for (const e of employees) {
      if (written + batch.length >= total) break;
      batch.push({
        employeeId: e._id,
        date,
        month: date.slice(0, 7),
        status: day.weekday > 5 ? 'weekend' : 'present',
        firstIn: nine,
        lastOut: new Date(nine.getTime() + 8.5 * 3600_000),
        workedMinutes: 480,
        late: false,
        lateMinutes: 0,
        earlyLeave: false,
        overtimeMinutes: 0,
        missingCheckOut: false,
        punchCount: 2,
        createdAt: now,
        updatedAt: now,
      });
      if (batch.length === 5000) {
        await collection.insertMany(batch, { ordered: false });
        written += batch.length;
        batch = [];
      }
    }
  }
  if (batch.length > 0) await collection.insertMany(batch, { ordered: false });
  return {
    from: dates[dates.length - 1]?.toISODate() ?? '',
    to: to.toISODate() ?? '',
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

/** Downloads the CSV, counting rows and bytes as they arrive (the bench keeps none of it). */
export async function downloadCsv(
  url: string,
  token: string,
): Promise<{ rows: number; bytes: number; seconds: number }> {
  const started = process.hrtime.bigint();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok || !res.body) throw new Error(`${url} answered ${res.status}`);
  let lines = 0;
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) lines++;
  }
  return { rows: lines - 1, bytes, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** What the orchestration needs from bench/run.ts: its API server processes and sign-in. */
export interface PeopleOpsHarness {
  runs: number;
  exportRows: number;
  log: (line: string) => void;
  startApi: (env: Record<string, string>) => Promise<{ api: string }>;
  stopApi: () => Promise<void>;
  signIn: (api: string) => Promise<string>;
  /** Runs `work` while the current API process records its resident memory. */
  withMemory: (work: () => Promise<void>) => Promise<{ startMb: number; peakMb: number }>;
}

export async function measurePeopleOps(h: PeopleOpsHarness): Promise<PeopleOpsResult> {
  const env = { BENCH_DB: mongoose.connection.name };
  await seedImportDepartments();
  let server = await h.startApi(env);
  let token = await h.signIn(server.api);
  const imported = await measureImport(server.api, token, h.runs, h.log);
  await h.stopApi();

  const seeded = await seedAttendanceDays(h.exportRows);
  h.log(`seeded ${h.exportRows} attendance days in ${seeded.seconds.toFixed(1)} s`);
  const people = Math.ceil(h.exportRows / 365);
  const exports: ExportFigure[] = [];
  // A tenth of the rows, then all of them, each on a fresh API process, so each peak is its own.
  for (const days of [Math.ceil(h.exportRows / 10 / people), 365]) {
    server = await h.startApi(env);
    token = await h.signIn(server.api);
    const from =
      DateTime.fromISO(seeded.to)
        .minus({ days: days - 1 })
        .toISODate() ?? '';
    const url = `${server.api}/api/v1/attendance?format=csv&from=${from}&to=${seeded.to}`;
    let download = { rows: 0, bytes: 0, seconds: 0 };
    const memory = await h.withMemory(async () => {
      download = await downloadCsv(url, token);
    });
    await h.stopApi();
    exports.push({
      rows: download.rows,
      seconds: download.seconds,
      megabytes: download.bytes / 2 ** 20,
      rssStartMb: memory.startMb,
      rssPeakMb: memory.peakMb,
    });
    h.log(
      `export of ${download.rows} rows: ${download.seconds.toFixed(1)} s, ${(download.bytes / 2 ** 20).toFixed(0)} MB, RSS ${memory.startMb.toFixed(0)} -> ${memory.peakMb.toFixed(0)} MB`,
    );
  }
  return { import: imported, export: exports, seededDays: h.exportRows, seedSeconds: seeded.seconds };
}

import request from 'supertest';
import { runJob } from '../../../src/jobs/jobs';
import { setClockForTests } from '../../../src/lib/clock';
import { AttendanceDay } from '../../../src/modules/attendance/attendance-day.model';
import { AttendanceCorrection } from '../../../src/modules/attendance/attendance-correction.model';
import { AttendanceException } from '../../../src/modules/attendance/attendance-exception.model';
import { Punch } from '../../../src/modules/attendance/punch.model';
import { RawDeviceLine } from '../../../src/modules/attendance/raw-device-line.model';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { Holiday } from '../../../src/modules/leave/holiday.model';
import { LedgerEntry } from '../../../src/modules/leave/leave-ledger.model';
import { LeaveRequest } from '../../../src/modules/leave/leave-request.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makePerson } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';

/**
 * November 2026 is closed on 2 December. Every kind of write that touches a November date is 409
 * `/problems/period-closed` with nothing written; device punches for November are rejected one by
 * one; December stays writable; after the reopen everything works again.
 */
useTestDatabase();
const app = testApp();
const NOW = '2026-12-02T12:00:00Z';
const SN = 'PERIOD-SN-1';
let admin: Person;
let manager: Person;
let worker: Person;
let other: Person;
let night: Person;
let typeId: string;
let periodId: string;
let deviceKey: string;
const ids = {} as {
  pending: string;
  approved: string;
  straddling: string;
  correction: string;
  exception: string;
  holiday: string;
  decemberHoliday: string;
};

const api = () => request(app);
function expectClosed(res: request.Response): void {
  expect(res.status).toBe(409);
  expect(res.body.type).toMatch(/\/problems\/period-closed$/);
  expect(res.body.detail).toContain('2026-11-01 to 2026-11-30');
}
const submit = (body: object) =>
  api()
    .post('/api/v1/leave-requests')
    .set(admin.auth)
    .send({ employeeId: worker.employee!.id, leaveTypeId: typeId, ...body });
const manual = (date: string) =>
  api().post('/api/v1/attendance/manual').set(manager.auth).send({
    employeeId: worker.employee!.id,
    date,
    checkIn: '09:00',
    checkOut: '17:00',
    reason: 'paper sheet',
  });
const ingest = (events: object[]) =>
  api().post('/api/v1/attendance/ingest').set('X-Device-Key', deviceKey).send({ events });
const event = (timestamp: string) => ({ employeeCode: '2001', timestamp, direction: 'in' });

// The night worker's session is the documented exception: its punches follow the pairing rule
// (their own check below shows the closed day's record stays as it was).
const inNovember = (x: { date: string; employeeId?: unknown }) =>
  x.date.startsWith('2026-11') && String(x.employeeId) !== night.employee!.id;
const november = (p: { businessDate: string; employeeId: unknown }) =>
  inNovember({ date: p.businessDate, employeeId: p.employeeId });

/** Everything about November the refused writes could have changed. */
async function snapshot() {
  return {
    punches: (await Punch.find().lean()).filter(november).map((p) => p.at.toISOString()),
    requests: (await LeaveRequest.find().sort({ _id: 1 }).lean()).map((r) => [r.status, r.days]),
    ledger: await LedgerEntry.countDocuments(),
    holidays: (await Holiday.find().sort({ _id: 1 }).lean()).map((h) => [h.date, h.name]),
    corrections: (await AttendanceCorrection.find().lean()).map((c) => c.status),
    exceptions: (await AttendanceException.find().lean()).filter(inNovember).map((e) => e.status),
    days: (await AttendanceDay.find().sort({ employeeId: 1, date: 1 }).lean())
      .filter(inNovember)
      .map((d) => [d.employeeId.toHexString(), d.date, d.status]),
  };
}

beforeAll(async () => {
  setClockForTests(NOW);
  admin = await makePerson('admin');
  manager = await makePerson('manager');
  worker = await makePerson('employee', {
    employee: { managerId: manager.employee!.id, employeeCode: '2001' },
  });
  other = await makePerson('employee', { employee: { managerId: manager.employee!.id } });
  night = await makePerson('employee', { employee: { employeeCode: '3001' } });
  typeId = (await makeLeaveType({ noticeDays: 0 })).id;
  const approve = (id: string) =>
    api().post(`/api/v1/leave-requests/${id}/approve`).set(manager.auth).send({}).expect(200);

  ids.pending = (await submit({ startDate: '2026-11-16', endDate: '2026-11-17' }).expect(201)).body.id;
  ids.approved = (await submit({ startDate: '2026-11-18', endDate: '2026-11-18' }).expect(201)).body.id;
  await approve(ids.approved);
  ids.straddling = (
    await api()
      .post('/api/v1/leave-requests')
      .set(admin.auth)
      .send({
        employeeId: other.employee!.id,
        leaveTypeId: typeId,
        startDate: '2026-11-30',
        endDate: '2026-12-03',
      })
      .expect(201)
  ).body.id;
  await approve(ids.straddling);
  ids.correction = (
    await api()
      .post('/api/v1/attendance/corrections')
      .set(worker.auth)
      .send({ date: '2026-11-10', checkIn: '09:00', checkOut: '17:00', reason: 'Badge did not work' })
      .expect(201)
  ).body.id;
  ids.exception = (
    await AttendanceException.create({
      key: `test:${worker.employee!.id}:2026-11-09`,
      employeeId: worker.employee!.id,
      date: '2026-11-09',
      kind: 'missing_check_out',
      detail: 'check-in at 09:00 without a check-out',
    })
  ).id;
  ids.holiday = (
    await api().post('/api/v1/holidays').set(admin.auth).send({ date: '2026-11-20', name: 'Founders' })
  ).body.id;
  ids.decemberHoliday = (
    await api().post('/api/v1/holidays').set(admin.auth).send({ date: '2026-12-18', name: 'Party' })
  ).body.id;
  // Records for 26-28 November (absent); the 29th and 30th are not recorded yet.
  await runJob('close-day', '2026-11-29');
  const device = await api()
    .post('/api/v1/devices')
    .set(admin.auth)
    .send({ name: 'Gate', serialNumber: SN, timezone: 'UTC' })
    .expect(201);
  deviceKey = device.body.apiKey;
  // A night session opens on Monday 30 November at 22:00 (its check-out comes after the close).
  await ingest([{ employeeCode: '3001', timestamp: '2026-11-30T22:00:00Z' }]).expect(202);
  periodId = (
    await api()
      .post('/api/v1/payroll-periods')
      .set(admin.auth)
      .send({ from: '2026-11-01', to: '2026-11-30' })
      .expect(201)
  ).body.id;
});
afterAll(() => setClockForTests(undefined));

describe('while November is closed', () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    before = await snapshot();
  });

  it('when attendance is written for a November day then 409 period-closed', async () => {
    const res = await manual('2026-11-12');
    expectClosed(res);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'date' })]);
    // A night shift entered on 30 November reaches into December: still refused (its day is closed).
    expectClosed(await manual('2026-11-30'));
    setClockForTests('2026-11-25T08:55:00Z');
    expectClosed(await api().post('/api/v1/attendance/check-in').set(worker.auth).send({}));
    setClockForTests(NOW);
    expectClosed(
      await api()
        .post('/api/v1/attendance/corrections')
        .set(worker.auth)
        .send({ date: '2026-11-11', checkIn: '09:00', reason: 'Forgot to badge' }),
    );
    expectClosed(
      await api().post(`/api/v1/attendance/corrections/${ids.correction}/approve`).set(manager.auth).send({}),
    );
    expectClosed(
      await api()
        .post(`/api/v1/attendance/exceptions/${ids.exception}/resolve`)
        .set(manager.auth)
        .send({ reason: 'Left at 17:00', checkOut: '17:00' }),
    );
    expectClosed(
      await api()
        .post(`/api/v1/attendance/exceptions/${ids.exception}/resolve`)
        .set(manager.auth)
        .send({ reason: 'Nothing to fix' }),
    );
  });

  it('when leave touching November is submitted, decided or cancelled then 409 period-closed', async () => {
    const submitted = await submit({ startDate: '2026-11-24', endDate: '2026-11-24' });
    expectClosed(submitted);
    expect(submitted.body.errors).toEqual([expect.objectContaining({ field: 'startDate' })]);
    expectClosed(await submit({ startDate: '2026-11-27', endDate: '2026-12-04' }));
    const decide = (id: string, verb: string, who: Person) =>
      api().post(`/api/v1/leave-requests/${id}/${verb}`).set(who.auth).send({});
    expectClosed(await decide(ids.pending, 'approve', manager));
    expectClosed(await decide(ids.pending, 'reject', manager));
    expectClosed(await decide(ids.pending, 'cancel', admin));
    expectClosed(await decide(ids.approved, 'cancel', admin));
    expectClosed(await decide(ids.straddling, 'cancel', admin));
  });

  it('when a holiday in November is added, changed, moved in or out, removed or imported then 409 period-closed', async () => {
    expectClosed(
      await api().post('/api/v1/holidays').set(admin.auth).send({ date: '2026-11-27', name: 'Extra' }),
    );
    expectClosed(
      await api().patch(`/api/v1/holidays/${ids.holiday}`).set(admin.auth).send({ name: 'Renamed' }),
    );
    expectClosed(
      await api().patch(`/api/v1/holidays/${ids.holiday}`).set(admin.auth).send({ date: '2026-12-21' }),
    );
    expectClosed(
      await api()
        .patch(`/api/v1/holidays/${ids.decemberHoliday}`)
        .set(admin.auth)
        .send({ date: '2026-11-26' }),
    );
    expectClosed(await api().delete(`/api/v1/holidays/${ids.holiday}`).set(admin.auth));
    const csv = 'date,name,calendar\n2026-11-27,Extra,default\n2026-12-24,Christmas Eve,default\n';
    for (const dryRun of ['true', 'false']) {
      expectClosed(
        await api()
          .post('/api/v1/imports/holidays')
          .query({ dryRun })
          .set(admin.auth)
          .set('Content-Type', 'text/csv')
          .send(Buffer.from(csv)),
      );
    }
    // Bavaria's public holidays of 2026 include All Saints' Day, 1 November.
    expectClosed(
      await api()
        .post('/api/v1/holidays/import')
        .set(admin.auth)
        .send({ calendar: 'DE-BY', country: 'DE', region: 'BY', year: 2026 }),
    );
  });

  it('when a schedule change would recount leave touching November then that request is skipped and the skip audited', async () => {
    await api()
      .patch(`/api/v1/employees/${other.employee!.id}`)
      .set(admin.auth)
      .send({ workWeek: [1, 2, 3, 5] })
      .expect(200);
    expect((await LeaveRequest.findById(ids.straddling).lean())?.days).toBe(4);
    // Thursday 26 November left the work week, but its record keeps what payroll saw.
    const thursday = await AttendanceDay.findOne({
      employeeId: other.employee!.id,
      date: '2026-11-26',
    }).lean();
    expect(thursday?.status).toBe('absent');
    const skipped = await AuditLog.find({
      action: 'leave_request.recount_skipped',
      entityId: ids.straddling,
    }).lean();
    expect(skipped).toHaveLength(1);
    expect(JSON.stringify(skipped[0]?.metadata)).toContain('period closed: 2026-11-01 to 2026-11-30');
  });

  it('when a device sends November punches then each is rejected with `period closed` and the others are stored', async () => {
    const res = await ingest([
      event('2026-11-25T09:00:00Z'),
      event('2026-12-02T09:00:00Z'),
      { employeeCode: 'NOBODY', timestamp: '2026-12-02T09:00:00Z' },
      event('2026-11-30T16:00:00Z'),
    ]).expect(202);
    expect(res.body).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [
        { index: 0, reason: 'period closed' },
        { index: 2, reason: 'unknown employeeCode' },
        { index: 3, reason: 'period closed' },
      ],
    });
    const push = await api()
      .post(`/iclock/cdata?SN=${SN}&table=ATTLOG`)
      .set('Content-Type', 'text/plain')
      .send(
        ['2001\t2026-11-26 09:00:00\t0\t1\t0\t0\t0', '2001\t2026-12-01 09:00:00\t0\t1\t0\t0\t0', ''].join(
          '\r\n',
        ),
      )
      .expect(200);
    expect(push.text).toBe('OK: 2');
    const raw = await RawDeviceLine.find().lean();
    expect(raw.map((r) => [r.line, r.reason])).toEqual([
      ['2001\t2026-11-26 09:00:00\t0\t1\t0\t0\t0', 'period closed'],
    ]);
    const punches = await Punch.find({ employeeId: worker.employee!.id }).lean();
    expect(punches.map((p) => p.businessDate).sort()).toEqual(['2026-12-01', '2026-12-02']);
  });

  it('when a December punch closes a night session begun on a closed day then that day keeps its record', async () => {
    const day = () => AttendanceDay.findOne({ employeeId: night.employee!.id, date: '2026-11-30' }).lean();
    const before = await day();
    expect(before).toMatchObject({ punchCount: 1, workedMinutes: 0 });
    // 05:00 on 1 December is nearest Tuesday's shift, so it is accepted; pairing makes it the check-out.
    expect(
      (await ingest([{ employeeCode: '3001', timestamp: '2026-12-01T05:00:00Z' }]).expect(202)).body,
    ).toMatchObject({
      accepted: 1,
    });
    expect(await day()).toEqual(before);
  });

  it('when the close-day job runs then it records no November day', async () => {
    const november = async () =>
      (await AttendanceDay.find().lean()).filter((d) => d.date.startsWith('2026-11'));
    const before = await november();
    expect(before.filter((d) => d.date === '2026-11-29')).toEqual([]);
    await runJob('close-day', '2026-12-01'); // would record 28-30 November
    expect(await november()).toEqual(before);
  });

  it('when everything above was refused then nothing about November changed', async () => {
    const after = await snapshot();
    expect(after).toEqual(before);
  });
});

describe('after the reopen', () => {
  it('when the period is reopened then every write works again', async () => {
    await api()
      .post(`/api/v1/payroll-periods/${periodId}/reopen`)
      .set(admin.auth)
      .send({ reason: 'Fixes' })
      .expect(200);
    await manual('2026-11-12').expect(201);
    await submit({ startDate: '2026-11-24', endDate: '2026-11-24' }).expect(201);
    await api().post(`/api/v1/leave-requests/${ids.pending}/approve`).set(manager.auth).send({}).expect(200);
    await api().post(`/api/v1/leave-requests/${ids.approved}/cancel`).set(admin.auth).expect(200);
    await api()
      .post(`/api/v1/attendance/corrections/${ids.correction}/approve`)
      .set(manager.auth)
      .send({})
      .expect(200);
    await api()
      .post(`/api/v1/attendance/exceptions/${ids.exception}/resolve`)
      .set(manager.auth)
      .send({ reason: 'Left at 17:00', checkOut: '17:00' })
      .expect(200);
    await api()
      .post('/api/v1/holidays')
      .set(admin.auth)
      .send({ date: '2026-11-27', name: 'Extra' })
      .expect(201);
    await api().delete(`/api/v1/holidays/${ids.holiday}`).set(admin.auth).expect(204);
    expect((await ingest([event('2026-11-25T09:00:00Z')]).expect(202)).body).toMatchObject({ accepted: 1 });
  });

  it('when it is closed again then writes are refused again', async () => {
    await api().post(`/api/v1/payroll-periods/${periodId}/close`).set(admin.auth).expect(200);
    expectClosed(await manual('2026-11-13'));
    expect((await ingest([event('2026-11-27T09:00:00Z')]).expect(202)).body.rejected).toEqual([
      { index: 0, reason: 'period closed' },
    ]);
  });
});

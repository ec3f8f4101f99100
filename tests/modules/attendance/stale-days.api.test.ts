import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { AttendanceDay } from '../../../src/modules/attendance/attendance-day.model';
import { StaleBatch } from '../../../src/modules/attendance/stale-batch.model';
import { StaleDay } from '../../../src/modules/attendance/stale-day.model';
import {
  countStaleDays,
  drainStaleDays,
  markDaysStale,
  refreshStaleDays,
  startStaleDaysWorker,
} from '../../../src/modules/attendance/stale-days.service';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makeDeviceKey, makePerson } from '../../support/factories';

/**
 * Append-only ingest: the batch stores punches and marks days stale; the worker or the first read
 * of a marked day recomputes it, so nobody reads a day behind its punches.
 */
useTestDatabase();
const app = testApp();
beforeEach(() => setClockForTests('2026-11-24T12:00:00Z'));
afterAll(() => setClockForTests(undefined));

let admin: Person;
let key = '';
beforeAll(async () => {
  admin = await makePerson('admin');
  key = await makeDeviceKey('Gate', 'UTC');
});

const ingest = (events: object[]) =>
  request(app).post('/api/v1/attendance/ingest').set('X-Device-Key', key).send({ events }).expect(202);

const workday = (code: string) => [
  { employeeCode: code, timestamp: '2026-11-23T09:00:00Z', direction: 'in' },
  { employeeCode: code, timestamp: '2026-11-23T17:00:00Z', direction: 'out' },
];

async function dayRecord(person: Person, date = '2026-11-23') {
  return AttendanceDay.findOne({ employeeId: person.employee!.id, date }).lean();
}

describe('stale days', () => {
  it('when a batch is ingested then it answers 202 with the punches stored and the day marked, not yet computed; the first read computes it', async () => {
    const person = await makePerson('employee');
    const res = await ingest(workday(person.employee!.employeeCode));
    expect(res.body).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(await dayRecord(person)).toBeNull();
    expect(await countStaleDays(person.employee!.id)).toBe(1);

    const read = await request(app)
      .get('/api/v1/attendance')
      .set(admin.auth)
      .query({ employeeId: person.employee!.id, from: '2026-11-23', to: '2026-11-23' })
      .expect(200);
    expect(read.body.data).toEqual([
      expect.objectContaining({ date: '2026-11-23', workedMinutes: 480, status: 'present', punchCount: 2 }),
    ]);
    expect(await countStaleDays(person.employee!.id)).toBe(0);
  });

  it('when a report covers a stale day then it is computed first', async () => {
    const person = await makePerson('employee');
    await ingest(workday(person.employee!.employeeCode));
    const report = await request(app)
      .get('/api/v1/reports/attendance-summary')
      .set(admin.auth)
      .query({ from: '2026-11-23', to: '2026-11-23' })
      .expect(200);
    const rows = report.body as Array<{ key: string; workedMinutes: number }>;
    expect(rows.find((r) => r.key === person.employee!.id)).toMatchObject({ workedMinutes: 480 });
    expect(await dayRecord(person)).toMatchObject({ workedMinutes: 480 });
  });

  it('when the worker runs then it drains every marker and computes the days, and a second pass finds nothing', async () => {
    const people = await Promise.all([1, 2, 3].map(() => makePerson('employee')));
    await ingest(people.flatMap((p) => workday(p.employee!.employeeCode)));
    // The batch is one document; a read of someone else turns it into a marker per day, computes none.
    expect(await StaleBatch.countDocuments({})).toBe(1);
    await refreshStaleDays({ employeeIds: ['ffffffffffffffffffffffff'] });
    expect(await StaleBatch.countDocuments({})).toBe(0);
    for (const p of people) {
      expect(await StaleDay.countDocuments({ employeeId: p.employee!.id })).toBe(1);
      expect(await dayRecord(p)).toBeNull();
    }
    const worker = startStaleDaysWorker(20);
    try {
      for (let i = 0; i < 200 && (await countStaleDays()) > 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 25));
    } finally {
      await worker.stop();
    }
    for (const p of people) expect(await dayRecord(p)).toMatchObject({ workedMinutes: 480 });
    expect(await drainStaleDays()).toBe(0);
  });

  it('when two reads turn the same batch into markers at once then each day is marked once and the batch is gone', async () => {
    const people = await Promise.all([1, 2].map(() => makePerson('employee')));
    await ingest(
      people.flatMap((p) =>
        workday(p.employee!.employeeCode).map((e) => ({
          ...e,
          timestamp: e.timestamp.replace('2026-11-23', '2026-11-16'),
        })),
      ),
    );
    const unrelated = { employeeIds: ['ffffffffffffffffffffffff'] };
    await Promise.all([refreshStaleDays(unrelated), refreshStaleDays(unrelated), drainStaleDays()]);
    expect(await StaleBatch.countDocuments({})).toBe(0);
    for (const p of people) expect(await countStaleDays(p.employee!.id)).toBeLessThanOrEqual(1);
    // Whatever the worker's pass left marked, the next read computes: the day is never lost.
    await drainStaleDays();
    for (const p of people) expect(await dayRecord(p, '2026-11-16')).toMatchObject({ workedMinutes: 480 });
  });

  it('when a day is marked again while it is being computed then its marker stays for the next pass', async () => {
    const person = await makePerson('employee');
    await ingest(workday(person.employee!.employeeCode));
    // The new punch arrives between the recompute's read of the markers and their removal.
    const remove = StaleDay.bulkWrite.bind(StaleDay);
    const spy = jest.spyOn(StaleDay, 'bulkWrite').mockImplementationOnce(async (ops, options) => {
      setClockForTests('2026-11-24T12:00:05Z');
      await markDaysStale([{ employeeId: person.employee!.id, date: '2026-11-23' }]);
      return remove(ops, options);
    });
    try {
      await drainStaleDays();
    } finally {
      spy.mockRestore();
    }
    expect(await countStaleDays(person.employee!.id)).toBe(1);
    await drainStaleDays();
    expect(await countStaleDays(person.employee!.id)).toBe(0);
  });

  it('when days are marked then new ones are inserted in one command and a day marked again renews its markedAt, one marker each', async () => {
    const [a, b] = [await makePerson('employee'), await makePerson('employee')];
    const day = (p: Person, date: string) => ({ employeeId: p.employee!.id, date });
    const renewals = jest.spyOn(StaleDay.collection, 'bulkWrite');
    try {
      setClockForTests('2026-11-24T12:00:00Z');
      await markDaysStale([day(a, '2026-11-20'), day(b, '2026-11-20')]);
      expect(renewals).not.toHaveBeenCalled();
      setClockForTests('2026-11-24T12:00:07Z');
      await markDaysStale([day(b, '2026-11-20'), day(b, '2026-11-21')]);
      expect(renewals).toHaveBeenCalledTimes(1);
    } finally {
      renewals.mockRestore();
    }
    const markers = [
      ...(await StaleDay.find({ employeeId: a.employee!.id }).lean()),
      ...(await StaleDay.find({ employeeId: b.employee!.id }).lean()),
    ];
    const byDay = new Map(
      markers.map((m) => [`${m.employeeId.toHexString()} ${m.date}`, m.markedAt.toISOString()]),
    );
    expect(markers).toHaveLength(3);
    expect(byDay.get(`${a.employee!.id} 2026-11-20`)).toBe('2026-11-24T12:00:00.000Z');
    expect(byDay.get(`${b.employee!.id} 2026-11-20`)).toBe('2026-11-24T12:00:07.000Z');
    expect(byDay.get(`${b.employee!.id} 2026-11-21`)).toBe('2026-11-24T12:00:07.000Z');
  });

  it('when a recompute removes a marker between the insert that found it and its renewal then the renewal brings it back', async () => {
    const person = await makePerson('employee');
    const marked = { employeeId: person.employee!.id, date: '2026-11-19' };
    await markDaysStale([marked]);
    // The markers' insert is the first command markDaysStale sends; the deletion lands right after it.
    const db = StaleDay.collection.conn.db!;
    const command = db.command.bind(db);
    const spy = jest.spyOn(db, 'command').mockImplementationOnce(async (...args) => {
      try {
        return await command(...args);
      } finally {
        await StaleDay.deleteMany({ employeeId: person.employee!.id });
      }
    });
    try {
      setClockForTests('2026-11-24T12:00:09Z');
      await markDaysStale([marked]);
      expect(spy.mock.calls[0]?.[0]).toMatchObject({ insert: StaleDay.collection.collectionName });
    } finally {
      spy.mockRestore();
    }
    const markers = await StaleDay.find({ employeeId: person.employee!.id }).lean();
    expect(markers.map((m) => [m.date, m.markedAt.toISOString()])).toEqual([
      ['2026-11-19', '2026-11-24T12:00:09.000Z'],
    ]);
  });

  it('when a lone punch is marked on a day it then leaves for the day before then no empty record is made for it', async () => {
    const person = await makePerson('employee', { employee: { timezone: 'UTC' } });
    const code = person.employee!.employeeCode;
    await ingest([{ employeeCode: code, timestamp: '2026-11-23T22:00:00Z' }]);
    await ingest([{ employeeCode: code, timestamp: '2026-11-24T06:00:00Z' }]);
    await drainStaleDays();
    expect(await dayRecord(person)).toMatchObject({ workedMinutes: 480 });
    expect(await dayRecord(person, '2026-11-24')).toBeNull();
  });

  // Last: the closed period refuses later punches on its dates.
  it('when a payroll period closes then the stale days inside it are computed first', async () => {
    const person = await makePerson('employee');
    await ingest(workday(person.employee!.employeeCode));
    await request(app)
      .post('/api/v1/payroll-periods')
      .set(admin.auth)
      .send({ from: '2026-11-23', to: '2026-11-23' })
      .expect(201);
    expect(await dayRecord(person)).toMatchObject({ workedMinutes: 480 });
    expect(await countStaleDays(person.employee!.id)).toBe(0);
  });
});

describe('stale days of the same instants from two devices', () => {
  it('when two devices post the same punches of a person then the worker still pairs the day and removes the marker', async () => {
    const person = await makePerson('employee');
    const otherKey = await makeDeviceKey('Back door', 'UTC');
    // Outside the November payroll period an earlier test closes.
    const events = workday(person.employee!.employeeCode).map((e) => ({
      ...e,
      timestamp: e.timestamp.replace('2026-11-23', '2026-10-27'),
    }));
    await ingest(events);
    await request(app)
      .post('/api/v1/attendance/ingest')
      .set('X-Device-Key', otherKey)
      .send({ events })
      .expect(202);
    await drainStaleDays();
    expect(await countStaleDays(person.employee!.id)).toBe(0);
    expect((await dayRecord(person, '2026-10-27'))?.workedMinutes).toBe(480);
  });
});

import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { AttendanceException } from '../../../src/modules/attendance/attendance-exception.model';
import { Punch } from '../../../src/modules/attendance/punch.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makePerson } from '../../support/factories';

useTestDatabase();
const app = testApp();
afterAll(() => setClockForTests(undefined));

/** Worked examples of the day rule through the API: early, day, late and night shifts, web and devices. */

const shift = (start: string, end: string) => ({ start, end, graceMinutes: 5, breakMinutes: 0 });

async function punchAt(person: Person, direction: 'in' | 'out', instant: string) {
  setClockForTests(instant);
  return request(app).post(`/api/v1/attendance/check-${direction}`).set(person.auth).send({}).expect(201);
}

async function days(person: Person, from: string, to: string) {
  const res = await request(app)
    .get(`/api/v1/attendance?employeeId=${person.employee!.id}&from=${from}&to=${to}`)
    .set(person.auth)
    .expect(200);
  return Object.fromEntries(
    (res.body.data as Array<Record<string, unknown> & { date: string }>).map((d) => [d.date, d]),
  );
}

async function deviceKey(serialNumber?: string): Promise<string> {
  const admin = await makePerson('admin');
  const res = await request(app)
    .post('/api/v1/devices')
    .set(admin.auth)
    .send({ name: 'Gate', timezone: 'Europe/Berlin', ...(serialNumber ? { serialNumber } : {}) })
    .expect(201);
  return res.body.apiKey as string;
}

describe('shift days through the API', () => {
  it.each([
    ['early', '06:00', '14:00', '2026-11-23T05:58:00Z', '2026-11-23T14:01:00Z', 483],
    ['day', '09:00', '17:00', '2026-11-23T08:55:00Z', '2026-11-23T17:00:00Z', 485],
    ['late', '14:00', '22:00', '2026-11-23T14:00:00Z', '2026-11-23T22:30:00Z', 510],
    ['night', '22:00', '06:00', '2026-11-23T21:50:00Z', '2026-11-24T06:05:00Z', 495],
  ])(
    'when an employee works a whole %s shift on Monday then Monday has the whole of it and Sunday and Tuesday nothing',
    async (_name, start, end, checkIn, checkOut, minutes) => {
      const person = await makePerson('employee', {
        employee: { timezone: 'UTC', schedule: shift(start, end) },
      });
      expect((await punchAt(person, 'in', checkIn)).body.businessDate).toBe('2026-11-23');
      expect((await punchAt(person, 'out', checkOut)).body.businessDate).toBe('2026-11-23');
      const byDate = await days(person, '2026-11-22', '2026-11-24');
      expect(byDate['2026-11-23']).toMatchObject({
        status: 'present',
        workedMinutes: minutes,
        late: false,
        missingCheckOut: false,
      });
      expect(byDate['2026-11-22']).toBeUndefined();
      expect(byDate['2026-11-24']).toBeUndefined();
    },
  );

  it('when an early shift starts in the hour the clocks go forward then it is still that day', async () => {
    // Europe/Berlin, Sunday 2026-03-29: 02:00 becomes 03:00. 01:30-09:30 is 7 hours that night.
    const person = await makePerson('employee', {
      employee: { timezone: 'Europe/Berlin', schedule: shift('01:30', '09:30'), workWeek: [7] },
    });
    await punchAt(person, 'in', '2026-03-29T00:30:00Z'); // 01:30 CET
    await punchAt(person, 'out', '2026-03-29T07:30:00Z'); // 09:30 CEST
    expect((await days(person, '2026-03-28', '2026-03-30'))['2026-03-29']).toMatchObject({
      workedMinutes: 420,
      missingCheckOut: false,
    });
  });

  it('when a terminal without directions sends 22:00 and 06:00 for someone without a night schedule then it is one 480-minute session on the first day', async () => {
    setClockForTests('2026-11-24T12:00:00Z');
    const person = await makePerson('employee', { employee: { timezone: 'Europe/Berlin' } });
    const key = await deviceKey();
    const code = person.employee!.employeeCode;
    await request(app)
      .post('/api/v1/attendance/ingest')
      .set('X-Device-Key', key)
      .send({ events: [{ employeeCode: code, timestamp: '2026-11-23T22:00:00' }] })
      .expect(202);
    // The morning punch arrives in a later batch, as terminals send them.
    await request(app)
      .post('/api/v1/attendance/ingest')
      .set('X-Device-Key', key)
      .send({ events: [{ employeeCode: code, timestamp: '2026-11-24T06:00:00' }] })
      .expect(202);
    const byDate = await days(person, '2026-11-23', '2026-11-24');
    expect(byDate['2026-11-23']).toMatchObject({ workedMinutes: 480, missingCheckOut: false });
    expect(byDate['2026-11-24']).toBeUndefined();
    const kinds = (await AttendanceException.find({ employeeId: person.employee!.id }).lean()).map(
      (e) => e.kind,
    );
    expect(kinds).not.toContain('orphan_check_out');
    expect(kinds).not.toContain('missing_check_out');
  });

  it('when a ZKTeco terminal sends the check-out before the check-in then they still pair on the first day', async () => {
    setClockForTests('2026-11-24T12:00:00Z');
    const person = await makePerson('employee', {
      employee: { employeeCode: '7001', timezone: 'Europe/Berlin' },
    });
    await deviceKey('ZK7001');
    const push = (line: string) =>
      request(app).post('/iclock/cdata?SN=ZK7001&table=ATTLOG').type('text/plain').send(line).expect(200);
    await push('7001\t2026-11-24 06:00:00\t1\t1\t0\t0\t0');
    // Someone reads the days before the check-in arrives: the lone check-out is counted on its own day.
    expect((await days(person, '2026-11-23', '2026-11-24'))['2026-11-24']).toMatchObject({ punchCount: 1 });
    await push('7001\t2026-11-23 22:00:00\t0\t1\t0\t0\t0');
    const byDate = await days(person, '2026-11-23', '2026-11-24');
    expect(byDate['2026-11-23']).toMatchObject({ workedMinutes: 480, missingCheckOut: false });
    // The check-out first counted on its own day moved to the 23rd: the 24th is left with nothing.
    expect(byDate['2026-11-24']).toMatchObject({ workedMinutes: 0, punchCount: 0 });
    const punches = await Punch.find({ employeeId: person.employee!.id }).lean();
    expect(punches.map((p) => p.businessDate)).toEqual(['2026-11-23', '2026-11-23']);
    // Its orphan check-out finding was raised while it was one, and closed once it paired.
    const orphan = await AttendanceException.findOne({ kind: 'orphan_check_out' }).lean();
    expect(orphan).toMatchObject({ status: 'resolved', resolvedBy: 'system' });
  });

  it('when a check-in is followed by a punch 30 hours later then the day is a missing check-out, never a 30-hour day', async () => {
    setClockForTests('2026-11-26T12:00:00Z');
    const person = await makePerson('employee');
    const key = await deviceKey();
    const code = person.employee!.employeeCode;
    await request(app)
      .post('/api/v1/attendance/ingest')
      .set('X-Device-Key', key)
      .send({
        events: [
          { employeeCode: code, timestamp: '2026-11-23T09:00:00Z', direction: 'in' },
          { employeeCode: code, timestamp: '2026-11-24T15:00:00Z', direction: 'out' },
        ],
      })
      .expect(202);
    const byDate = await days(person, '2026-11-23', '2026-11-24');
    expect(byDate['2026-11-23']).toMatchObject({ workedMinutes: 0, missingCheckOut: true });
    expect(byDate['2026-11-24']).toMatchObject({ workedMinutes: 0 });
    const found = await AttendanceException.find({ employeeId: person.employee!.id }).lean();
    expect(found.map((e) => [e.date, e.kind])).toEqual(
      expect.arrayContaining([
        ['2026-11-23', 'missing_check_out'],
        ['2026-11-24', 'orphan_check_out'],
      ]),
    );
    expect(await Punch.countDocuments({ employeeId: person.employee!.id })).toBe(2);
  });

  it('when a device is registered with an unknown time zone then 400 names the field', async () => {
    const admin = await makePerson('admin');
    const res = await request(app)
      .post('/api/v1/devices')
      .set(admin.auth)
      .send({ name: 'Gate', timezone: 'Mars/Olympus_Mons' })
      .expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'timezone' })]);
  });
});

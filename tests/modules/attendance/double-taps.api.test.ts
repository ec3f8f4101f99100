import request from 'supertest';
import { setConfigForTests } from '../../../src/config';
import { setClockForTests } from '../../../src/lib/clock';
import { AttendanceException } from '../../../src/modules/attendance/attendance-exception.model';
import { Punch } from '../../../src/modules/attendance/punch.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makePerson } from '../../support/factories';

useTestDatabase();
const app = testApp();
beforeEach(() => setClockForTests('2026-11-24T12:00:00Z'));
afterEach(() => setConfigForTests({ PUNCH_DEBOUNCE_SECONDS: 60 }));
afterAll(() => setClockForTests(undefined));

async function setup(): Promise<{ person: Person; send: (events: object[]) => Promise<unknown> }> {
  const admin = await makePerson('admin');
  const person = await makePerson('employee');
  const device = await request(app)
    .post('/api/v1/devices')
    .set(admin.auth)
    .send({ name: 'Gate', timezone: 'UTC' })
    .expect(201);
  const send = (events: object[]) =>
    request(app)
      .post('/api/v1/attendance/ingest')
      .set('X-Device-Key', device.body.apiKey as string)
      .send({ events: events.map((e) => ({ employeeCode: person.employee!.employeeCode, ...e })) })
      .expect(202);
  return { person, send };
}

async function dayOf(person: Person, date: string) {
  const res = await request(app)
    .get(`/api/v1/attendance?employeeId=${person.employee!.id}&from=${date}&to=${date}`)
    .set(person.auth)
    .expect(200);
  return res.body.data[0] as Record<string, unknown>;
}

describe('double taps', () => {
  it('when someone taps twice seconds apart on a terminal without directions then the second tap is kept, marked and not counted', async () => {
    const { person, send } = await setup();
    await send([{ timestamp: '2026-11-23T09:00:00Z' }, { timestamp: '2026-11-23T09:00:20Z' }]);
    await send([{ timestamp: '2026-11-23T17:00:00Z' }]);
    expect(await dayOf(person, '2026-11-23')).toMatchObject({
      workedMinutes: 480,
      missingCheckOut: false,
      punchCount: 2,
    });
    const punches = await Punch.find({ employeeId: person.employee!.id }).sort({ at: 1 }).lean();
    expect(punches.map((p) => [p.pairing ?? null, p.ignored ?? null])).toEqual([
      ['in', null],
      [null, 'double_tap'],
      ['out', null],
    ]);
    const taps = await AttendanceException.find({
      employeeId: person.employee!.id,
      kind: 'double_tap',
    }).lean();
    expect(taps).toHaveLength(1);
    expect(taps[0]?.punchId?.toHexString()).toBe(punches[1]?._id.toHexString());
    // The same batch again stores nothing and raises nothing new.
    await send([{ timestamp: '2026-11-23T09:00:00Z' }, { timestamp: '2026-11-23T09:00:20Z' }]);
    expect(await Punch.countDocuments({ employeeId: person.employee!.id })).toBe(3);
    expect(await AttendanceException.countDocuments({ kind: 'double_tap' })).toBe(1);
  });

  it('when a check-in and a check-out with directions come seconds apart then both count', async () => {
    const { person, send } = await setup();
    await send([
      { timestamp: '2026-11-23T09:00:00Z', direction: 'in' },
      { timestamp: '2026-11-23T09:00:30Z', direction: 'out' },
    ]);
    const punches = await Punch.find({ employeeId: person.employee!.id }).lean();
    expect(punches.every((p) => !p.ignored)).toBe(true);
    expect(await dayOf(person, '2026-11-23')).toMatchObject({ missingCheckOut: false, punchCount: 2 });
  });

  it('when two taps are further apart than PUNCH_DEBOUNCE_SECONDS then the second is a check-out', async () => {
    setConfigForTests({ PUNCH_DEBOUNCE_SECONDS: 10 });
    const { person, send } = await setup();
    await send([{ timestamp: '2026-11-23T09:00:00Z' }, { timestamp: '2026-11-23T09:00:20Z' }]);
    expect(await Punch.countDocuments({ employeeId: person.employee!.id, ignored: 'double_tap' })).toBe(0);
    expect(await dayOf(person, '2026-11-23')).toMatchObject({ missingCheckOut: false, punchCount: 2 });
  });
});

import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { Punch } from '../../../src/modules/attendance/punch.model';
import { RawDeviceLine } from '../../../src/modules/attendance/raw-device-line.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { makePerson } from '../../support/factories';

useTestDatabase();
const app = testApp();
beforeEach(() => setClockForTests('2026-11-23T12:00:00Z'));
afterAll(() => setClockForTests(undefined));

const SN = 'CJDE193560123';

/** What a ZKTeco terminal in push mode sends: handshake, ATTLOG upload, command poll. */
describe('ZKTeco iclock push', () => {
  it('when a registered terminal shakes hands, pushes ATTLOG and polls then punches are stored in its time zone', async () => {
    const admin = await makePerson('admin');
    const person = await makePerson('employee', {
      employee: { employeeCode: '1001', timezone: 'Europe/Berlin' },
    });
    await request(app)
      .post('/api/v1/devices')
      .set(admin.auth)
      .send({ name: 'Lobby F22', serialNumber: SN, timezone: 'Europe/Berlin' })
      .expect(201);

    const handshake = await request(app)
      .get(`/iclock/cdata?SN=${SN}&options=all&pushver=2.4.1&language=69`)
      .expect(200);
    expect(handshake.headers['content-type']).toMatch(/^text\/plain/);
    expect(handshake.headers.date).toBeDefined();
    expect(handshake.text.split('\r\n')[0]).toBe(`GET OPTION FROM: ${SN}`);
    expect(handshake.text).toContain('TimeZone=1');
    expect(handshake.text).toContain('Realtime=1');

    const attlog = [
      '1001\t2026-11-23 08:57:12\t0\t1\t0\t0\t0',
      '1001\t2026-11-23 12:31:40\t2\t1\t0\t0\t0',
      '1001\t2026-11-23 13:02:05\t3\t1\t0\t0\t0',
      'garbage line without tabs',
      '9999\t2026-11-23 09:00:00\t0\t1\t0\t0\t0',
      '',
    ].join('\r\n');
    const push = await request(app)
      .post(`/iclock/cdata?SN=${SN}&table=ATTLOG&Stamp=9999`)
      .set('Content-Type', 'text/plain')
      .send(attlog)
      .expect(200);
    expect(push.text).toBe('OK: 5');

    const punches = await Punch.find({ employeeId: person.employee!.id }).sort({ at: 1 }).lean();
    expect(punches.map((p) => [p.at.toISOString(), p.direction, p.source])).toEqual([
      ['2026-11-23T07:57:12.000Z', 'in', 'iclock'],
      ['2026-11-23T11:31:40.000Z', 'out', 'iclock'],
      ['2026-11-23T12:02:05.000Z', 'in', 'iclock'],
    ]);
    const raw = await RawDeviceLine.find().sort({ at: 1 }).lean();
    expect(raw.map((r) => [r.line, r.reason])).toEqual([
      ['garbage line without tabs', 'unparseable ATTLOG line'],
      ['9999\t2026-11-23 09:00:00\t0\t1\t0\t0\t0', 'unknown employeeCode'],
    ]);

    // Terminals resend until acknowledged: the same upload again stores nothing new but is still OK.
    const retry = await request(app)
      .post(`/iclock/cdata?SN=${SN}&table=ATTLOG`)
      .set('Content-Type', 'text/plain')
      .send(attlog)
      .expect(200);
    expect(retry.text).toBe('OK: 5');
    expect(await Punch.countDocuments({ employeeId: person.employee!.id })).toBe(3);

    const poll = await request(app).get(`/iclock/getrequest?SN=${SN}`).expect(200);
    expect(poll.text).toBe('OK');
    const day = await request(app)
      .get(`/api/v1/attendance?employeeId=${person.employee!.id}&from=2026-11-23&to=2026-11-23`)
      .set(admin.auth)
      .expect(200);
    expect(day.body.data[0]).toMatchObject({ status: 'present', missingCheckOut: true, workedMinutes: 214 });
  });

  it('when an unknown or revoked serial number calls then it is refused', async () => {
    const admin = await makePerson('admin');
    await request(app).get('/iclock/cdata?SN=UNKNOWN1').expect(403);
    const device = await request(app)
      .post('/api/v1/devices')
      .set(admin.auth)
      .send({ name: 'Old', serialNumber: 'OLD0001' })
      .expect(201);
    await request(app).get('/iclock/getrequest?SN=OLD0001').expect(200);
    await request(app).delete(`/api/v1/devices/${device.body.id}`).set(admin.auth).expect(204);
    await request(app)
      .post('/iclock/cdata?SN=OLD0001&table=ATTLOG')
      .send('1\t2026-11-23 09:00:00\t0\t1\t0')
      .expect(403);
  });

  it('when the terminal pushes another table then it is acknowledged and nothing is stored', async () => {
    const admin = await makePerson('admin');
    await request(app)
      .post('/api/v1/devices')
      .set(admin.auth)
      .send({ name: 'Ops', serialNumber: 'OPS0001' })
      .expect(201);
    const res = await request(app)
      .post('/iclock/cdata?SN=OPS0001&table=OPERLOG')
      .send('OPLOG 4\t0\t2026-11-23 09:00:00\t0\t0\t0\t0')
      .expect(200);
    expect(res.text).toBe('OK: 1');
  });
});

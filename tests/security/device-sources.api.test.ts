import request from 'supertest';
import { buildApp } from '../../src/app';
import { setConfigForTests } from '../../src/config';
import { setClockForTests } from '../../src/lib/clock';
import type { DomainEvents } from '../../src/lib/domain-events';
import { onDomainEvent } from '../../src/lib/domain-events';
import { addressAllowed, normaliseRange } from '../../src/modules/attendance/ip-ranges';
import { Punch } from '../../src/modules/attendance/punch.model';
import { useTestDatabase } from '../support/database';
import type { Person } from '../support/factories';
import { makePerson } from '../support/factories';

/**
 * Class: device spoofing (OWASP API2 and API4; ASVS 4.3.1, 9.2 and 11.1.4). A ZKTeco terminal proves
 * nothing but a serial number printed on it, so each device may be tied to the addresses it sends
 * from (`allowedIps`). A push or a device-key request from elsewhere is refused exactly like an
 * unknown device (iclock 403 "Unknown device", device key 401), nothing is stored, and
 * `device.source_refused` is emitted (per employee it carried punches for). Refused and unknown
 * serials spend the client address's budget, never the real terminal's.
 */
useTestDatabase();
// One trusted proxy, so X-Forwarded-For sets the client address; small budgets, set before first use.
setConfigForTests({
  TRUST_PROXY_HOPS: 1,
  ICLOCK_MAX_REQUESTS_PER_MINUTE: 5,
  ICLOCK_REFUSED_MAX_PER_MINUTE: 3,
});
const { app } = buildApp();
const refused: DomainEvents['device.source_refused'][] = [];
onDomainEvent('device.source_refused', (event) => {
  refused.push(event);
  return Promise.resolve();
});
beforeEach(() => {
  setClockForTests('2026-11-23T12:00:00Z');
  refused.length = 0;
});
afterAll(() => setClockForTests(undefined));

const TERMINAL_IP = '10.20.0.7';
let serial = 0;
let admin: Person;
beforeAll(async () => {
  admin = await makePerson('admin');
});

async function terminal(allowedIps: string[]) {
  const serialNumber = `SPOOF${String(++serial).padStart(4, '0')}`;
  const created = await request(app)
    .post('/api/v1/devices')
    .set(admin.auth)
    .send({ name: `Gate ${serial}`, serialNumber, timezone: 'UTC' })
    .expect(201);
  const patched = await request(app)
    .patch(`/api/v1/devices/${created.body.id}`)
    .set(admin.auth)
    .send({ allowedIps })
    .expect(200);
  return {
    id: created.body.id as string,
    serialNumber,
    apiKey: created.body.apiKey as string,
    patched: patched.body,
  };
}

const push = (sn: string, from: string, body: string) =>
  request(app)
    .post(`/iclock/cdata?SN=${sn}&table=ATTLOG`)
    .set('X-Forwarded-For', from)
    .set('Content-Type', 'text/plain')
    .send(body);

describe('allowedIps ranges', () => {
  it('normalises addresses and ranges and matches IPv4, IPv6 and IPv4-mapped addresses', () => {
    expect(normaliseRange('10.20.0.7')).toBe('10.20.0.7/32');
    expect(normaliseRange('2001:DB8:0::/48')).toBe('2001:db8::/48');
    expect(normaliseRange('300.1.1.1/8')).toBeUndefined();
    expect(normaliseRange('10.0.0.0/33')).toBeUndefined();
    expect(addressAllowed(['10.20.0.0/24'], '::ffff:10.20.0.9')).toBe(true);
    expect(addressAllowed(['10.20.0.0/24'], '10.20.1.9')).toBe(false);
    expect(addressAllowed(['2001:db8::/48'], '2001:db8:0:7::1')).toBe(true);
    expect(addressAllowed(['10.0.0.0/8'], '2001:db8::1')).toBe(false);
    expect(addressAllowed([], '203.0.113.9')).toBe(true);
    expect(addressAllowed(['10.0.0.0/8'], undefined)).toBe(false);
  });

  it('when an admin sets allowedIps then they are stored normalised; malformed is 400, not an address is 422, both naming the entry', async () => {
    const device = await terminal(['10.20.0.0/24', '2001:DB8::/48', '10.20.0.7']);
    expect(device.patched.allowedIps).toEqual(['10.20.0.0/24', '2001:db8::/48', '10.20.0.7/32']);
    const path = `/api/v1/devices/${device.id}`;
    const malformed = await request(app)
      .patch(path)
      .set(admin.auth)
      .send({ allowedIps: ['gate-net'] })
      .expect(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'allowedIps[0]' })]);
    const impossible = await request(app)
      .patch(path)
      .set(admin.auth)
      .send({ allowedIps: ['10.0.0.0/8', '300.1.1.1/8'] })
      .expect(422);
    expect(impossible.body.errors).toEqual([
      { field: 'allowedIps[1]', message: 'is not an IP address or CIDR range' },
    ]);
    const list = await request(app).get('/api/v1/devices').set(admin.auth).expect(200);
    expect(list.body.find((d: { id: string }) => d.id === device.id).allowedIps).toEqual(
      device.patched.allowedIps,
    );
    const manager = await makePerson('manager');
    await request(app).patch(path).set(manager.auth).send({ allowedIps: [] }).expect(403);
    await request(app)
      .patch('/api/v1/devices/0123456789abcdef01234567')
      .set(admin.auth)
      .send({ name: 'x' })
      .expect(404);
  });
});

describe('ZKTeco push from outside allowedIps', () => {
  it('when a push with a real serial comes from elsewhere then 403 like an unknown device, nothing is stored, and the refusal is emitted per employee', async () => {
    const person = await makePerson('employee', { employee: { employeeCode: 'SP1001' } });
    const device = await terminal(['10.20.0.0/24']);
    const line = 'SP1001\t2026-11-23 09:00:00\t0\t1\t0';
    const spoofed = await push(device.serialNumber, '203.0.113.50', line).expect(403);
    const unknown = await push('NOSUCHSERIAL', '203.0.113.50', line).expect(403);
    expect(spoofed.text).toBe(unknown.text);
    expect(await Punch.countDocuments({ employeeId: person.employee!.id })).toBe(0);
    expect(refused).toEqual([
      {
        deviceId: device.id,
        employeeId: person.employee!.id,
        ip: '203.0.113.50',
        at: '2026-11-23T12:00:00.000Z',
      },
    ]);

    await push(device.serialNumber, TERMINAL_IP, line).expect(200);
    expect(await Punch.countDocuments({ employeeId: person.employee!.id })).toBe(1);
    expect(refused).toHaveLength(1);
  });

  it('when a handshake comes from elsewhere then the refusal is emitted without an employee', async () => {
    const device = await terminal(['10.20.0.0/24']);
    await request(app)
      .get(`/iclock/cdata?SN=${device.serialNumber}`)
      .set('X-Forwarded-For', '198.51.100.4')
      .expect(403);
    expect(refused).toEqual([{ deviceId: device.id, ip: '198.51.100.4', at: '2026-11-23T12:00:00.000Z' }]);
  });

  it('when a device key is used from elsewhere then 401 like a wrong key, nothing is stored, and the refusal is emitted', async () => {
    const person = await makePerson('employee', { employee: { employeeCode: 'SP2001' } });
    const device = await terminal(['10.20.0.0/24']);
    const batch = {
      events: [{ employeeCode: 'SP2001', timestamp: '2026-11-23T09:00:00Z', direction: 'in' }],
    };
    const ingest = (from: string, key = device.apiKey) =>
      request(app)
        .post('/api/v1/attendance/ingest')
        .set('X-Device-Key', key)
        .set('X-Forwarded-For', from)
        .send(batch);
    const outside = await ingest('203.0.113.51').expect(401);
    const wrongKey = await ingest(TERMINAL_IP, `${device.apiKey.slice(0, -2)}xx`).expect(401);
    expect(outside.body.detail).toBe(wrongKey.body.detail);
    expect(refused).toEqual([
      expect.objectContaining({ deviceId: device.id, employeeId: person.employee!.id, ip: '203.0.113.51' }),
    ]);
    expect(await Punch.countDocuments({ employeeId: person.employee!.id })).toBe(0);
    await ingest(TERMINAL_IP).expect(202);
    expect(await Punch.countDocuments({ employeeId: person.employee!.id })).toBe(1);
  });
});

describe('throttling refused and unknown serials per client address', () => {
  it("when an outsider hammers a real serial then it is slowed (429) and the terminal's own budget is untouched", async () => {
    const device = await terminal(['10.20.0.0/24']);
    const outsider = '203.0.113.60';
    for (let i = 0; i < 3; i++)
      await request(app)
        .get(`/iclock/getrequest?SN=${device.serialNumber}`)
        .set('X-Forwarded-For', outsider)
        .expect(403);
    const limited = await request(app)
      .get(`/iclock/getrequest?SN=${device.serialNumber}`)
      .set('X-Forwarded-For', outsider)
      .expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await request(app).get('/iclock/getrequest?SN=ANYTHINGELSE').set('X-Forwarded-For', outsider).expect(429);
    for (let i = 0; i < 5; i++)
      await request(app)
        .get(`/iclock/getrequest?SN=${device.serialNumber}`)
        .set('X-Forwarded-For', TERMINAL_IP)
        .expect(200);
    await request(app)
      .get(`/iclock/getrequest?SN=${device.serialNumber}`)
      .set('X-Forwarded-For', TERMINAL_IP)
      .expect(429);
  });

  it('when one address probes unknown serials then 429 after its budget; another address is unaffected', async () => {
    for (let i = 0; i < 3; i++)
      await request(app)
        .get(`/iclock/getrequest?SN=PROBE${i}`)
        .set('X-Forwarded-For', '198.51.100.70')
        .expect(403);
    await request(app)
      .get('/iclock/getrequest?SN=PROBE9')
      .set('X-Forwarded-For', '198.51.100.70')
      .expect(429);
    await request(app)
      .get('/iclock/getrequest?SN=PROBE9')
      .set('X-Forwarded-For', '198.51.100.71')
      .expect(403);
  });
});

describe('a separate listener for the push protocol (ICLOCK_PORT)', () => {
  // Plain fetch: a 404 for a path the full document lists is the point here, not a contract breach.
  async function status(app: ReturnType<typeof buildApp>['app'], path: string): Promise<number> {
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as { port: number };
      const headers = { 'X-Forwarded-For': '198.51.100.80' };
      return (await fetch(`http://127.0.0.1:${port}${path}`, { headers })).status;
    } finally {
      server.close();
    }
  }

  it('when the surfaces are split then the iclock listener serves only /iclock and the API no /iclock', async () => {
    const iclock = buildApp({ surface: 'iclock' }).app;
    const api = buildApp({ surface: 'api' }).app;
    expect(await status(iclock, '/iclock/getrequest?SN=NOSUCHSERIAL')).toBe(403);
    expect(await status(iclock, '/api/v1/health')).toBe(404);
    expect(await status(iclock, '/docs/')).toBe(404);
    expect(await status(api, '/iclock/getrequest?SN=NOSUCHSERIAL')).toBe(404);
    expect(await status(api, '/api/v1/health')).toBe(200);
  });
});

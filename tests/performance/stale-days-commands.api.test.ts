import request from 'supertest';
import { setConfigForTests } from '../../src/config';
import { queriesIn, startCountingCommands } from '../../src/db/command-monitor';
import { setClockForTests } from '../../src/lib/clock';
import { drainStaleDays } from '../../src/modules/attendance/stale-days.service';
import { testApp } from '../support/app';
import { useTestDatabase } from '../support/database';
import type { Person } from '../support/factories';
import { makeDeviceKey, makeEmployee, makePerson } from '../support/factories';

/**
 * The N+1 guard of append-only ingest: a device batch, a worker pass and a read that repairs stale
 * days each send the same number of database commands for 6 employees as for 18.
 */
useTestDatabase({ monitorCommands: true });
setConfigForTests({ AUTH_USER_CACHE_SECONDS: 300 });
const app = testApp();
beforeAll(() => setClockForTests('2026-11-24T12:00:00Z'));
afterAll(() => setClockForTests(undefined));

let admin: Person;
let key = '';
beforeAll(async () => {
  admin = await makePerson('admin');
  key = await makeDeviceKey('Gate');
});

async function codes(count: number): Promise<string[]> {
  const made = await Promise.all(Array.from({ length: count }, () => makeEmployee({ timezone: 'UTC' })));
  return made.map((e) => e.employeeCode);
}

const batch = (people: string[], date: string) =>
  people.flatMap((code) => [
    { employeeCode: code, timestamp: `${date}T09:00:00Z`, direction: 'in' },
    { employeeCode: code, timestamp: `${date}T17:00:00Z`, direction: 'out' },
  ]);

async function counted(run: () => Promise<unknown>): Promise<number> {
  const stop = startCountingCommands();
  await run();
  return queriesIn(stop());
}

async function commandsFor(people: string[], clock: string) {
  // Each measurement a minute apart: a device's lastSeenAt is written at most every 10 s.
  setClockForTests(clock);
  const ingest = await counted(() =>
    request(app)
      .post('/api/v1/attendance/ingest')
      .set('X-Device-Key', key)
      .send({ events: batch(people, '2026-11-20') })
      .expect(202),
  );
  const workerPass = await counted(() => drainStaleDays());
  await request(app)
    .post('/api/v1/attendance/ingest')
    .set('X-Device-Key', key)
    .send({ events: batch(people, '2026-11-23') })
    .expect(202);
  await request(app).get('/api/v1/attendance?from=2026-11-01&to=2026-11-02').set(admin.auth).expect(200); // warm-up
  const readRepair = await counted(() =>
    request(app)
      .get('/api/v1/attendance?from=2026-11-23&to=2026-11-23&limit=100')
      .set(admin.auth)
      .expect(200),
  );
  const freshRead = await counted(() =>
    request(app)
      .get('/api/v1/attendance?from=2026-11-23&to=2026-11-23&limit=100')
      .set(admin.auth)
      .expect(200),
  );
  return { ingest, workerPass, readRepair, freshRead };
}

describe('database commands of append-only ingest', () => {
  it('when the batch triples then ingest, a worker pass and a repairing read send the same commands', async () => {
    const small = await commandsFor(await codes(6), '2026-11-24T12:01:00Z');
    const large = await commandsFor(await codes(18), '2026-11-24T12:02:00Z');
    process.stdout.write(`stale-days commands: ${JSON.stringify({ small, large })}\n`);
    expect(large).toEqual(small);
    // Repairing costs the recompute; with nothing stale the read is the marker lookup, the page and the count.
    expect(small.readRepair).toBeGreaterThan(small.freshRead);
    expect(small.ingest).toBeLessThan(12);
  });

  it('when a device posts again within 10 seconds then its lastSeenAt is not written again', async () => {
    const people = await codes(2);
    const post = (date: string) =>
      counted(() =>
        request(app)
          .post('/api/v1/attendance/ingest')
          .set('X-Device-Key', key)
          .send({ events: batch(people, date) })
          .expect(202),
      );
    // A batch first, a minute before: these people's roster entries are cached in every post below.
    setClockForTests('2026-11-24T12:59:00Z');
    await post('2026-11-19');
    setClockForTests('2026-11-24T13:00:00Z');
    const first = await post('2026-11-18');
    setClockForTests('2026-11-24T13:00:05Z');
    const soon = await post('2026-11-17');
    setClockForTests('2026-11-24T13:00:20Z');
    const later = await post('2026-11-16');
    expect(soon).toBe(first - 1);
    expect(later).toBe(first);
    const devices = await request(app).get('/api/v1/devices').set(admin.auth).expect(200);
    const seen = (devices.body as Array<{ lastSeenAt: string | null }>)[0]?.lastSeenAt;
    expect(seen).toBe('2026-11-24T13:00:20.000Z');
  });

  it('when a day with an open finding is recomputed and nothing new is found then no finding is sent again', async () => {
    const [code] = await codes(1);
    const post = (events: object[]) =>
      request(app).post('/api/v1/attendance/ingest').set('X-Device-Key', key).send({ events }).expect(202);
    setClockForTests('2026-11-24T14:00:00Z');
    // A double tap: the second check-in 20 s after the first is ignored and reported once.
    await post([
      { employeeCode: code, timestamp: '2026-11-12T09:00:00Z', direction: 'in' },
      { employeeCode: code, timestamp: '2026-11-12T09:00:20Z', direction: 'in' },
    ]);
    const firstPass = await (async () => {
      const stop = startCountingCommands();
      await drainStaleDays();
      return stop();
    })();
    // The batch's day marked, then the finding raised.
    expect(firstPass.insert).toBe(2);
    setClockForTests('2026-11-24T14:01:00Z');
    await post([{ employeeCode: code, timestamp: '2026-11-12T17:00:00Z', direction: 'out' }]);
    const stop = startCountingCommands();
    await drainStaleDays();
    // The pass marks the new batch's day (one insert); the walk finds the double tap again, and it
    // is open already, so no second insert is sent for it.
    expect(stop().insert).toBe(1);
    const findings = await request(app)
      .get('/api/v1/attendance/exceptions?kind=double_tap&from=2026-11-12&to=2026-11-12')
      .set(admin.auth)
      .expect(200);
    expect(findings.body).toMatchObject({ total: 1, data: [{ kind: 'double_tap', status: 'open' }] });
  });
});

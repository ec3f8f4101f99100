import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { Punch } from '../../../src/modules/attendance/punch.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { makePerson } from '../../support/factories';

useTestDatabase();
const app = testApp();
afterAll(() => setClockForTests(undefined));

describe('ingest under a burst', () => {
  it('when many batches arrive at once from several devices then every accepted event is stored, none twice', async () => {
    setClockForTests('2026-11-23T20:00:00Z');
    const admin = await makePerson('admin');
    const people = await Promise.all(Array.from({ length: 5 }, () => makePerson('employee')));
    const devices = await Promise.all(
      [1, 2, 3, 4].map(
        async (n) =>
          (
            await request(app)
              .post('/api/v1/devices')
              .set(admin.auth)
              .send({ name: `Gate ${n}` })
              .expect(201)
          ).body as { apiKey: string },
      ),
    );
    // 4 devices x 5 batches x 50 events, each batch sent twice (a retry storm): 1000 distinct events.
    const batches = devices.flatMap((device, d) =>
      [0, 1, 2, 3, 4].map((b) => ({
        key: device.apiKey,
        events: Array.from({ length: 50 }, (_, i) => {
          const person = people[i % people.length]!;
          const minute = b * 50 + i;
          return {
            eventId: `d${d}-b${b}-e${i}`,
            employeeCode: person.employee!.employeeCode,
            timestamp: new Date(Date.UTC(2026, 10, 23, 8, 0, minute)).toISOString(),
          };
        }),
      })),
    );
    const results = await Promise.all(
      [...batches, ...batches].map((batch) =>
        request(app)
          .post('/api/v1/attendance/ingest')
          .set('X-Device-Key', batch.key)
          .send({ events: batch.events }),
      ),
    );
    expect(results.every((r) => r.status === 202)).toBe(true);
    const accepted = results.reduce((sum, r) => sum + (r.body as { accepted: number }).accepted, 0);
    const duplicates = results.reduce((sum, r) => sum + (r.body as { duplicates: number }).duplicates, 0);
    expect(accepted).toBe(1000);
    expect(duplicates).toBe(1000);
    expect(await Punch.countDocuments({ source: 'device' })).toBe(accepted);
  }, 120_000);
});

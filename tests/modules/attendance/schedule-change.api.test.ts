import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { runJob } from '../../../src/jobs/jobs';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { makePerson } from '../../support/factories';

useTestDatabase();
const app = testApp();
afterAll(() => setClockForTests(undefined));

describe('a new work week recomputes recent attendance days', () => {
  it('when Monday leaves the work week then recent Mondays recorded absent become days off, older ones stay', async () => {
    setClockForTests('2026-11-25T06:00:00Z');
    const admin = await makePerson('admin');
    const person = await makePerson('employee', { employee: { hireDate: '2025-01-06' } });
    await runJob('close-day', '2026-10-20'); // closes Monday 19 October (older than INGEST_MAX_AGE_DAYS by 25 November)
    await runJob('close-day', '2026-11-24'); // closes Monday 23 November
    const statusOn = async (date: string) => {
      const res = await request(app)
        .get(`/api/v1/attendance?employeeId=${person.employee!.id}&from=${date}&to=${date}`)
        .set(admin.auth)
        .expect(200);
      return (res.body.data as Array<{ status: string }>)[0]?.status;
    };
    expect(await statusOn('2026-11-23')).toBe('absent');
    expect(await statusOn('2026-10-19')).toBe('absent');

    await request(app)
      .patch(`/api/v1/employees/${person.employee!.id}`)
      .set(admin.auth)
      .send({ workWeek: [2, 3, 4, 5] })
      .expect(200);

    expect(await statusOn('2026-11-23')).toBe('weekend');
    expect(await statusOn('2026-10-19')).toBe('absent');
  });
});

import request from 'supertest';
import { startCountingCommands } from '../../../src/db/command-monitor';
import { setClockForTests } from '../../../src/lib/clock';
import { StaleBatch } from '../../../src/modules/attendance/stale-batch.model';
import { Employee } from '../../../src/modules/employees/employee.model';
import { advanceRosterVersion } from '../../../src/modules/employees/roster-version.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makeDeviceKey, makeEmployee, makePerson } from '../../support/factories';

/**
 * Ingest keeps who punches (code, status, zone, shift) between batches, and every write to
 * employees, through the API, through the model, or on another instance (which moves the shared
 * roster version on), reaches the next batch.
 */
useTestDatabase({ monitorCommands: true });
const app = testApp();
beforeAll(() => setClockForTests('2026-11-24T12:00:00Z'));
afterAll(() => setClockForTests(undefined));

let admin: Person;
let key = '';
beforeAll(async () => {
  admin = await makePerson('admin');
  key = await makeDeviceKey('Gate');
});

interface Answer {
  accepted: number;
  rejected: Array<{ index: number; reason: string }>;
}

async function post(events: object[]): Promise<{ answer: Answer; finds: number }> {
  const stop = startCountingCommands();
  const res = await request(app)
    .post('/api/v1/attendance/ingest')
    .set('X-Device-Key', key)
    .send({ events })
    .expect(202);
  return { answer: res.body as Answer, finds: stop().find ?? 0 };
}

const punch = (code: string, timestamp: string) => ({ employeeCode: code, timestamp, direction: 'in' });

describe('the roster cache of ingest', () => {
  it('when the same people post again then they are not looked up again', async () => {
    const people = await Promise.all([makeEmployee(), makeEmployee(), makeEmployee()]);
    const first = await post(people.map((p) => punch(p.employeeCode, '2026-11-20T09:00:00Z')));
    const again = await post(people.map((p) => punch(p.employeeCode, '2026-11-21T09:00:00Z')));
    expect(first.answer.accepted).toBe(3);
    expect(again.answer.accepted).toBe(3);
    expect(again.finds).toBe(first.finds - 1);
    // Someone new in a known batch: only they are read.
    const newcomer = await makeEmployee();
    const mixed = await post([...people, newcomer].map((p) => punch(p.employeeCode, '2026-11-22T09:00:00Z')));
    expect(mixed.answer.accepted).toBe(4);
    expect(mixed.finds).toBe(first.finds);
  });

  it('when an admin deactivates someone between two batches then the next batch refuses their punches', async () => {
    const [stays, leaves] = await Promise.all([makeEmployee(), makeEmployee()]);
    const events = (date: string) => [stays, leaves].map((p) => punch(p.employeeCode, `${date}T09:00:00Z`));
    expect((await post(events('2026-11-20'))).answer.accepted).toBe(2);
    await request(app).delete(`/api/v1/employees/${leaves.id}`).set(admin.auth).expect(204);
    const { answer } = await post(events('2026-11-21'));
    expect(answer).toMatchObject({ accepted: 1, rejected: [{ index: 1, reason: 'employee is not active' }] });
  });

  it('when an admin moves someone to another zone then the next batch dates their punches in it', async () => {
    const traveller = await makeEmployee({ timezone: 'UTC' });
    await post([punch(traveller.employeeCode, '2026-11-19T23:30:00Z')]);
    await request(app)
      .patch(`/api/v1/employees/${traveller.id}`)
      .set(admin.auth)
      .send({ timezone: 'Asia/Tokyo' })
      .expect(200);
    // 23:30 UTC is 08:30 the next morning in Tokyo: the day marked for recompute is the 21st.
    await post([punch(traveller.employeeCode, '2026-11-20T23:30:00Z')]);
    const batches = await StaleBatch.find({ 'days.employeeId': traveller.id }).lean();
    const marked = batches.flatMap((b) => b.days).filter((d) => d.employeeId.toHexString() === traveller.id);
    expect(marked.map((d) => d.date).sort()).toEqual(['2026-11-19', '2026-11-21']);
  });

  it('when a write through the model changes someone then the next batch sees it', async () => {
    const person = await makeEmployee();
    await post([punch(person.employeeCode, '2026-11-20T09:00:00Z')]);
    await Employee.updateOne({ _id: person.id }, { $set: { status: 'inactive' } });
    const { answer } = await post([punch(person.employeeCode, '2026-11-21T09:00:00Z')]);
    expect(answer.rejected).toEqual([{ index: 0, reason: 'employee is not active' }]);
  });

  it('when another instance writes then the cache holds until the roster version moves on', async () => {
    const person = await makeEmployee();
    await post([punch(person.employeeCode, '2026-11-20T09:00:00Z')]);
    // Another instance's write reaches the database first and moves the version on just after;
    // in between, this instance still answers from what it read.
    await Employee.collection.updateOne(
      { employeeCode: person.employeeCode },
      { $set: { status: 'inactive' } },
    );
    expect((await post([punch(person.employeeCode, '2026-11-21T09:00:00Z')])).answer.accepted).toBe(1);
    await advanceRosterVersion();
    const { answer } = await post([punch(person.employeeCode, '2026-11-22T09:00:00Z')]);
    expect(answer.rejected).toEqual([{ index: 0, reason: 'employee is not active' }]);
  });
});

import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makePerson } from '../../support/factories';
import { makeHoliday, makeLeaveType } from '../../support/leave-factories';

useTestDatabase();
const app = testApp();
// Monday 23 November 2026. 7-11 December and 14-18 December 2026 are Monday-Friday weeks.
beforeEach(() => setClockForTests('2026-11-23T10:00:00Z'));
afterAll(() => setClockForTests(undefined));

function submit(person: Person, body: object) {
  return request(app).post('/api/v1/leave-requests').set(person.auth).send(body);
}

const employee = () => makePerson('employee', { employee: { hireDate: '2020-01-06' } });
const fields = (body: { errors?: Array<{ field: string }> }) =>
  (body.errors ?? []).map((e) => e.field).sort();

describe('max consecutive days across requests', () => {
  it('when a request joins earlier ones across a weekend then the whole absence counts (422 on startDate)', async () => {
    const [person, type] = await Promise.all([employee(), makeLeaveType({ maxConsecutiveDays: 5 })]);
    await submit(person, { leaveTypeId: type.id, startDate: '2026-12-07', endDate: '2026-12-09' }).expect(
      201,
    );
    await submit(person, { leaveTypeId: type.id, startDate: '2026-12-10', endDate: '2026-12-11' }).expect(
      201,
    );
    const refused = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-12-14',
      endDate: '2026-12-14',
    }).expect(422);
    expect(fields(refused.body)).toEqual(['startDate']);
    expect(refused.body.detail).toContain('6');
  });

  it('when a request is booked before a later one then the run counts too (422 on endDate)', async () => {
    const [person, type] = await Promise.all([employee(), makeLeaveType({ maxConsecutiveDays: 4 })]);
    await submit(person, { leaveTypeId: type.id, startDate: '2026-12-14', endDate: '2026-12-16' }).expect(
      201,
    );
    const refused = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-12-10',
      endDate: '2026-12-11',
    }).expect(422);
    expect(fields(refused.body)).toEqual(['endDate']);
  });

  it('when a request fills the gap between two others then both sides are named', async () => {
    const [person, type] = await Promise.all([employee(), makeLeaveType({ maxConsecutiveDays: 4 })]);
    await submit(person, { leaveTypeId: type.id, startDate: '2026-12-07', endDate: '2026-12-08' }).expect(
      201,
    );
    await submit(person, { leaveTypeId: type.id, startDate: '2026-12-10', endDate: '2026-12-11' }).expect(
      201,
    );
    const refused = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-12-09',
      endDate: '2026-12-09',
    }).expect(422);
    expect(fields(refused.body)).toEqual(['endDate', 'startDate']);
  });

  it('when only a holiday and a weekend lie between then the requests join', async () => {
    const [person, type] = await Promise.all([employee(), makeLeaveType({ maxConsecutiveDays: 6 })]);
    await makeHoliday('2026-12-11');
    await submit(person, { leaveTypeId: type.id, startDate: '2026-12-07', endDate: '2026-12-10' }).expect(
      201,
    );
    await submit(person, { leaveTypeId: type.id, startDate: '2026-12-14', endDate: '2026-12-15' }).expect(
      201,
    );
    await submit(person, { leaveTypeId: type.id, startDate: '2026-12-16', endDate: '2026-12-16' }).expect(
      422,
    );
  });

  it('when a working day lies between, or the other leave is cancelled or of another type, then nothing joins', async () => {
    const [person, type, other] = await Promise.all([
      employee(),
      makeLeaveType({ maxConsecutiveDays: 3 }),
      makeLeaveType({ maxConsecutiveDays: 3 }),
    ]);
    await submit(person, { leaveTypeId: type.id, startDate: '2027-01-11', endDate: '2027-01-13' }).expect(
      201,
    );
    // Thursday 14 January is worked.
    await submit(person, { leaveTypeId: type.id, startDate: '2027-01-15', endDate: '2027-01-15' }).expect(
      201,
    );
    const cancelled = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2027-01-19',
      endDate: '2027-01-21',
    }).expect(201);
    await request(app)
      .post(`/api/v1/leave-requests/${cancelled.body.id}/cancel`)
      .set(person.auth)
      .expect(200);
    await submit(person, { leaveTypeId: type.id, startDate: '2027-01-22', endDate: '2027-01-22' }).expect(
      201,
    );
    await submit(person, { leaveTypeId: other.id, startDate: '2027-01-25', endDate: '2027-01-27' }).expect(
      201,
    );
  });

  it('when the type counts calendar days then the days off between requests count as well', async () => {
    const [person, type] = await Promise.all([
      employee(),
      makeLeaveType({ maxConsecutiveDays: 10, unit: 'calendar_day' }),
    ]);
    await submit(person, { leaveTypeId: type.id, startDate: '2026-12-07', endDate: '2026-12-11' }).expect(
      201,
    );
    // 5 + Saturday and Sunday + 3 = 10.
    await submit(person, { leaveTypeId: type.id, startDate: '2026-12-14', endDate: '2026-12-16' }).expect(
      201,
    );
    const refused = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-12-17',
      endDate: '2026-12-17',
    }).expect(422);
    expect(fields(refused.body)).toEqual(['startDate']);
  });

  it('when one request alone is too long then 422 names endDate', async () => {
    const [person, type] = await Promise.all([employee(), makeLeaveType({ maxConsecutiveDays: 2 })]);
    const refused = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-12-07',
      endDate: '2026-12-09',
    }).expect(422);
    expect(fields(refused.body)).toEqual(['endDate']);
  });
});

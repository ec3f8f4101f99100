import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { runJob } from '../../../src/jobs/jobs';
import { LedgerEntry } from '../../../src/modules/leave/leave-ledger.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makePerson } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';

useTestDatabase();
const app = testApp();
afterAll(() => setClockForTests(undefined));

/**
 * Each test: 20 days a year, up to 5 carried into 2027, lapsing after 3 months: carried days are
 * usable by leave dated up to 31 March 2027. Nothing is taken in 2026, so 5 carry over.
 */
async function carriedFive(requiresApproval = false) {
  setClockForTests('2026-11-23T10:00:00Z');
  const admin = await makePerson('admin');
  const person = await makePerson('employee', { employee: { hireDate: '2020-01-06' } });
  const type = await makeLeaveType({
    annualEntitlement: 20,
    carryOverMax: 5,
    carryOverExpiryMonths: 3,
    requiresApproval,
  });
  await runJob('carry-over', '2027-01-01');
  setClockForTests('2027-01-04T09:00:00Z');
  return { admin, person, type };
}

async function balance(viewer: Person, of: Person, code: string) {
  const res = await request(app)
    .get(`/api/v1/leave-balances?employeeId=${of.employee!.id}&year=2027`)
    .set(viewer.auth)
    .expect(200);
  return res.body.find((b: { code: string }) => b.code === code) as Record<string, number>;
}

function submit(by: Person, body: object) {
  return request(app).post('/api/v1/leave-requests').set(by.auth).send(body);
}

const lapses = (person: Person, leaveTypeId: string) =>
  LedgerEntry.find({ employeeId: person.employee!.id, leaveTypeId, kind: 'carry_over_expiry' })
    .sort({ at: 1 })
    .lean();

describe('carry-over expiry by leave date', () => {
  it('when leave booked before the expiry is dated after it then the carried days still lapse', async () => {
    const { admin, person, type } = await carriedFive();
    await submit(person, { leaveTypeId: type.id, startDate: '2027-04-12', endDate: '2027-04-16' }).expect(
      201,
    );
    await runJob('carry-over', '2027-04-01');
    expect(await balance(admin, person, type.code)).toMatchObject({
      carriedOver: 0,
      used: 5,
      available: 15,
    });
  });

  it('when leave spans the expiry date then only its days up to that date use carried days', async () => {
    const { admin, person, type } = await carriedFive();
    // Monday 29 March to Friday 2 April: three days on or before 31 March.
    await submit(person, { leaveTypeId: type.id, startDate: '2027-03-29', endDate: '2027-04-02' }).expect(
      201,
    );
    await runJob('carry-over', '2027-04-01');
    await runJob('carry-over', '2027-04-02');
    expect(await balance(admin, person, type.code)).toMatchObject({ carriedOver: 3, used: 5, available: 18 });
    expect(await lapses(person, type.id)).toHaveLength(1);
  });

  it('when a request for dates after the expiry needs the carried days then it is refused before they lapse', async () => {
    const { admin, person, type } = await carriedFive();
    expect(await balance(admin, person, type.code)).toMatchObject({ available: 25 });
    // 21 working days in June: the 5 carried days cannot pay for any of them.
    const refused = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2027-06-01',
      endDate: '2027-06-29',
    }).expect(422);
    expect(refused.body.detail).toContain('lapse');
    await submit(person, { leaveTypeId: type.id, startDate: '2027-06-01', endDate: '2027-06-28' }).expect(
      201,
    );
    // The same 21 days in February and March use the carried days first.
    const other = await makePerson('employee', { employee: { hireDate: '2020-01-06' } });
    await runJob('carry-over', '2027-01-01');
    await submit(other, { leaveTypeId: type.id, startDate: '2027-02-01', endDate: '2027-03-01' }).expect(201);
  });

  it('when leave in the window is cancelled after the expiry then the lapse grows by a correcting entry, once', async () => {
    const { admin, person, type } = await carriedFive();
    const taken = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2027-03-22',
      endDate: '2027-03-24',
    }).expect(201);
    await runJob('carry-over', '2027-04-01');
    expect(await balance(admin, person, type.code)).toMatchObject({ carriedOver: 3, used: 3, available: 20 });
    setClockForTests('2027-04-05T09:00:00Z');
    await request(app).post(`/api/v1/leave-requests/${taken.body.id}/cancel`).set(admin.auth).expect(200);
    expect(await balance(admin, person, type.code)).toMatchObject({ carriedOver: 0, used: 0, available: 20 });
    await runJob('carry-over', '2027-04-05');
    const entries = await lapses(person, type.id);
    expect(entries.map((e) => e.days)).toEqual([-2, -3]);
    expect(new Set(entries.map((e) => e.key)).size).toBe(2);
  });

  it('when an admin records leave in the window after the expiry then the lapse shrinks', async () => {
    const { admin, person, type } = await carriedFive();
    await runJob('carry-over', '2027-04-01');
    expect(await balance(admin, person, type.code)).toMatchObject({ carriedOver: 0, available: 20 });
    setClockForTests('2027-04-05T09:00:00Z');
    await submit(admin, {
      employeeId: person.employee!.id,
      leaveTypeId: type.id,
      startDate: '2027-03-30',
      endDate: '2027-03-31',
    }).expect(201);
    expect(await balance(admin, person, type.code)).toMatchObject({ carriedOver: 2, used: 2, available: 20 });
  });

  it('when a pending request in the window is rejected after the expiry then its days lapse', async () => {
    const { admin, person, type } = await carriedFive(true);
    const pending = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2027-03-29',
      endDate: '2027-03-31',
    }).expect(201);
    await runJob('carry-over', '2027-04-01');
    expect(await balance(admin, person, type.code)).toMatchObject({ carriedOver: 3, pending: 3 });
    setClockForTests('2027-04-05T09:00:00Z');
    await request(app).post(`/api/v1/leave-requests/${pending.body.id}/reject`).set(admin.auth).expect(200);
    expect(await balance(admin, person, type.code)).toMatchObject({
      carriedOver: 0,
      pending: 0,
      available: 20,
    });
  });

  it('when a holiday added after the expiry shortens leave in the window then the recount lets a day lapse', async () => {
    const { admin, person, type } = await carriedFive();
    await submit(person, { leaveTypeId: type.id, startDate: '2027-03-22', endDate: '2027-03-26' }).expect(
      201,
    );
    await runJob('carry-over', '2027-04-01');
    expect(await balance(admin, person, type.code)).toMatchObject({ carriedOver: 5, used: 5, available: 20 });
    setClockForTests('2027-04-05T09:00:00Z');
    await request(app)
      .post('/api/v1/holidays')
      .set(admin.auth)
      .send({ date: '2027-03-24', name: 'Late decree', calendar: 'default' })
      .expect(201);
    expect(await balance(admin, person, type.code)).toMatchObject({ carriedOver: 4, used: 4, available: 20 });
    expect((await lapses(person, type.id)).map((e) => e.days)).toEqual([-1]);
  });
});

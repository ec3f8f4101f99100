import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { runJob } from '../../../src/jobs/jobs';
import { LedgerEntry } from '../../../src/modules/leave/leave-ledger.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { runJobCli } from '../../support/job-cli';
import type { Person } from '../../support/factories';
import { makeOrganisation, makePerson } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';

useTestDatabase();
const app = testApp();
beforeEach(() => setClockForTests('2026-11-23T10:00:00Z'));
afterAll(() => setClockForTests(undefined));

async function balance(viewer: Person, of: Person, code: string, year = 2026) {
  const res = await request(app)
    .get(`/api/v1/leave-balances?employeeId=${of.employee!.id}&year=${year}`)
    .set(viewer.auth)
    .expect(200);
  return res.body.find((b: { code: string }) => b.code === code) as Record<string, number>;
}

const hired = (hireDate: string) => makePerson('employee', { employee: { hireDate } });

describe('accrual', () => {
  it('when accrual is yearly then the whole entitlement is there from the start; a mid-year hire gets started months', async () => {
    const type = await makeLeaveType({ annualEntitlement: 24, accrual: 'yearly' });
    const veteran = await hired('2019-05-02');
    const newcomer = await hired('2026-03-15');
    expect(await balance(veteran, veteran, type.code)).toMatchObject({ entitled: 24, available: 24 });
    expect(await balance(newcomer, newcomer, type.code)).toMatchObject({ entitled: 20 }); // March..December = 10 months
  });

  it('when accrual is monthly and someone was hired mid-month then that month and each started month since accrue', async () => {
    const type = await makeLeaveType({ annualEntitlement: 24, accrual: 'monthly' });
    const person = await hired('2026-03-15');
    // March to November (the clock's month): 9 months of 2 days.
    expect(await balance(person, person, type.code)).toMatchObject({ entitled: 18, available: 18 });
    setClockForTests('2026-12-01T00:30:00Z');
    expect(await balance(person, person, type.code)).toMatchObject({ entitled: 20 });
  });

  it('when twelve monthly accruals of an uneven entitlement add up then the year is exact', async () => {
    const type = await makeLeaveType({ annualEntitlement: 25, accrual: 'monthly' });
    const person = await hired('2020-01-06');
    expect(await balance(person, person, type.code, 2025)).toMatchObject({ entitled: 25 });
  });

  it('when a type is created mid-year then existing staff are entitled at once', async () => {
    const person = await hired('2021-06-01');
    const type = await makeLeaveType({ annualEntitlement: 3, accrual: 'yearly', code: 'WELLNESS' });
    expect(await balance(person, person, type.code)).toMatchObject({ entitled: 3 });
  });

  it('when the accrual job runs twice for the same date then the ledger is the same', async () => {
    const type = await makeLeaveType({ annualEntitlement: 12, accrual: 'monthly' });
    const person = await hired('2026-01-10');
    const first = await runJob('accrual', '2026-11-23');
    const count = await LedgerEntry.countDocuments({ employeeId: person.employee!.id, leaveTypeId: type.id });
    expect(count).toBe(11);
    const second = await runJob('accrual', '2026-11-23');
    expect(second.entriesWritten).toBe(0);
    expect(first.entriesWritten).toBeGreaterThanOrEqual(11);
    expect(await LedgerEntry.countDocuments({ employeeId: person.employee!.id, leaveTypeId: type.id })).toBe(
      count,
    );
    expect(await balance(person, person, type.code)).toMatchObject({ entitled: 11 });
  });
});

describe('carry-over', () => {
  it('when the year ends then the remainder up to the cap carries over, once, and lapses after the expiry months', async () => {
    const admin = await makePerson('admin');
    const person = await hired('2020-01-06');
    const type = await makeLeaveType({
      annualEntitlement: 20,
      carryOverMax: 5,
      carryOverExpiryMonths: 3,
      requiresApproval: false,
    });
    // 2026: use 8 of 20, leaving 12; only 5 may carry.
    await request(app)
      .post('/api/v1/leave-requests')
      .set(person.auth)
      .send({ leaveTypeId: type.id, startDate: '2026-12-01', endDate: '2026-12-10' })
      .expect(201);
    await runJob('carry-over', '2027-01-01');
    await runJob('carry-over', '2027-01-01');
    setClockForTests('2027-01-04T09:00:00Z');
    expect(await balance(admin, person, type.code, 2027)).toMatchObject({
      entitled: 20,
      carriedOver: 5,
      available: 25,
    });
    expect(await LedgerEntry.countDocuments({ employeeId: person.employee!.id, kind: 'carry_over' })).toBe(1);

    // Two days taken in January use carried days first; the other three lapse on 1 April.
    await request(app)
      .post('/api/v1/leave-requests')
      .set(person.auth)
      .send({ leaveTypeId: type.id, startDate: '2027-01-11', endDate: '2027-01-12' })
      .expect(201);
    await runJob('carry-over', '2027-03-31');
    expect(await balance(admin, person, type.code, 2027)).toMatchObject({ carriedOver: 5 });
    await runJob('carry-over', '2027-04-01');
    await runJob('carry-over', '2027-04-02');
    expect(await balance(admin, person, type.code, 2027)).toMatchObject({
      carriedOver: 2,
      used: 2,
      available: 20,
    });
  });

  it('when the job runs from the CLI then it prints its summary and writes the same entries as the function', async () => {
    const person = await hired('2020-01-06');
    const type = await makeLeaveType({ annualEntitlement: 10, accrual: 'monthly' });
    const output = await runJobCli('accrual', '2026-06-15');
    expect(JSON.parse(output.trim())).toMatchObject({
      job: 'accrual',
      date: '2026-06-15',
      entriesWritten: expect.any(Number),
    });
    expect(
      await LedgerEntry.countDocuments({
        employeeId: person.employee!.id,
        leaveTypeId: type.id,
        kind: 'accrual',
      }),
    ).toBe(6);
  }, 30_000);
});

describe('GET /leave-balances and adjustments', () => {
  it('when an admin adjusts then the entry is added with its reason and the balance shows it', async () => {
    const org = await makeOrganisation();
    const type = await makeLeaveType({ annualEntitlement: 10 });
    const res = await request(app)
      .post('/api/v1/leave-balances/adjustments')
      .set(org.admin.auth)
      .send({
        employeeId: org.direct.employee!.id,
        leaveTypeId: type.id,
        year: 2026,
        days: 1.5,
        reason: 'Weekend on-call',
      })
      .expect(201);
    expect(res.body).toMatchObject({ days: 1.5, reason: 'Weekend on-call', balance: { adjustments: 1.5 } });
    expect(await balance(org.manager, org.direct, type.code)).toMatchObject({
      entitled: 10,
      adjustments: 1.5,
      available: 11.5,
    });
  });

  it('when an adjustment lacks a reason or is zero then 400; non-admins get 403', async () => {
    const org = await makeOrganisation();
    const type = await makeLeaveType();
    const bad = await request(app)
      .post('/api/v1/leave-balances/adjustments')
      .set(org.admin.auth)
      .send({ employeeId: org.direct.employee!.id, leaveTypeId: type.id, year: 2026, days: 0 })
      .expect(400);
    expect((bad.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual([
      'days',
      'reason',
    ]);
    await request(app)
      .post('/api/v1/leave-balances/adjustments')
      .set(org.manager.auth)
      .send({ employeeId: org.direct.employee!.id, leaveTypeId: type.id, year: 2026, days: 1, reason: 'x' })
      .expect(403);
  });

  it("when someone reads another person's balance then only their managers and admins may (404 otherwise)", async () => {
    const org = await makeOrganisation();
    await makeLeaveType();
    await request(app)
      .get(`/api/v1/leave-balances?employeeId=${org.indirect.employee!.id}`)
      .set(org.manager.auth)
      .expect(200);
    await request(app)
      .get(`/api/v1/leave-balances?employeeId=${org.manager.employee!.id}`)
      .set(org.direct.auth)
      .expect(404);
    await request(app)
      .get(`/api/v1/leave-balances?employeeId=${org.outsider.employee!.id}`)
      .set(org.manager.auth)
      .expect(404);
    const own = await request(app).get('/api/v1/leave-balances').set(org.direct.auth).expect(200);
    expect(own.body[0]).toEqual(
      expect.objectContaining({
        leaveTypeId: expect.any(String),
        code: expect.any(String),
        entitled: expect.any(Number),
        available: expect.any(Number),
      }),
    );
  });
});

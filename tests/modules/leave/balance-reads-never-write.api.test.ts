import request from 'supertest';
import { runJob } from '../../../src/jobs/jobs';
import { setClockForTests } from '../../../src/lib/clock';
import { LedgerEntry } from '../../../src/modules/leave/leave-ledger.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { makePerson } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';

/** Reads never write: balances and statements compute what is owed; only jobs and writes store entries. */
useTestDatabase();
const app = testApp();
beforeAll(() => setClockForTests('2026-11-23T10:00:00Z'));
afterAll(() => setClockForTests(undefined));

const ledger = async () =>
  (await LedgerEntry.find({}, { _id: 0 }).sort({ key: 1 }).lean()).map((e) => JSON.stringify(e));

it('when balances and statements are read then the ledger is unchanged, and the accrual job still stores what they showed', async () => {
  const admin = await makePerson('admin');
  const person = await makePerson('employee', { employee: { hireDate: '2026-03-15' } });
  const monthly = await makeLeaveType({ annualEntitlement: 24, accrual: 'monthly' });
  const yearly = await makeLeaveType({ annualEntitlement: 12, accrual: 'yearly' });
  await request(app)
    .post('/api/v1/leave-balances/adjustments')
    .set(admin.auth)
    .send({
      employeeId: person.employee!.id,
      leaveTypeId: monthly.id,
      year: 2026,
      days: 1,
      reason: 'Welcome',
    })
    .expect(201);
  const before = await ledger();
  expect(before).toHaveLength(1);

  const reads = async () => {
    const balances: Record<string, unknown> = {};
    for (const year of [2025, 2026, 2027])
      balances[year] = (
        await request(app)
          .get(`/api/v1/leave-balances?employeeId=${person.employee!.id}&year=${year}`)
          .set(admin.auth)
          .expect(200)
      ).body;
    const statements: Record<string, unknown> = {};
    for (const type of [monthly, yearly])
      for (const asOf of ['2026-05-01', '2026-11-23', '2027-06-30']) {
        const res = await request(app)
          .get('/api/v1/leave-balances/statement')
          .query({ employeeId: person.employee!.id, leaveTypeId: type.id, asOf, year: '2026' })
          .set(person.auth)
          .expect(200);
        statements[`${type.code}@${asOf}`] = res.body.closing;
      }
    await request(app).get('/api/v1/leave-balances').set(person.auth).expect(200);
    return { balances, statements };
  };

  const shown = await reads();
  expect(await ledger()).toEqual(before);
  const monthlyNow = (shown.balances[2026] as Array<{ leaveTypeId: string; entitled: number }>).find(
    (b) => b.leaveTypeId === monthly.id,
  );
  expect(monthlyNow).toMatchObject({ entitled: 18, adjustments: 1, available: 19 });

  // The job stores the entries the reads computed; the numbers a person sees do not move.
  const run = await runJob('accrual', '2026-11-23');
  expect(run.entriesWritten).toBeGreaterThanOrEqual(10); // the admin has an employee record too
  // March..November monthly, and the yearly entitlement.
  expect(await LedgerEntry.countDocuments({ employeeId: person.employee!.id, kind: 'accrual' })).toBe(10);
  expect(await reads()).toEqual(shown);
  const after = await ledger();
  await reads();
  expect(await ledger()).toEqual(after);
});

it('when balances and statements are read while the accrual job stores entries then every read shows the same numbers', async () => {
  const person = await makePerson('employee', { employee: { hireDate: '2020-01-06' } });
  const monthly = await makeLeaveType({ annualEntitlement: 24, accrual: 'monthly' });
  const pick = (body: Array<{ leaveTypeId: string; entitled: number; available: number }>) =>
    body.find((b) => b.leaveTypeId === monthly.id);
  const readBalance = async () =>
    pick((await request(app).get('/api/v1/leave-balances').set(person.auth).expect(200)).body);
  const readStatement = async () =>
    (
      await request(app)
        .get('/api/v1/leave-balances/statement')
        .query({ leaveTypeId: monthly.id })
        .set(person.auth)
        .expect(200)
    ).body.closing as { entitled: number; available: number };
  expect(await readBalance()).toMatchObject({ entitled: 22, available: 22 });

  const [, ...reads] = await Promise.all([
    runJob('accrual', '2026-11-23'),
    ...Array.from({ length: 4 }, () => readBalance()),
    ...Array.from({ length: 4 }, () => readStatement()),
  ]);
  for (const read of reads) expect(read).toMatchObject({ entitled: 22, available: 22 });
  expect(await LedgerEntry.countDocuments({ employeeId: person.employee!.id, leaveTypeId: monthly.id })).toBe(
    11,
  );
  expect(await readStatement()).toMatchObject({ entitled: 22, available: 22 });
});

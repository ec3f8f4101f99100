import fc from 'fast-check';
import request from 'supertest';
import { runJob } from '../../../src/jobs/jobs';
import { setClockForTests } from '../../../src/lib/clock';
import { addDays } from '../../../src/lib/dates';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makePerson } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';

/**
 * A statement's closing totals at asOf = today always equal GET /leave-balances, under random
 * histories: accruals owed or stored by the job, adjustments, requests submitted, approved,
 * rejected and cancelled, carry-over into the next year and its lapse (and lapse corrections when
 * leave in the window changes afterwards). Its lines add up to the closing balance, in date order.
 * Runs go through the API and the database, so their number is modest.
 */
useTestDatabase();
const app = testApp();
afterAll(() => setClockForTests(undefined));

const YEARS = [2026, 2027];

/** Three moments of a history: before the year end, just after it, and after carried days lapsed. */
const PHASES = [
  { today: '2026-11-23', base: '2026-12-01', jobs: [] as Array<[string, string]> },
  {
    today: '2027-01-04',
    base: '2027-01-04',
    jobs: [['carry-over', '2027-01-01']] as Array<[string, string]>,
  },
  {
    today: '2027-04-05',
    base: '2027-02-15',
    jobs: [['carry-over', '2027-04-02']] as Array<[string, string]>,
  },
];

type Action =
  | { kind: 'submit'; offset: number; length: number; halfDayStart: boolean }
  | { kind: 'approve' | 'reject' | 'cancel'; pick: number }
  | { kind: 'adjust'; days: number; year: number }
  | { kind: 'accrualJob' };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('submit' as const),
      offset: fc.integer({ min: 0, max: 60 }),
      length: fc.integer({ min: 0, max: 6 }),
      halfDayStart: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom('approve' as const, 'reject' as const, 'cancel' as const),
      pick: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('adjust' as const),
      days: fc.constantFrom(-2, -0.5, 1, 3),
      year: fc.constantFrom(...YEARS),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('accrualJob' as const) }) },
);

const policy = fc.record({
  accrual: fc.constantFrom('yearly' as const, 'monthly' as const),
  annualEntitlement: fc.constantFrom(12, 15, 25),
  carryOverMax: fc.constantFrom(0, 3, 5),
  carryOverExpiryMonths: fc.constantFrom(0, 1, 3),
  requiresApproval: fc.boolean(),
});

interface World {
  admin: Person;
  person: Person;
  typeId: string;
}

async function requestsOf(w: World): Promise<Array<{ id: string; status: string }>> {
  const res = await request(app)
    .get(`/api/v1/leave-requests?employeeId=${w.person.employee!.id}&limit=100`)
    .set(w.admin.auth)
    .expect(200);
  return res.body.data as Array<{ id: string; status: string }>;
}

async function apply(w: World, a: Action, phase: (typeof PHASES)[number]): Promise<number> {
  switch (a.kind) {
    case 'submit': {
      const startDate = addDays(phase.base, a.offset);
      return (
        await request(app)
          .post('/api/v1/leave-requests')
          .set(w.person.auth)
          .send({
            leaveTypeId: w.typeId,
            startDate,
            endDate: addDays(startDate, a.length),
            halfDayStart: a.halfDayStart,
          })
      ).status;
    }
    case 'approve':
    case 'reject':
    case 'cancel': {
      const open = (await requestsOf(w)).filter((r) =>
        a.kind === 'cancel' ? r.status === 'pending' || r.status === 'approved' : r.status === 'pending',
      );
      const target = open.length ? open[a.pick % open.length] : undefined;
      if (!target) return 0;
      return (await request(app).post(`/api/v1/leave-requests/${target.id}/${a.kind}`).set(w.admin.auth))
        .status;
    }
    case 'adjust':
      return (
        await request(app).post('/api/v1/leave-balances/adjustments').set(w.admin.auth).send({
          employeeId: w.person.employee!.id,
          leaveTypeId: w.typeId,
          year: a.year,
          days: a.days,
          reason: 'Random adjustment',
        })
      ).status;
    case 'accrualJob':
      await runJob('accrual', phase.today);
      return 0;
  }
}

async function assertStatementsMatchBalances(w: World, today: string): Promise<void> {
  for (const year of YEARS) {
    const balances = await request(app)
      .get(`/api/v1/leave-balances?employeeId=${w.person.employee!.id}&year=${year}`)
      .set(w.admin.auth)
      .expect(200);
    const row = (balances.body as Array<Record<string, unknown>>).find((b) => b.leaveTypeId === w.typeId)!;
    const { entitled, carriedOver, adjustments, used, pending, available } = row;
    const query = { employeeId: w.person.employee!.id, leaveTypeId: w.typeId, year: String(year) };
    const res = await request(app)
      .get('/api/v1/leave-balances/statement')
      .query(query)
      .set(w.admin.auth)
      .expect(200);
    const st = res.body as {
      asOf: string;
      lines: Array<{ date: string; days: number; balance: number }>;
      closing: object;
    };
    expect({ year, asOf: st.asOf, closing: st.closing }).toEqual({
      year,
      asOf: today,
      closing: { entitled, carriedOver, adjustments, used, pending, available },
    });
    const total = st.lines.reduce((sum, l) => Math.round((sum + l.days) * 100) / 100, 0);
    expect(st.lines.at(-1)?.balance ?? 0).toBe(total);
    expect(total).toBeCloseTo(Number(available), 2);
    const dates = st.lines.map((l) => l.date);
    expect(dates).toEqual([...dates].sort());
  }
}

it('when random histories unfold then a statement at today closes exactly on the balance GET /leave-balances answers', async () => {
  setClockForTests(`${PHASES[0]!.today}T10:00:00Z`);
  const admin = await makePerson('admin');
  const phaseActions = fc.array(action, { minLength: 2, maxLength: 6 });
  await fc.assert(
    fc.asyncProperty(policy, fc.tuple(phaseActions, phaseActions, phaseActions), async (p, perPhase) => {
      setClockForTests(`${PHASES[0]!.today}T10:00:00Z`);
      const person = await makePerson('employee', { employee: { hireDate: '2020-01-06' } });
      const { carryOverExpiryMonths, ...rest } = p;
      const type = await makeLeaveType({
        ...rest,
        ...(carryOverExpiryMonths ? { carryOverExpiryMonths } : {}),
      });
      const w: World = { admin, person, typeId: type.id };
      for (const [i, phase] of PHASES.entries()) {
        setClockForTests(`${phase.today}T10:00:00Z`);
        for (const [job, date] of phase.jobs) await runJob(job, date);
        await assertStatementsMatchBalances(w, phase.today);
        for (const a of perPhase[i]!) {
          expect([0, 200, 201, 409, 422]).toContain(await apply(w, a, phase));
          await assertStatementsMatchBalances(w, phase.today);
        }
      }
    }),
    { numRuns: 10 },
  );
}, 300_000);

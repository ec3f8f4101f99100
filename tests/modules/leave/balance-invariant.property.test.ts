import fc from 'fast-check';
import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { addDays } from '../../../src/lib/dates';
import { checkLeaveInvariants } from '../../../src/modules/leave/invariants.service';
import { countLeaveDays } from '../../../src/modules/leave/leave-days';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makePerson } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';

/**
 * The balance invariant under random histories: after every change (requests submitted, decided,
 * cancelled, edited while pending, amended once approved; holidays added, moved, removed; the work week
 * changed; adjustments), each active
 * request costs what it counts today, and the balance of each leave year equals accruals plus
 * adjustments minus the current counts of its pending and approved requests.
 * Runs go through the API and the database, so their number is modest.
 */
useTestDatabase();
const app = testApp();
beforeAll(() => setClockForTests('2026-11-23T10:00:00Z'));
afterAll(() => setClockForTests(undefined));

const BASE = '2026-12-01';
const YEARS = [2026, 2027];

type Action =
  | { kind: 'submit'; offset: number; length: number; halfDayStart: boolean; halfDayEnd: boolean }
  | { kind: 'approve' | 'reject' | 'cancel'; pick: number }
  | { kind: 'addHoliday'; offset: number }
  | { kind: 'moveHoliday'; pick: number; offset: number }
  | { kind: 'removeHoliday'; pick: number }
  | { kind: 'workWeek'; days: number[] }
  | { kind: 'adjust'; days: number; year: number }
  | { kind: 'edit'; pick: number; offset: number; length: number }
  | { kind: 'amend'; pick: number; offset: number; length: number; decision: 'approve' | 'reject' };

const offset = fc.integer({ min: 0, max: 60 });
const pick = fc.nat();
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    // Submissions weigh more, so that edits, decisions and amendments find requests to act on.
    arbitrary: fc.record({
      kind: fc.constant('submit' as const),
      offset,
      length: fc.integer({ min: 0, max: 9 }),
      halfDayStart: fc.boolean(),
      halfDayEnd: fc.boolean(),
    }),
    weight: 3,
  },
  fc.record({ kind: fc.constantFrom('approve' as const, 'reject' as const, 'cancel' as const), pick }),
  fc.record({ kind: fc.constant('addHoliday' as const), offset }),
  fc.record({ kind: fc.constant('moveHoliday' as const), pick, offset }),
  fc.record({ kind: fc.constant('removeHoliday' as const), pick }),
  fc.record({
    kind: fc.constant('workWeek' as const),
    days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }).map((d) => d.sort()),
  }),
  fc.record({
    kind: fc.constant('adjust' as const),
    days: fc.constantFrom(-2, -0.5, 1, 3),
    year: fc.constantFrom(...YEARS),
  }),
  fc.record({ kind: fc.constant('edit' as const), pick, offset, length: fc.integer({ min: 0, max: 9 }) }),
  fc.record({
    kind: fc.constant('amend' as const),
    pick,
    offset: fc.integer({ min: -3, max: 3 }),
    length: fc.integer({ min: -3, max: 3 }),
    decision: fc.constantFrom('approve' as const, 'reject' as const),
  }),
);

interface World {
  admin: Person;
  person: Person;
  typeId: string;
  code: string;
  calendar: string;
  holidays: Map<string, string>;
  workWeek: number[];
}

interface RequestRow {
  id: string;
  status: string;
  startDate: string;
  endDate: string;
  halfDayStart: boolean;
  halfDayEnd: boolean;
  days: number;
  daysByYear: Array<{ year: number; days: number }>;
}

async function requestsOf(w: World): Promise<RequestRow[]> {
  const res = await request(app)
    .get(`/api/v1/leave-requests?employeeId=${w.person.employee!.id}&limit=100`)
    .set(w.admin.auth)
    .expect(200);
  return res.body.data as RequestRow[];
}

const nth = <T>(list: T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

async function apply(w: World, a: Action): Promise<number> {
  const requests = await requestsOf(w);
  const byStatus = (...s: string[]) => requests.filter((r) => s.includes(r.status));
  switch (a.kind) {
    case 'submit': {
      const startDate = addDays(BASE, a.offset);
      const body = { leaveTypeId: w.typeId, startDate, endDate: addDays(startDate, a.length) };
      const halves = { halfDayStart: a.halfDayStart, halfDayEnd: a.halfDayEnd && a.length > 0 };
      return (
        await request(app)
          .post('/api/v1/leave-requests')
          .set(w.person.auth)
          .send({ ...body, ...halves })
      ).status;
    }
    case 'approve':
    case 'reject':
    case 'cancel': {
      const target = nth(a.kind === 'cancel' ? byStatus('pending', 'approved') : byStatus('pending'), a.pick);
      if (!target) return 0;
      return (await request(app).post(`/api/v1/leave-requests/${target.id}/${a.kind}`).set(w.admin.auth))
        .status;
    }
    case 'addHoliday': {
      const date = addDays(BASE, a.offset);
      const res = await request(app)
        .post('/api/v1/holidays')
        .set(w.admin.auth)
        .send({ date, name: 'Random day', calendar: w.calendar });
      if (res.status === 201) w.holidays.set(res.body.id as string, date);
      return res.status;
    }
    case 'moveHoliday':
    case 'removeHoliday': {
      const id = nth([...w.holidays.keys()], a.pick);
      if (!id) return 0;
      if (a.kind === 'removeHoliday') {
        w.holidays.delete(id);
        return (await request(app).delete(`/api/v1/holidays/${id}`).set(w.admin.auth)).status;
      }
      const date = addDays(BASE, a.offset);
      const res = await request(app).patch(`/api/v1/holidays/${id}`).set(w.admin.auth).send({ date });
      if (res.status === 200) w.holidays.set(id, date);
      return res.status;
    }
    case 'workWeek': {
      w.workWeek = a.days;
      return (
        await request(app)
          .patch(`/api/v1/employees/${w.person.employee!.id}`)
          .set(w.admin.auth)
          .send({ workWeek: a.days })
      ).status;
    }
    case 'edit': {
      const target = nth(byStatus('pending'), a.pick);
      if (!target) return 0;
      const startDate = addDays(BASE, a.offset);
      const body = { startDate, endDate: addDays(startDate, a.length) };
      return (await request(app).patch(`/api/v1/leave-requests/${target.id}`).set(w.person.auth).send(body))
        .status;
    }
    case 'amend': {
      // Moves the start and end of an active request (approved first if pending); an extension is decided
      // at once, so no hold lingers past the action.
      const target = nth(byStatus('pending', 'approved'), a.pick);
      if (!target) return 0;
      const path = `/api/v1/leave-requests/${target.id}`;
      if (target.status === 'pending')
        await request(app).post(`${path}/approve`).set(w.admin.auth).expect(200);
      const body = {
        startDate: addDays(target.startDate, a.offset),
        endDate: addDays(target.endDate, a.length),
        halfDayStart: target.halfDayStart,
        halfDayEnd: target.halfDayEnd,
        reason: 'Random amendment',
      };
      const res = await request(app).post(`${path}/amend`).set(w.admin.auth).send(body);
      if (res.status !== 202) return res.status;
      return (await request(app).post(`${path}/amendment/${a.decision}`).set(w.admin.auth)).status;
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
  }
}

async function assertInvariant(w: World): Promise<void> {
  const requests = await requestsOf(w);
  const holidays = new Set(w.holidays.values());
  for (const r of requests.filter((x) => x.status === 'pending' || x.status === 'approved')) {
    const count = countLeaveDays({ ...r, unit: 'working_day', workWeek: w.workWeek, holidays });
    expect({ id: r.id, days: r.days, byYear: r.daysByYear }).toEqual({
      id: r.id,
      days: count.total,
      byYear: count.byYear,
    });
  }
  for (const year of YEARS) {
    const res = await request(app)
      .get(`/api/v1/leave-balances?employeeId=${w.person.employee!.id}&year=${year}`)
      .set(w.admin.auth)
      .expect(200);
    const b = (res.body as Array<Record<string, number | string>>).find((x) => x.code === w.code)!;
    const sum = (status: string) =>
      requests
        .filter((r) => r.status === status)
        .flatMap((r) => r.daysByYear)
        .filter((y) => y.year === year)
        .reduce((s, y) => s + y.days, 0);
    const round = (n: number) => Math.round(n * 100) / 100;
    expect({ year, pending: b.pending, used: b.used }).toEqual({
      year,
      pending: sum('pending'),
      used: sum('approved'),
    });
    expect(b.available).toBeCloseTo(
      round(
        Number(b.entitled) + Number(b.carriedOver) + Number(b.adjustments) - sum('pending') - sum('approved'),
      ),
      2,
    );
  }
}

let run = 0;

it('when random changes follow each other then every balance equals accruals and adjustments minus current counts', async () => {
  const admin = await makePerson('admin');
  await fc.assert(
    fc.asyncProperty(fc.array(action, { minLength: 3, maxLength: 12 }), async (actions) => {
      run++;
      const calendar = `inv-${run}-${Date.now()}`;
      const person = await makePerson('employee', {
        employee: { hireDate: '2020-01-06', holidayCalendar: calendar },
      });
      const type = await makeLeaveType({ annualEntitlement: 15 });
      const w: World = {
        admin,
        person,
        typeId: type.id,
        code: type.code,
        calendar,
        holidays: new Map(),
        workWeek: [1, 2, 3, 4, 5],
      };
      for (const a of actions) {
        const status = await apply(w, a);
        expect([0, 200, 201, 204, 409, 422]).toContain(status);
        await assertInvariant(w);
        expect((await checkLeaveInvariants()).violations).toEqual([]);
      }
    }),
    { numRuns: 12 },
  );
}, 240_000);

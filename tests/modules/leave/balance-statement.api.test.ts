import request from 'supertest';
import { runJob } from '../../../src/jobs/jobs';
import { setClockForTests } from '../../../src/lib/clock';
import { addDays, todayIn } from '../../../src/lib/dates';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makeOrganisation, makePerson } from '../../support/factories';
import { makeLeaveType } from '../../support/leave-factories';

useTestDatabase();
const app = testApp();
beforeEach(() => setClockForTests('2026-04-15T10:00:00Z'));
afterAll(() => setClockForTests(undefined));

interface Line {
  date: string;
  kind: string;
  days: number;
  balance: number;
  description: string;
  requestId?: string;
  source: string;
}
interface Statement {
  asOf: string;
  year: number;
  lines: Line[];
  closing: Record<string, number>;
}

async function statement(viewer: Person, query: Record<string, string>, status = 200) {
  const res = await request(app).get('/api/v1/leave-balances/statement').query(query).set(viewer.auth);
  expect(res.status).toBe(status);
  return res.body as Statement;
}

async function balanceOf(viewer: Person, of: Person, typeId: string, year: number) {
  const res = await request(app)
    .get(`/api/v1/leave-balances?employeeId=${of.employee!.id}&year=${year}`)
    .set(viewer.auth)
    .expect(200);
  const row = (res.body as Array<Record<string, unknown>>).find((b) => b.leaveTypeId === typeId)!;
  const { entitled, carriedOver, adjustments, used, pending, available } = row;
  return { entitled, carriedOver, adjustments, used, pending, available };
}

const submit = (who: Person, body: object) =>
  request(app).post('/api/v1/leave-requests').set(who.auth).send(body).expect(201);

describe('GET /leave-balances/statement', () => {
  it('when someone reads their statement then every entry is a line in date order with a running balance and a sentence, and the totals equal their balance', async () => {
    const org = await makeOrganisation();
    const type = await makeLeaveType({ annualEntitlement: 24, accrual: 'monthly' });
    await request(app)
      .post('/api/v1/leave-balances/adjustments')
      .set(org.admin.auth)
      .send({
        employeeId: org.direct.employee!.id,
        leaveTypeId: type.id,
        year: 2026,
        days: 1,
        reason: 'On-call',
      })
      .expect(201);
    const leave = await submit(org.direct, {
      leaveTypeId: type.id,
      startDate: '2026-05-04',
      endDate: '2026-05-06',
    });
    await request(app)
      .post(`/api/v1/leave-requests/${leave.body.id}/approve`)
      .set(org.manager.auth)
      .expect(200);

    const st = await statement(org.direct, { leaveTypeId: type.id });
    expect(st).toMatchObject({ asOf: '2026-04-15', year: 2026, employeeId: org.direct.employee!.id });
    const descriptions = st.lines.map((l) => l.description);
    expect(descriptions.slice(0, 4)).toEqual([
      'Accrual for January 2026: +2.0',
      'Accrual for February 2026: +2.0',
      'Accrual for March 2026: +2.0',
      'Accrual for April 2026: +2.0',
    ]);
    expect(descriptions).toEqual(
      expect.arrayContaining([
        'Adjustment by an admin: +1.0 - On-call',
        `Annual leave 4-6 May, awaiting approval (request ${leave.body.id}): -3.0`,
        `Annual leave 4-6 May approved, held days released (request ${leave.body.id}): +3.0`,
        `Annual leave 4-6 May (request ${leave.body.id}): -3.0`,
      ]),
    );
    // The submission (a write) checked the balance and stored the accruals it relied on.
    expect(st.lines.filter((l) => l.kind === 'accrual').map((l) => l.source)).toEqual(
      Array(4).fill('ledger'),
    );
    const dates = st.lines.map((l) => l.date);
    expect(dates).toEqual([...dates].sort());
    let running = 0;
    for (const line of st.lines) {
      running = Math.round((running + line.days) * 100) / 100;
      expect(line.balance).toBe(running);
    }
    expect(st.closing).toEqual({
      entitled: 8,
      carriedOver: 0,
      adjustments: 1,
      used: 3,
      pending: 0,
      available: 6,
    });
    expect(st.closing).toEqual(await balanceOf(org.direct, org.direct, type.id, 2026));
    expect(st.lines.at(-1)!.balance).toBe(6);
  });

  it('when asOf is later then accrual is projected up to it; when earlier then the balance is the one of that date', async () => {
    const person = await makePerson('employee', { employee: { hireDate: '2026-03-15' } });
    const type = await makeLeaveType({ annualEntitlement: 24, accrual: 'monthly' });
    const future = await statement(person, { leaveTypeId: type.id, asOf: '2026-12-31' });
    expect(future.closing).toMatchObject({ entitled: 20, available: 20 });
    expect(future.lines.map((l) => l.source)).toEqual([
      ...Array(2).fill('due'),
      ...Array(8).fill('projected'),
    ]);
    expect(future.lines.at(-1)!.description).toBe('Accrual for December 2026 (projected): +2.0');
    const past = await statement(person, { leaveTypeId: type.id, asOf: '2026-03-20' });
    expect(past.closing).toMatchObject({ entitled: 2, available: 2 });
    expect(await statement(person, { leaveTypeId: type.id, asOf: '2026-02-28' })).toMatchObject({
      lines: [],
    });
    // Asking for next year's statement from today: the year defaults to asOf's.
    expect(await statement(person, { leaveTypeId: type.id, asOf: '2027-02-01' })).toMatchObject({
      year: 2027,
      closing: { entitled: 4 },
    });
  });

  it('when the real clock runs then a past asOf leaves out what was written after it', async () => {
    setClockForTests(undefined);
    const admin = await makePerson('admin');
    const person = await makePerson('employee');
    const type = await makeLeaveType({ annualEntitlement: 10, accrual: 'yearly' });
    await request(app)
      .post('/api/v1/leave-balances/adjustments')
      .set(admin.auth)
      .send({ employeeId: person.employee!.id, leaveTypeId: type.id, year: 2026, days: 2, reason: 'Bonus' })
      .expect(201);
    const today = todayIn(person.employee!.timezone);
    const query = { leaveTypeId: type.id, year: '2026', employeeId: person.employee!.id };
    expect((await statement(admin, { ...query, asOf: today })).closing.adjustments).toBe(2);
    expect((await statement(admin, { ...query, asOf: addDays(today, -1) })).closing.adjustments).toBe(0);
  });

  it('when carried days lapse and a recount changes leave then the lines say so', async () => {
    setClockForTests('2026-11-23T10:00:00Z');
    const admin = await makePerson('admin');
    const person = await makePerson('employee', { employee: { hireDate: '2020-01-06' } });
    const type = await makeLeaveType({
      annualEntitlement: 20,
      carryOverMax: 5,
      carryOverExpiryMonths: 3,
      requiresApproval: false,
    });
    const leave = await submit(person, {
      leaveTypeId: type.id,
      startDate: '2026-12-07',
      endDate: '2026-12-11',
    });
    await request(app)
      .post('/api/v1/holidays')
      .set(admin.auth)
      .send({ date: '2026-12-09', name: 'Founders day' })
      .expect(201);
    const y2026 = await statement(admin, { employeeId: person.employee!.id, leaveTypeId: type.id });
    expect(y2026.lines.map((l) => l.description)).toEqual([
      'Entitlement for 2026: +20.0',
      `Annual leave 7-11 December (request ${leave.body.id}): -5.0`,
      `Annual leave 7-11 December recounted from 5 to 4 days (request ${leave.body.id}): +1.0 - Holiday added, moved or removed on 2026-12-09`,
    ]);

    await runJob('carry-over', '2027-01-01');
    setClockForTests('2027-04-05T10:00:00Z');
    await runJob('carry-over', '2027-04-02');
    const y2027 = await statement(admin, { employeeId: person.employee!.id, leaveTypeId: type.id });
    expect(y2027.lines.map((l) => [l.date, l.description])).toEqual([
      ['2027-01-01', 'Entitlement for 2027: +20.0'],
      ['2027-01-01', 'Carried over from 2026 (cap 5): +5.0'],
      ['2027-04-01', '5.0 carried days lapsed on 2027-04-01'],
    ]);
    expect(y2027.closing).toEqual(await balanceOf(admin, person, type.id, 2027));
    // An admin records leave in March after the fact: the lapse is settled again.
    await submit(admin, {
      employeeId: person.employee!.id,
      leaveTypeId: type.id,
      startDate: '2027-03-29',
      endDate: '2027-03-31',
    });
    const after = await statement(admin, { employeeId: person.employee!.id, leaveTypeId: type.id });
    expect(after.lines.map((l) => l.description)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^3\.0 lapsed carried days restored on \d{4}-\d{2}-\d{2} after a change to leave on or before 2027-03-31$/,
        ),
      ]),
    );
    expect(after.closing).toEqual(await balanceOf(admin, person, type.id, 2027));
    expect(after.closing).toMatchObject({ carriedOver: 3, used: 3, available: 20 });
  });

  it('when someone outside the caller’s scope is asked for then 404; bad parameters are 400 naming the field', async () => {
    const org = await makeOrganisation();
    const type = await makeLeaveType();
    await statement(org.manager, { employeeId: org.indirect.employee!.id, leaveTypeId: type.id });
    for (const [viewer, of] of [
      [org.manager, org.outsider],
      [org.direct, org.manager],
    ] as const) {
      const res = await request(app)
        .get('/api/v1/leave-balances/statement')
        .query({ employeeId: of.employee!.id, leaveTypeId: type.id })
        .set(viewer.auth)
        .expect(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const fieldsOf = async (query: Record<string, string>, status: number) => {
      const res = await request(app).get('/api/v1/leave-balances/statement').query(query).set(org.admin.auth);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      return (res.body.errors as Array<{ field: string }>).map((e) => e.field);
    };
    const employeeId = org.direct.employee!.id;
    expect(await fieldsOf({ employeeId }, 400)).toEqual(['leaveTypeId']);
    expect(await fieldsOf({ employeeId, leaveTypeId: type.id, asOf: '2026-13-01' }, 400)).toEqual(['asOf']);
    expect(await fieldsOf({ employeeId, leaveTypeId: type.id, year: '1999' }, 400)).toEqual(['year']);
    expect(await fieldsOf({ employeeId, leaveTypeId: 'nope' }, 400)).toEqual(['leaveTypeId']);
    expect(await fieldsOf({ employeeId, leaveTypeId: '665f1c2e9b1e8a0012345678' }, 422)).toEqual([
      'leaveTypeId',
    ]);
    const noProfile = await makePerson('admin', { withoutEmployee: true });
    const res = await request(app)
      .get('/api/v1/leave-balances/statement')
      .query({ leaveTypeId: type.id })
      .set(noProfile.auth)
      .expect(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'employeeId' })]);
  });
});

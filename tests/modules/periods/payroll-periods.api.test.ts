import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { AuditLog } from '../../../src/modules/audit/audit-log.model';
import { PayrollPeriod } from '../../../src/modules/periods/payroll-period.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import type { Person } from '../../support/factories';
import { makePerson } from '../../support/factories';

useTestDatabase();
const app = testApp();
let admin: Person;
let manager: Person;

beforeAll(async () => {
  setClockForTests('2026-12-02T09:00:00Z');
  admin = await makePerson('admin');
  manager = await makePerson('manager');
});
afterAll(() => setClockForTests(undefined));

const create = (body: object, who: Person = admin) =>
  request(app).post('/api/v1/payroll-periods').set(who.auth).send(body);
const reopen = (id: string, body: object = { reason: 'Late sick note' }) =>
  request(app).post(`/api/v1/payroll-periods/${id}/reopen`).set(admin.auth).send(body);
const close = (id: string) => request(app).post(`/api/v1/payroll-periods/${id}/close`).set(admin.auth);

describe('payroll periods', () => {
  it('when an admin closes a period then it is 201 closed, listed, readable and audited', async () => {
    const res = await create({ from: '2026-01-01', to: '2026-01-31' }).expect(201);
    expect(res.body).toMatchObject({
      from: '2026-01-01',
      to: '2026-01-31',
      status: 'closed',
      closedBy: admin.userId,
      history: [expect.objectContaining({ action: 'close', by: admin.userId, reason: null })],
    });
    expect(res.headers.location).toBe(`/api/v1/payroll-periods/${res.body.id}`);
    const one = await request(app).get(`/api/v1/payroll-periods/${res.body.id}`).set(admin.auth).expect(200);
    expect(one.body).toEqual(res.body);
    const list = await request(app).get('/api/v1/payroll-periods?status=closed').set(admin.auth).expect(200);
    expect(list.body.data.map((p: { id: string }) => p.id)).toContain(res.body.id);
    expect(await AuditLog.countDocuments({ action: 'payroll_period.create', entityId: res.body.id })).toBe(1);
  });

  it('when a period is reopened with a reason and closed again then each step is kept and audited', async () => {
    const { id } = (await create({ from: '2026-02-01', to: '2026-02-28' }).expect(201)).body as {
      id: string;
    };
    const reopened = await reopen(id, { reason: 'Late sick note' }).expect(200);
    expect(reopened.body).toMatchObject({
      status: 'open',
      reopenedBy: admin.userId,
      reopenReason: 'Late sick note',
    });
    await reopen(id).expect(409);
    const closed = await close(id).expect(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.history.map((e: { action: string }) => e.action)).toEqual([
      'close',
      'reopen',
      'close',
    ]);
    await close(id).expect(409);
    const actions = (await AuditLog.find({ entityId: id }).sort({ at: 1, _id: 1 }).lean()).map(
      (a) => a.action,
    );
    expect(actions).toEqual(['payroll_period.create', 'payroll_period.reopen', 'payroll_period.close']);
    const reopenAudit = await AuditLog.findOne({ entityId: id, action: 'payroll_period.reopen' }).lean();
    expect(reopenAudit?.metadata).toMatchObject({ reason: 'Late sick note' });
  });

  it('when the reason is missing or blank then 400 names it and the period stays closed', async () => {
    const { id } = (await create({ from: '2026-03-01', to: '2026-03-31' }).expect(201)).body as {
      id: string;
    };
    const missing = await reopen(id, {}).expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const blank = await reopen(id, { reason: '   ' }).expect(400);
    expect(blank.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    expect((await PayrollPeriod.findById(id).lean())?.status).toBe('closed');
  });

  it('when a period overlaps another (closed or reopened) then 409 and nothing is stored', async () => {
    const { id } = (await create({ from: '2026-04-01', to: '2026-04-30' }).expect(201)).body as {
      id: string;
    };
    const before = await PayrollPeriod.countDocuments();
    const overlap = await create({ from: '2026-04-30', to: '2026-05-15' }).expect(409);
    expect(overlap.body.type).toMatch(/\/conflict$/);
    expect(overlap.body.detail).toContain('2026-04-01 to 2026-04-30');
    await reopen(id).expect(200);
    await create({ from: '2026-03-15', to: '2026-04-02' }).expect(409);
    expect(await PayrollPeriod.countDocuments()).toBe(before);
    // Adjacent periods do not overlap.
    await create({ from: '2026-05-01', to: '2026-05-31' }).expect(201);
  });

  it('when the dates are out of order or too far apart then 422 names `to`; bad dates are 400', async () => {
    const reversed = await create({ from: '2026-06-30', to: '2026-06-01' }).expect(422);
    expect(reversed.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
    await create({ from: '2026-06-01', to: '2027-12-31' }).expect(422);
    const bad = await create({ from: '2026-06-31', to: '2026-07-01' }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'from' })]);
  });

  it('when the period does not exist then 404; managers and employees are refused', async () => {
    const nobody = '665f1c2e9b1e8a0012345678';
    await reopen(nobody).expect(404);
    await close(nobody).expect(404);
    await request(app).get(`/api/v1/payroll-periods/${nobody}`).set(admin.auth).expect(404);
    await create({ from: '2026-07-01', to: '2026-07-31' }, manager).expect(403);
    await request(app).get('/api/v1/payroll-periods').set(manager.auth).expect(403);
  });

  it('when several overlapping periods are created at the same moment then exactly one is 201', async () => {
    const bodies = [
      { from: '2026-08-01', to: '2026-08-31' },
      { from: '2026-08-15', to: '2026-09-14' },
      { from: '2026-07-20', to: '2026-08-10' },
      { from: '2026-08-01', to: '2026-08-31' },
      { from: '2026-08-31', to: '2026-09-30' },
      { from: '2026-08-10', to: '2026-08-20' },
    ];
    const answers = await Promise.all(bodies.map((b) => create(b)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    const stored = (await PayrollPeriod.find().lean()).filter(
      (p) => p.from <= '2026-09-30' && p.to >= '2026-07-20',
    );
    expect(stored).toHaveLength(1);
  });

  it('when two admins reopen (or close) the same period at once then one wins and the other is 409', async () => {
    const { id } = (await create({ from: '2026-10-01', to: '2026-10-31' }).expect(201)).body as {
      id: string;
    };
    const reopened = await Promise.all([reopen(id), reopen(id), reopen(id)]);
    expect(reopened.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const closed = await Promise.all([close(id), close(id), close(id)]);
    expect(closed.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const stored = await PayrollPeriod.findById(id).lean();
    expect(stored?.history.map((e) => e.action)).toEqual(['close', 'reopen', 'close']);
  });

  it('when a create is retried with the same Idempotency-Key then the first answer is replayed, not a 409', async () => {
    const send = () =>
      request(app)
        .post('/api/v1/payroll-periods')
        .set(admin.auth)
        .set('Idempotency-Key', 'period-2026-12')
        .send({ from: '2026-12-01', to: '2026-12-31' });
    const first = await send().expect(201);
    const retry = await send().expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await PayrollPeriod.countDocuments({ from: '2026-12-01' })).toBe(1);
  });
});

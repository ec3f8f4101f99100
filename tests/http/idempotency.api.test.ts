import request from 'supertest';
import { IdempotencyKey } from '../../src/db/idempotency-key.model';
import { setClockForTests } from '../../src/lib/clock';
import { testApp } from '../support/app';
import { useTestDatabase } from '../support/database';
import { apiDriver } from '../support/driver';
import type { Person } from '../support/factories';
import { makeOrganisation } from '../support/factories';
import { makeLeaveType } from '../support/leave-factories';

useTestDatabase();
const app = testApp();
const driver = apiDriver(app);
beforeEach(() => setClockForTests('2026-11-23T10:00:00Z'));
afterAll(() => setClockForTests(undefined));

async function setUp() {
  const org = await makeOrganisation();
  const type = await makeLeaveType({ annualEntitlement: 10 });
  const body = {
    employeeId: org.direct.employee!.id,
    leaveTypeId: type.id,
    year: 2026,
    days: 1.5,
    reason: 'On-call',
  };
  return { org, type, body };
}

const adjust = (who: Person, body: object, key?: string) => {
  const req = request(app).post('/api/v1/leave-balances/adjustments').set(who.auth);
  return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body);
};

async function adjustmentsOf(who: Person, employeeId: string, code: string): Promise<number> {
  return (await driver.balance(who, employeeId, code, 2026)).adjustments;
}

describe('Idempotency-Key on creating POSTs', () => {
  it('when a POST is retried with the same key and body then the first answer is replayed and the work is done once', async () => {
    const { org, type, body } = await setUp();
    const first = await adjust(org.admin, body, 'key-1').expect(201);
    const retry = await adjust(org.admin, { ...body }, 'key-1').expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.body).toEqual(first.body);
    expect(await adjustmentsOf(org.admin, org.direct.employee!.id, type.code)).toBe(1.5);
  });

  it('when the same request is sent without a key twice then it applies twice (keys are opt-in)', async () => {
    const { org, type, body } = await setUp();
    await adjust(org.admin, body).expect(201);
    await adjust(org.admin, body).expect(201);
    expect(await adjustmentsOf(org.admin, org.direct.employee!.id, type.code)).toBe(3);
  });

  it('when a key is reused with a different body then 422 names the header and nothing is written', async () => {
    const { org, type, body } = await setUp();
    await adjust(org.admin, body, 'key-2').expect(201);
    const reused = await adjust(org.admin, { ...body, days: 5 }, 'key-2').expect(422);
    expect(reused.body.errors).toEqual([
      { field: 'Idempotency-Key', message: 'already used for a different request' },
    ]);
    expect(await adjustmentsOf(org.admin, org.direct.employee!.id, type.code)).toBe(1.5);
  });

  it('when the first request is still running then a retry gets 409 with Retry-After; an expired claim is taken over', async () => {
    const { org, type, body } = await setUp();
    await adjust(org.admin, body, 'key-3').expect(201);
    // Make the stored key look like a request still in flight (its instance busy, or crashed).
    await IdempotencyKey.updateMany(
      {},
      { $set: { state: 'in_flight', leasedUntil: new Date(Date.now() + 60_000) } },
    );
    const busy = await adjust(org.admin, body, 'key-3').expect(409);
    expect(busy.headers['retry-after']).toBe('1');
    await IdempotencyKey.updateMany({}, { $set: { leasedUntil: new Date(Date.now() - 1000) } });
    await adjust(org.admin, body, 'key-3').expect(201);
    expect(await adjustmentsOf(org.admin, org.direct.employee!.id, type.code)).toBe(3);
  });

  it('when ten retries race with one key then exactly one adjustment is written', async () => {
    const { org, type, body } = await setUp();
    const answers = await Promise.all(Array.from({ length: 10 }, () => adjust(org.admin, body, 'race-key')));
    expect(answers.every((res) => res.status === 201 || res.status === 409)).toBe(true);
    expect(answers.filter((res) => res.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(await adjustmentsOf(org.admin, org.direct.employee!.id, type.code)).toBe(1.5);
  });

  it('when the first attempt is refused then the key is freed and a corrected retry with it succeeds', async () => {
    const { org, type, body } = await setUp();
    const keysBefore = await IdempotencyKey.countDocuments();
    await adjust(org.admin, { ...body, employeeId: '0123456789abcdef01234567' }, 'key-4').expect(422);
    expect(await IdempotencyKey.countDocuments()).toBe(keysBefore);
    await adjust(org.admin, body, 'key-4').expect(201);
    expect(await adjustmentsOf(org.admin, org.direct.employee!.id, type.code)).toBe(1.5);
  });

  it('when a decision is retried with its key then the first answer is replayed instead of a 409 for a decided request', async () => {
    const { org, type } = await setUp();
    const leave = await driver.submitLeave(org.direct, {
      leaveTypeId: type.id,
      startDate: '2026-12-07',
      endDate: '2026-12-08',
    });
    const approve = (key?: string) => {
      const req = request(app).post(`/api/v1/leave-requests/${leave.id}/approve`).set(org.manager.auth);
      return key ? req.set('Idempotency-Key', key) : req;
    };
    const first = await approve('approve-1').expect(200);
    const retry = await approve('approve-1').expect(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    await approve().expect(409);
  });

  it('when two callers use the same key then each gets their own answer', async () => {
    const { org, type, body } = await setUp();
    const other = await makeOrganisation();
    await adjust(org.admin, body, 'shared').expect(201);
    const second = await adjust(other.admin, body, 'shared').expect(201);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(await adjustmentsOf(org.admin, org.direct.employee!.id, type.code)).toBe(3);
  });

  it('when the key is not visible ASCII or too long then 400 names the header', async () => {
    const { org, body } = await setUp();
    const long = await adjust(org.admin, body, 'x'.repeat(256)).expect(400);
    expect(long.body.errors).toEqual([
      { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
    ]);
    await adjust(org.admin, body, 'has space').expect(400);
  });

  it('when a creating POST is documented then it lists the Idempotency-Key header and the 409 and 422 answers', async () => {
    const doc = (await request(app).get('/openapi.json').expect(200)).body;
    const op = doc.paths['/api/v1/leave-balances/adjustments'].post;
    expect(op.parameters.map((p: { name: string }) => p.name)).toContain('Idempotency-Key');
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['409', '422']));
    expect(doc.paths['/api/v1/auth/login'].post.parameters ?? []).not.toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key' }),
    );
  });
});

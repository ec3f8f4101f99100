import request from 'supertest';
import { setClockForTests } from '../../../src/lib/clock';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { amendmentHelpers } from '../../support/leave-amendments';

/** Amendments racing each other, their own retries, and cancellations: each lands once or not at all. */
useTestDatabase();
const app = testApp();
beforeEach(() => setClockForTests('2026-11-23T10:00:00Z'));
afterAll(() => setClockForTests(undefined));

const { setUp, balanceOf, amend, get, expectLedgerMatchesRequests } = amendmentHelpers(app);

describe('races', () => {
  it('when two people amend the same version at once (If-Match) then exactly one lands and the ledger matches it', async () => {
    const { org, type, id } = await setUp();
    const tag = (await get(org.direct, id)).headers.etag as string;
    const results = await Promise.all([
      amend(org.direct, id, { startDate: '2026-12-07', endDate: '2026-12-09', reason: 'A' }).set(
        'If-Match',
        tag,
      ),
      amend(org.admin, id, { startDate: '2026-12-07', endDate: '2026-12-10', reason: 'B' }).set(
        'If-Match',
        tag,
      ),
    ]);
    // The loser meets the lock (409), the version filter (412), or the changed tag (412).
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 || r.status === 412)).toHaveLength(1);
    const after = await get(org.direct, id);
    expect(after.body.amendments).toHaveLength(1);
    expect(await balanceOf(org, type.code)).toMatchObject({ used: after.body.days });
    await expectLedgerMatchesRequests();
  });

  it('when a retry with the same Idempotency-Key races the original then it lands once', async () => {
    const { org, type, id } = await setUp();
    const send = () =>
      request(app)
        .post(`/api/v1/leave-requests/${id}/amend`)
        .set(org.direct.auth)
        .set('Idempotency-Key', 'amend-1')
        .send({ startDate: '2026-12-07', endDate: '2026-12-08', reason: 'Shorter' });
    const [first, second] = await Promise.all([send(), send()]);
    expect([first.status, second.status]).toContain(200);
    const replay = await send().expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((await get(org.direct, id)).body.amendments).toHaveLength(1);
    expect(await balanceOf(org, type.code)).toMatchObject({ used: 2 });
    await expectLedgerMatchesRequests();
  });

  it('when the same amendment is sent again without a key then it answers as the first and changes nothing more', async () => {
    const { org, id } = await setUp();
    const body = { startDate: '2026-12-07', endDate: '2026-12-14', reason: 'Longer' };
    await amend(org.direct, id, body).expect(202);
    await amend(org.direct, id, body).expect(202);
    expect((await get(org.direct, id)).body.amendments).toHaveLength(1);
    await expectLedgerMatchesRequests();
  });

  it('when an amendment races a cancellation then both outcomes leave the balance equal to the ledger', async () => {
    const { org, type, id } = await setUp();
    const [amended, cancelled] = await Promise.all([
      amend(org.direct, id, { startDate: '2026-12-07', endDate: '2026-12-08', reason: 'Shorter' }),
      request(app).post(`/api/v1/leave-requests/${id}/cancel`).set(org.direct.auth),
    ]);
    expect(cancelled.status).toBe(200);
    expect([200, 409]).toContain(amended.status);
    expect((await get(org.direct, id)).body.status).toBe('cancelled');
    expect(await balanceOf(org, type.code)).toMatchObject({ used: 0, pending: 0, available: 10 });
    await expectLedgerMatchesRequests();
  });
});

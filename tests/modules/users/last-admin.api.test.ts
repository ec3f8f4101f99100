import request from 'supertest';
import { User } from '../../../src/modules/auth/user.model';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { makePerson } from '../../support/factories';

/** A database of its own: these tests count every active admin in it. */
useTestDatabase();
const app = testApp();
const activeAdmins = () => User.countDocuments({ role: 'admin', status: 'active' });
/** One request won (200) and the other was refused: by the rule, or because its caller lost the role or login first. */
const refusedOnce = (statuses: number[]) => {
  const [low, high] = [...statuses].sort();
  return low === 200 && [401, 403, 409].includes(high ?? 0);
};
afterEach(() => User.deleteMany({}));

describe('the last active admin', () => {
  it('when the only admin demotes or disables themself then 409 and they stay an active admin', async () => {
    const only = await makePerson('admin');
    const demote = await request(app)
      .patch(`/api/v1/users/${only.userId}`)
      .set(only.auth)
      .send({ role: 'manager' })
      .expect(409);
    expect(demote.body.errors[0]).toEqual({ field: 'role', message: 'would leave no active admin' });
    await request(app)
      .patch(`/api/v1/users/${only.userId}`)
      .set(only.auth)
      .send({ active: false })
      .expect(409);
    expect(await User.findById(only.userId).lean()).toMatchObject({ role: 'admin', status: 'active' });
    await User.deleteMany({});
  });

  it('when two admins disable each other at the same moment then exactly one wins and one admin remains', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await makePerson('admin');
      const b = await makePerson('admin');
      const [first, second] = await Promise.all([
        request(app).patch(`/api/v1/users/${b.userId}`).set(a.auth).send({ active: false }),
        request(app).patch(`/api/v1/users/${a.userId}`).set(b.auth).send({ active: false }),
      ]);
      // The loser is refused either by the rule (409) or, when the winner's change landed before the
      // loser's request was authenticated, because the loser's own session already ended (401).
      expect(refusedOnce([first.status, second.status])).toBe(true);
      expect(await activeAdmins()).toBe(1);
      await User.deleteMany({});
    }
  });

  it('when two admins demote each other at the same moment then one admin remains', async () => {
    const a = await makePerson('admin');
    const b = await makePerson('admin');
    const results = await Promise.all([
      request(app).patch(`/api/v1/users/${b.userId}`).set(a.auth).send({ role: 'employee' }),
      request(app).patch(`/api/v1/users/${a.userId}`).set(b.auth).send({ role: 'employee' }),
    ]);
    expect(refusedOnce(results.map((r) => r.status))).toBe(true);
    expect(await activeAdmins()).toBe(1);
    await User.deleteMany({});
  });

  it('when another active admin exists then demoting one is fine, and a disabled admin does not count', async () => {
    const a = await makePerson('admin');
    const b = await makePerson('admin');
    const c = await makePerson('admin');
    await request(app).patch(`/api/v1/users/${c.userId}`).set(a.auth).send({ active: false }).expect(200);
    await request(app).patch(`/api/v1/users/${b.userId}`).set(a.auth).send({ role: 'manager' }).expect(200);
    await request(app).patch(`/api/v1/users/${a.userId}`).set(a.auth).send({ role: 'manager' }).expect(409);
    expect(await activeAdmins()).toBe(1);
    await User.deleteMany({});
  });
});

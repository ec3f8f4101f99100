import request from 'supertest';
import { connectDatabase, disconnectDatabase, ensureIndexes } from '../../src/db/connection';
import { startStandIn } from '../../src/db/standin';
import type { RunningDatabase } from '../../src/db/types';
import { testApp } from '../support/app';
import { makePerson } from '../support/factories';

/** Runs against a database of its own so stopping it does not disturb other test files. */
let db: RunningDatabase;
const app = testApp();

beforeAll(async () => {
  db = await startStandIn();
  await connectDatabase(db.uri, { dbName: 'readiness', serverSelectionTimeoutMS: 1000 });
  // As the server does before listening: indexes first, so no insert races their creation.
  await ensureIndexes();
}, 60_000);

afterAll(async () => {
  await disconnectDatabase();
  await db.stop();
});

async function waitForReady(timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let status = 0;
  while (Date.now() < deadline) {
    status = (await request(app).get('/ready')).status;
    if (status === 200) return status;
    await new Promise((r) => setTimeout(r, 250));
  }
  return status;
}

describe('a database outage', () => {
  it('when the database stops then /ready and requests answer 503 problem+json, the process keeps serving, and it recovers', async () => {
    const person = await makePerson('employee');
    await request(app).get('/ready').expect(200);
    await request(app).get('/api/v1/auth/me').set(person.auth).expect(200);

    const port = Number(new URL(db.uri).port);
    await db.stop();
    const ready = await request(app).get('/ready');
    expect(ready.status).toBe(503);
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    const me = await request(app).get('/api/v1/auth/me').set(person.auth);
    expect(me.status).toBe(503);
    expect(me.body).toMatchObject({ status: 503, title: 'Service Unavailable' });
    expect(JSON.stringify(me.body)).not.toMatch(/Mongo|127\.0\.0\.1/);
    await request(app).get('/health').expect(200);

    // The database comes back on the same address; the driver reconnects on its own.
    db = await startStandIn(port);
    expect(await waitForReady(20_000)).toBe(200);
  }, 60_000);
});

import request from 'supertest';
import { connectDatabase, disconnectDatabase } from '../../src/db/connection';
import { startStandIn } from '../../src/db/standin';
import type { RunningDatabase } from '../../src/db/types';
import { testApp } from '../support/app';

/** Runs against a database of its own so stopping it does not disturb other test files. */
let db: RunningDatabase;
const app = testApp();

beforeAll(async () => {
  db = await startStandIn();
  await connectDatabase(db.uri, { dbName: 'readiness', serverSelectionTimeoutMS: 1000 });
}, 60_000);

afterAll(async () => {
  await disconnectDatabase();
  await db.stop();
});

describe('readiness during a database outage', () => {
  it('when the database is stopped then /ready is 503 problem+json and /health stays 200', async () => {
    await request(app).get('/ready').expect(200);
    await db.stop();
    const res = await request(app).get('/ready');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.title).toBe('Service Unavailable');
    await request(app).get('/health').expect(200);
  });
});

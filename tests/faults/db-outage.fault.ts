import { useTestDatabase, testDatabaseUri } from '../support/database';
import { makePerson } from '../support/factories';
import type { ApiProcess } from './support/api-process';
import { call, startApi, waitFor } from './support/api-process';
import { startTcpProxy } from './support/tcp-proxy';

/**
 * The database connection drops for a few seconds while the API is under load: requests answer
 * 503 problem+json instead of hanging, and the same process serves again once the database is back.
 */
useTestDatabase();
const READY_TIMEOUT_MS = 1500;
let api: ApiProcess | undefined;
afterAll(async () => {
  await api?.kill();
});

interface Outcome {
  status: number;
  type: string;
  ms: number;
  phase: string;
}

describe('a dropped database connection under load', () => {
  it('when the connection drops then requests answer 503 problem+json within READY_TIMEOUT_MS, and the process recovers without a restart', async () => {
    const person = await makePerson('admin');
    const target = new URL(testDatabaseUri());
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    try {
      api = await startApi(
        { READY_TIMEOUT_MS: String(READY_TIMEOUT_MS), AUTH_USER_CACHE_SECONDS: '0' },
        { databaseUri: `mongodb://127.0.0.1:${proxy.port}` },
      );
      const outcomes: Outcome[] = [];
      const hung: string[] = [];
      let phase = 'before';
      let running = true;
      const worker = async (path: string) => {
        while (running) {
          const started = Date.now();
          const at = phase;
          try {
            // A client deadline far past READY_TIMEOUT_MS: reaching it means the request hung.
            const res = await call(api!, 'GET', path, { auth: person.auth, timeoutMs: READY_TIMEOUT_MS * 4 });
            outcomes.push({
              status: res.status,
              type: res.headers.get('content-type') ?? '',
              ms: Date.now() - started,
              phase: at,
            });
          } catch (err) {
            hung.push(`${path} during ${at}: ${String(err)}`);
          }
        }
      };
      const load = ['/api/v1/auth/me', '/api/v1/employees', '/api/v1/leave-types', '/api/v1/auth/me'].map(
        worker,
      );

      try {
        await waitFor('load to be served', () => outcomes.filter((o) => o.status === 200).length >= 20);
        proxy.cut();
        phase = 'outage';
        const cutAt = Date.now();
        await waitFor('requests to be refused', () => outcomes.filter((o) => o.status === 503).length >= 10);
        // Keep the database away a few seconds in all (a wait, not an assertion).
        await waitFor('a few seconds of outage', () => Date.now() - cutAt >= 3000, { everyMs: 100 });
        proxy.restore();
        phase = 'after';
        const restoredAt = outcomes.length;
        await waitFor(
          'the API to serve again',
          () => outcomes.slice(restoredAt).filter((o) => o.status === 200).length >= 20,
          { timeoutMs: 60_000 },
        );
      } catch (err) {
        const last = outcomes.slice(-8).map((o) => `${o.phase} ${o.status} ${o.ms}ms`);
        const logs = api.output.filter((l) => l.includes('"error"') || l.includes('"warn"')).slice(-5);
        throw new Error(`${String(err)}\nlast: ${last.join(', ')}\nhung: ${hung.length}\n${logs.join('\n')}`);
      } finally {
        // Workers stop (each within its client deadline), so nothing keeps Jest alive.
        running = false;
        await Promise.all(load);
      }

      expect(hung).toEqual([]);
      const unexpected = outcomes.filter((o) => o.status !== 200 && o.status !== 503);
      // On failure, the server's error lines say which database error was not recognised.
      const errors = unexpected.length > 0 ? api.output.filter((l) => l.includes('"error"')).slice(0, 5) : [];
      expect({ unexpected, errors }).toEqual({ unexpected: [], errors: [] });
      const refused = outcomes.filter((o) => o.status === 503);
      expect(refused.every((o) => o.type.startsWith('application/problem+json'))).toBe(true);
      expect(refused.filter((o) => o.ms > READY_TIMEOUT_MS * 2)).toEqual([]);
      expect(refused.filter((o) => o.phase === 'outage').length).toBeGreaterThanOrEqual(1);
      // Same process, serving: never restarted.
      expect((await call(api, 'GET', '/ready')).status).toBe(200);
    } finally {
      await proxy.stop();
    }
  });
});

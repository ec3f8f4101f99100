import { EventEmitter } from 'node:events';
import type { WatchedClient } from '../../src/db/monitor-watchdog';
import { heartbeatDeadlineMs, watchServerMonitor } from '../../src/db/monitor-watchdog';

const OPTIONS = { connectTimeoutMS: 10_000, heartbeatFrequencyMS: 10_000, everyMs: 1000, retryMs: 500 };

class FakeClient extends EventEmitter implements WatchedClient {
  closes = 0;
  connects = 0;
  refuseConnects = 0;
  close() {
    this.closes++;
    return Promise.resolve();
  }
  connect() {
    this.connects++;
    if (this.refuseConnects > 0) {
      this.refuseConnects--;
      return Promise.reject(new Error('connect ECONNREFUSED'));
    }
    return Promise.resolve(this);
  }
}

let client: FakeClient;
let stop: () => void;
beforeEach(() => {
  jest.useFakeTimers();
  client = new FakeClient();
  stop = watchServerMonitor(client, { ...OPTIONS, now: () => Date.now() });
});
afterEach(() => {
  stop();
  jest.useRealTimers();
});

const heartbeat = (event: string, awaited = false) =>
  client.emit(event, { connectionId: 'db:27017', awaited });

describe('database monitor watchdog', () => {
  it('when a polling heartbeat outlives its socket timeout then the client is closed and connected again once', async () => {
    heartbeat('serverHeartbeatStarted');
    await jest.advanceTimersByTimeAsync(heartbeatDeadlineMs(OPTIONS, false) - 1000);
    expect(client.closes).toBe(0);
    await jest.advanceTimersByTimeAsync(2000);
    expect({ closes: client.closes, connects: client.connects }).toEqual({ closes: 1, connects: 1 });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(client.closes).toBe(1);
  });

  it('when heartbeats end (succeeded or failed) then nothing is restarted, however long the process runs', async () => {
    for (let i = 0; i < 20; i++) {
      heartbeat('serverHeartbeatStarted');
      await jest.advanceTimersByTimeAsync(9000);
      heartbeat(i % 2 ? 'serverHeartbeatSucceeded' : 'serverHeartbeatFailed');
      await jest.advanceTimersByTimeAsync(5000);
    }
    expect(client.closes).toBe(0);
  });

  it('when a streaming heartbeat waits on the server then it gets the await time on top before it counts as stuck', async () => {
    heartbeat('serverHeartbeatStarted', true);
    await jest.advanceTimersByTimeAsync(heartbeatDeadlineMs(OPTIONS, false) + 2000);
    expect(client.closes).toBe(0);
    await jest.advanceTimersByTimeAsync(OPTIONS.heartbeatFrequencyMS);
    expect(client.closes).toBe(1);
  });

  it('when the database is still away then connecting is retried until it answers', async () => {
    client.refuseConnects = 3;
    heartbeat('serverHeartbeatStarted');
    await jest.advanceTimersByTimeAsync(heartbeatDeadlineMs(OPTIONS, false) + 1000);
    await jest.advanceTimersByTimeAsync(5000);
    expect({ closes: client.closes, connects: client.connects }).toEqual({ closes: 1, connects: 4 });
  });

  it('when stopped then it no longer listens or acts', async () => {
    stop();
    heartbeat('serverHeartbeatStarted');
    await jest.advanceTimersByTimeAsync(60_000);
    expect(client.closes).toBe(0);
    expect(client.listenerCount('serverHeartbeatStarted')).toBe(0);
  });
});

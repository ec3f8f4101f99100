import type { EventEmitter } from 'node:events';
import { logger } from '../lib/logger';

/** The part of a MongoClient the watchdog needs (an interface, so the rule is testable without a server). */
export interface WatchedClient extends Pick<EventEmitter, 'on' | 'off'> {
  close(): Promise<void>;
  connect(): Promise<unknown>;
}

export interface WatchdogOptions {
  /** The driver's socket timeout for a polling heartbeat (`connectTimeoutMS`). */
  connectTimeoutMS: number;
  /** How long a streaming (awaited) heartbeat may wait on the server before it answers. */
  heartbeatFrequencyMS: number;
  /** How often the watchdog looks. */
  everyMs?: number;
  /** How long to wait between reconnection attempts while the database stays away. */
  retryMs?: number;
  now?: () => number;
}

interface HeartbeatEvent {
  connectionId?: string;
  awaited?: boolean;
}

/** Longer than any healthy heartbeat can run: its own socket timeout, plus the wait of a streaming one. */
export function heartbeatDeadlineMs(options: WatchdogOptions, awaited: boolean): number {
  return options.connectTimeoutMS + (awaited ? options.heartbeatFrequencyMS : 0) + 1000;
}

/**
 * Restarts the driver's monitoring when a heartbeat never ends.
 *
 * Why: in the MongoDB Node driver (7.8) a heartbeat that starts on the monitor's connection just as
 * that connection's socket closes (the database dropping every connection at once does exactly this)
 * can wait forever for a `drain` event that never comes. The monitor then never checks again, the
 * server stays Unknown, and every request answers 503 until the process is restarted. A heartbeat
 * that outlives its own timeouts is such a wedge: the client is closed and connected again (the same
 * client object, so Mongoose's and our listeners stay attached), retrying until the database answers.
 * Returns a function that stops watching.
 */
export function watchServerMonitor(client: WatchedClient, options: WatchdogOptions): () => void {
  const now = options.now ?? Date.now;
  const running = new Map<string, { startedAt: number; awaited: boolean }>();
  let restarting = false;
  let stopped = false;

  const onStarted = (event: HeartbeatEvent) =>
    running.set(event.connectionId ?? '', { startedAt: now(), awaited: Boolean(event.awaited) });
  const onEnded = (event: HeartbeatEvent) => running.delete(event.connectionId ?? '');
  client.on('serverHeartbeatStarted', onStarted);
  client.on('serverHeartbeatSucceeded', onEnded);
  client.on('serverHeartbeatFailed', onEnded);

  async function reconnect(address: string, stuckMs: number): Promise<void> {
    restarting = true;
    logger.warn('The database monitor is stuck; reconnecting the database client', { address, stuckMs });
    running.clear();
    try {
      await client.close().catch(() => undefined);
      for (;;) {
        if (stopped) return;
        const connected = await client.connect().then(
          () => true,
          (err: unknown) => {
            logger.warn('Reconnecting the database client failed; retrying', { err });
            return false;
          },
        );
        if (connected) return;
        await new Promise((resolve) => setTimeout(resolve, options.retryMs ?? 1000).unref());
      }
    } finally {
      restarting = false;
    }
  }

  const timer = setInterval(() => {
    if (restarting) return;
    for (const [address, heartbeat] of running) {
      const stuckMs = now() - heartbeat.startedAt;
      if (stuckMs > heartbeatDeadlineMs(options, heartbeat.awaited)) {
        void reconnect(address, stuckMs);
        return;
      }
    }
  }, options.everyMs ?? 1000);
  timer.unref();

  return () => {
    stopped = true;
    clearInterval(timer);
    client.off('serverHeartbeatStarted', onStarted);
    client.off('serverHeartbeatSucceeded', onEnded);
    client.off('serverHeartbeatFailed', onEnded);
  };
}

import { getConfig } from '../../config';
import { logger } from '../../lib/logger';
import { attemptDelivery, claimNextDelivery, fanOut } from './deliveries.service';
import { onEventRecorded } from './events.service';

/**
 * The webhook worker of one instance: on a timer (and soon after an event is recorded) it fans new
 * events out to deliveries, then leases due deliveries and sends them in the background, at most
 * WEBHOOK_CONCURRENCY at once and WEBHOOK_CONCURRENCY_PER_ENDPOINT per endpoint, so a slow endpoint
 * holds only its own slots. Requests never wait for it.
 */

const inFlight = new Map<string, number>();
const attempts = new Set<Promise<void>>();
let total = 0;
let active = false;
let ticking: Promise<void> | undefined;
let again = false;
let nudgeRegistered = false;

function busyWebhooks(perEndpoint: number): string[] {
  return [...inFlight].filter(([, n]) => n >= perEndpoint).map(([id]) => id);
}

function track(webhookId: string, delta: number): void {
  const n = (inFlight.get(webhookId) ?? 0) + delta;
  if (n > 0) inFlight.set(webhookId, n);
  else inFlight.delete(webhookId);
  total += delta;
}

/** One pass: fan out, then start as many due deliveries as slots allow (without waiting for them). */
async function pass(): Promise<void> {
  const config = getConfig();
  await fanOut();
  while (active && total < config.WEBHOOK_CONCURRENCY) {
    const claimed = await claimNextDelivery(busyWebhooks(config.WEBHOOK_CONCURRENCY_PER_ENDPOINT));
    if (!claimed) break;
    track(claimed.webhookId, 1);
    const attempt = attemptDelivery(claimed)
      .catch((err: unknown) => {
        logger.error('Webhook delivery attempt failed', { error: String(err) });
      })
      .finally(() => {
        track(claimed.webhookId, -1);
        attempts.delete(attempt);
        tickSoon();
      });
    attempts.add(attempt);
  }
}

function tick(): void {
  if (!active) return;
  if (ticking) {
    again = true;
    return;
  }
  ticking = pass()
    .catch((err: unknown) => {
      logger.error('Webhook worker pass failed', { error: String(err) });
    })
    .finally(() => {
      ticking = undefined;
      if (again) {
        again = false;
        tick();
      }
    });
}

function tickSoon(): void {
  if (active) setImmediate(tick);
}

export interface RunningWorker {
  /** Stops claiming and resolves once the attempts in flight have finished (each is time-boxed). */
  stop(): Promise<void>;
}

export function startWebhookWorker(pollMs = getConfig().WEBHOOK_POLL_MS): RunningWorker {
  active = true;
  if (!nudgeRegistered) {
    nudgeRegistered = true;
    onEventRecorded(tickSoon);
  }
  tickSoon();
  const timer = setInterval(tick, pollMs);
  timer.unref();
  return {
    async stop() {
      active = false;
      clearInterval(timer);
      await ticking;
      await Promise.all([...attempts]);
    },
  };
}

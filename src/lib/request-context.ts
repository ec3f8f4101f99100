import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is acting: a signed-in user, a biometric device, or a scheduled job. */
export type Actor =
  | { kind: 'user'; id: string; role?: string }
  | { kind: 'device'; id: string }
  | { kind: 'system'; id: string }
  | { kind: 'anonymous' };

/** Where the caller stands against a rate limit (IETF draft RateLimit header fields). */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

export interface RequestContext {
  requestId: string;
  /** The OpenTelemetry trace this request belongs to, when tracing is on. */
  traceId?: string;
  ip?: string;
  actor: Actor;
  /** The closest limit this request met; the response announces it in RateLimit-* headers. */
  rateLimit?: RateLimitState;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with a context that logs and audit entries pick up without threading req through services. */
export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Called by the authentication middleware once it knows who the caller is. */
export function setCurrentActor(actor: Actor): void {
  const context = storage.getStore();
  if (context) context.actor = actor;
}

/** Records a limit the request met; of several, the one with the fewest requests left is announced. */
export function noteRateLimit(state: RateLimitState): void {
  const context = storage.getStore();
  if (!context) return;
  if (!context.rateLimit || state.remaining < context.rateLimit.remaining) context.rateLimit = state;
}

import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is acting: a signed-in user, a biometric device, or a scheduled job. */
export type Actor =
  | { kind: 'user'; id: string; role?: string }
  | { kind: 'device'; id: string }
  | { kind: 'system'; id: string }
  | { kind: 'anonymous' };

export interface RequestContext {
  requestId: string;
  /** The OpenTelemetry trace this request belongs to, when tracing is on. */
  traceId?: string;
  ip?: string;
  actor: Actor;
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

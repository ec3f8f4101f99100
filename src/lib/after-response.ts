import type { ServerResponse } from 'node:http';
import { logger } from './logger';

/**
 * Work a request starts only once its response has gone out, so neither the answer nor its timing
 * depends on it (forgot-password must not tell whether an account exists). A failure is logged;
 * the client has its answer already.
 */
const pending = new Set<Promise<void>>();

export function afterResponse(res: ServerResponse, label: string, work: () => Promise<void>): void {
  const done = new Promise<void>((resolve) => {
    res.once('close', () => {
      work()
        .catch((err: unknown) =>
          logger.error(`${label} failed after the response`, {
            error: err instanceof Error ? err.message : String(err),
          }),
        )
        .finally(resolve);
    });
  });
  pending.add(done);
  void done.finally(() => pending.delete(done));
}

/** Waits for work started after responses (tests, graceful shutdown). */
export async function settleAfterResponseWork(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}

import mongoose from 'mongoose';
import type { RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimiterMongo } from 'rate-limiter-flexible';
import { noteRateLimit } from './request-context';

export interface LimiterOptions {
  /** Collection; limiters sharing one are told apart by keyPrefix. */
  tableName: string;
  keyPrefix: string;
  points: number;
  durationSeconds: number;
}

/**
 * A rate limiter whose counters live in MongoDB, so every instance shares them. Built on first use;
 * its indexes are created and awaited then, because the library's background index creation races
 * the first upserts into a collection that does not exist yet.
 */
export function mongoRateLimiter(options: () => LimiterOptions): () => Promise<RateLimiterMongo> {
  let built: Promise<RateLimiterMongo> | undefined;
  return () => {
    built ??= (async () => {
      const { tableName, keyPrefix, points, durationSeconds } = options();
      const limiter = new RateLimiterMongo({
        storeClient: mongoose.connection,
        tableName,
        keyPrefix,
        points,
        duration: durationSeconds,
        disableIndexesCreation: true,
      });
      await limiter.createIndexes();
      return limiter;
    })().catch((err: unknown) => {
      built = undefined;
      throw err;
    });
    return built;
  };
}

/** Consumes one point; returns the seconds to wait when the limit is exhausted, else undefined. */
export async function consumeOrWait(limiter: RateLimiterMongo, key: string): Promise<number | undefined> {
  try {
    noteLimit(limiter.points, await limiter.consume(key));
    return undefined;
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    const state = rejection as Partial<RateLimiterRes>;
    noteLimit(limiter.points, { remainingPoints: 0, msBeforeNext: state.msBeforeNext ?? 1000 });
    return Math.max(1, Math.ceil((state.msBeforeNext ?? 1000) / 1000));
  }
}

/** Tells the response where the caller stands (RateLimit-Limit, -Remaining, -Reset). */
export function noteLimit(
  limit: number,
  state: Pick<RateLimiterRes, 'remainingPoints' | 'msBeforeNext'>,
): void {
  noteRateLimit({
    limit,
    remaining: Math.max(0, state.remainingPoints),
    resetSeconds: Math.max(0, Math.ceil(state.msBeforeNext / 1000)),
  });
}

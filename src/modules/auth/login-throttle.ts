import mongoose from 'mongoose';
import { RateLimiterMongo } from 'rate-limiter-flexible';
import type { RateLimiterRes } from 'rate-limiter-flexible';
import { getConfig } from '../../config';
import { TooManyRequestsError } from '../../http/errors';

/**
 * Failed logins are counted per account (email, known or not, so the limit cannot be used to
 * discover accounts) and per client IP. State lives in MongoDB, so every instance sees the same counts.
 */
interface Limiters {
  account: RateLimiterMongo;
  ip: RateLimiterMongo;
}

let limiters: Promise<Limiters> | undefined;

/**
 * Built once. The limiter's own index creation runs in the background and races the first
 * upserts into a collection that does not exist yet; so it is switched off and awaited here.
 */
function getLimiters(): Promise<Limiters> {
  limiters ??= (async () => {
    const config = getConfig();
    const common = {
      storeClient: mongoose.connection,
      tableName: 'login_failures',
      duration: config.LOGIN_FAILURE_WINDOW_SECONDS,
      disableIndexesCreation: true,
    };
    const built = {
      account: new RateLimiterMongo({
        ...common,
        keyPrefix: 'account',
        points: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      }),
      ip: new RateLimiterMongo({ ...common, keyPrefix: 'ip', points: config.LOGIN_MAX_FAILURES_PER_IP }),
    };
    // Both limiters share the collection, so one call creates its TTL and unique-key indexes.
    await built.account.createIndexes();
    return built;
  })().catch((err: unknown) => {
    limiters = undefined;
    throw err;
  });
  return limiters;
}

function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

function blockedFor(res: RateLimiterRes | null, limit: number): number | undefined {
  return res && res.consumedPoints >= limit ? res.msBeforeNext / 1000 : undefined;
}

/** Throws 429 with Retry-After while either counter is at its limit. */
export async function assertLoginAllowed(email: string, ip: string): Promise<void> {
  const config = getConfig();
  const { account, ip: byIp } = await getLimiters();
  const [accountRes, ipRes] = await Promise.all([account.get(accountKey(email)), byIp.get(ip)]);
  const wait =
    blockedFor(accountRes, config.LOGIN_MAX_FAILURES_PER_ACCOUNT) ??
    blockedFor(ipRes, config.LOGIN_MAX_FAILURES_PER_IP);
  if (wait !== undefined)
    throw new TooManyRequestsError('Too many failed sign-in attempts; try again later', wait);
}

/** Counts a failure on both keys; returns the account's failures so far in the window. */
export async function recordLoginFailure(email: string, ip: string): Promise<number> {
  const { account, ip: byIp } = await getLimiters();
  await byIp.penalty(ip);
  return (await account.penalty(accountKey(email))).consumedPoints;
}

/** A successful sign-in clears the account's counter (the IP's decays on its own). */
export async function clearLoginFailures(email: string): Promise<void> {
  await (await getLimiters()).account.delete(accountKey(email));
}

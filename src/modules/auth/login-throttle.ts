import type { RateLimiterRes } from 'rate-limiter-flexible';
import { getConfig } from '../../config';
import { TooManyRequestsError } from '../../lib/errors';
import { mongoRateLimiter, noteLimit } from '../../lib/mongo-rate-limiter';

/**
 * Failed logins are counted per account (email, known or not, so the limit cannot be used to
 * discover accounts) and per client IP. State lives in MongoDB, so every instance sees the same counts.
 */
const accountLimiter = mongoRateLimiter(() => ({
  tableName: 'login_failures',
  keyPrefix: 'account',
  points: getConfig().LOGIN_MAX_FAILURES_PER_ACCOUNT,
  durationSeconds: getConfig().LOGIN_FAILURE_WINDOW_SECONDS,
}));
const ipLimiter = mongoRateLimiter(() => ({
  tableName: 'login_failures',
  keyPrefix: 'ip',
  points: getConfig().LOGIN_MAX_FAILURES_PER_IP,
  durationSeconds: getConfig().LOGIN_FAILURE_WINDOW_SECONDS,
}));

async function getLimiters() {
  return { account: await accountLimiter(), ip: await ipLimiter() };
}

function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

function blockedFor(res: RateLimiterRes | null, limit: number): number | undefined {
  return res && res.consumedPoints >= limit ? res.msBeforeNext / 1000 : undefined;
}

/** Sign-in limits count failures: the RateLimit headers say how many failed attempts are left. */
function announceFailureBudget(res: RateLimiterRes | null, limit: number, windowSeconds: number): void {
  noteLimit(limit, {
    remainingPoints: limit - (res?.consumedPoints ?? 0),
    msBeforeNext: res ? res.msBeforeNext : windowSeconds * 1000,
  });
}

/** Throws 429 with Retry-After while either counter is at its limit. */
export async function assertLoginAllowed(email: string, ip: string): Promise<void> {
  const config = getConfig();
  const { account, ip: byIp } = await getLimiters();
  const [accountRes, ipRes] = await Promise.all([account.get(accountKey(email)), byIp.get(ip)]);
  announceFailureBudget(
    accountRes,
    config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    config.LOGIN_FAILURE_WINDOW_SECONDS,
  );
  announceFailureBudget(ipRes, config.LOGIN_MAX_FAILURES_PER_IP, config.LOGIN_FAILURE_WINDOW_SECONDS);
  const wait =
    blockedFor(accountRes, config.LOGIN_MAX_FAILURES_PER_ACCOUNT) ??
    blockedFor(ipRes, config.LOGIN_MAX_FAILURES_PER_IP);
  if (wait !== undefined)
    throw new TooManyRequestsError('Too many failed sign-in attempts; try again later', wait);
}

/** Counts a failure on both keys; returns the account's failures so far in the window. */
export async function recordLoginFailure(email: string, ip: string): Promise<number> {
  const config = getConfig();
  const { account, ip: byIp } = await getLimiters();
  announceFailureBudget(
    await byIp.penalty(ip),
    config.LOGIN_MAX_FAILURES_PER_IP,
    config.LOGIN_FAILURE_WINDOW_SECONDS,
  );
  const accountRes = await account.penalty(accountKey(email));
  announceFailureBudget(
    accountRes,
    config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    config.LOGIN_FAILURE_WINDOW_SECONDS,
  );
  return accountRes.consumedPoints;
}

/** A successful sign-in clears the account's counter (the IP's decays on its own). */
export async function clearLoginFailures(email: string): Promise<void> {
  await (await getLimiters()).account.delete(accountKey(email));
}

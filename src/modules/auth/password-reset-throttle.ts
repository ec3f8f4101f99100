import { getConfig } from '../../config';
import { TooManyRequestsError } from '../../lib/errors';
import { consumeOrWait, mongoRateLimiter } from '../../lib/mongo-rate-limiter';

/**
 * Reset requests are counted per address (known or not, so the limit reveals nothing) and per client
 * IP, in MongoDB so every instance shares the counts: a victim's inbox cannot be flooded and the
 * address space cannot be walked quickly. The client budget is spent first, so a blocked client uses
 * up no address's budget.
 */
const HOUR = 3600;
const addressLimiter = mongoRateLimiter(() => ({
  tableName: 'password_reset_requests',
  keyPrefix: 'address',
  points: getConfig().FORGOT_PASSWORD_PER_ADDRESS_PER_HOUR,
  durationSeconds: HOUR,
}));
const clientLimiter = mongoRateLimiter(() => ({
  tableName: 'password_reset_requests',
  keyPrefix: 'ip',
  points: getConfig().FORGOT_PASSWORD_PER_IP_PER_HOUR,
  durationSeconds: HOUR,
}));

/** Counts one request; 429 with Retry-After once the client or the address has used its hour's budget. */
export async function throttlePasswordResetRequest(email: string, ip: string): Promise<void> {
  const wait =
    (await consumeOrWait(await clientLimiter(), ip)) ??
    (await consumeOrWait(await addressLimiter(), email.trim().toLowerCase()));
  if (wait !== undefined)
    throw new TooManyRequestsError('Too many password reset requests; try again later', wait);
}

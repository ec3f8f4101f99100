import { LRUCache } from 'lru-cache';
import { getConfig } from '../../config';

/**
 * Users the JWT strategy found active, remembered for AUTH_USER_CACHE_SECONDS so that a burst of
 * requests costs one user read instead of one per request (the bench showed that read as half the
 * cost of a simple GET). Revocation stays immediate on this instance: every write that ends sessions
 * goes through `revokeAllSessions`, which forgets the user here. Another instance keeps accepting
 * the old tokens until its entry expires, which is the bounded delay the setting chooses; 0 turns
 * the cache off. Logout (`endSession`) forgets the user too. A write that changes a user's role or email must call `forgetActiveUser` too.
 */
export interface CachedActiveUser {
  user: Express.User;
  sessionVersion: number;
  /** Sessions ended by logout whose access tokens may not have expired yet. */
  endedSessions: ReadonlySet<string>;
}

const MAX_USERS = 50_000;

let cache: LRUCache<string, CachedActiveUser> | null = null;
let cacheSeconds = 0;
/** Bumped by every forget, so a read that raced with a revocation is not remembered afterwards. */
let generation = 0;

/** Follows the configured lifetime, so a changed configuration (tests) gets a fresh cache. */
function activeUsers(): LRUCache<string, CachedActiveUser> | null {
  const seconds = getConfig().AUTH_USER_CACHE_SECONDS;
  if (seconds !== cacheSeconds) {
    cacheSeconds = seconds;
    cache = seconds > 0 ? new LRUCache({ max: MAX_USERS, ttl: seconds * 1000 }) : null;
  }
  return cache;
}

export function recallActiveUser(userId: string): CachedActiveUser | undefined {
  return activeUsers()?.get(userId);
}

/** A token for the caller to hand back to `rememberActiveUser` once its read has finished. */
export function cacheGeneration(): number {
  return generation;
}

export function rememberActiveUser(userId: string, entry: CachedActiveUser, readAt: number): void {
  if (readAt !== generation) return;
  activeUsers()?.set(userId, entry);
}

export function forgetActiveUser(userId: string): void {
  generation++;
  activeUsers()?.delete(userId);
}

import { createSecretKey } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import passport from 'passport';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import { getConfig } from '../config';
import type { Role } from '../modules/auth/roles';
import type { AccessTokenClaims } from '../modules/auth/tokens';
import { ACCESS_TOKEN_ALGORITHM, isAccessTokenClaims } from '../modules/auth/tokens';
import { findActiveUserForToken } from '../modules/auth/users.service';
import { ForbiddenError, UnauthorizedError } from '../lib/errors';
import { setCurrentActor } from '../lib/request-context';

let configured = false;

const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/**
 * Access tokens passport-jwt has verified, kept until they expire. Verifying the same string again
 * gives the same answer until then (same key, algorithm, issuer and audience), and it was a tenth of
 * the CPU of a simple GET in the bench. Revocation is not decided here: every request still checks
 * its user (findActiveUserForToken), cached token or not.
 */
const MAX_VERIFIED_TOKENS = 20_000;
let verifiedTokens: LRUCache<string, AccessTokenClaims> | undefined;

function verifiedTokenCache(): LRUCache<string, AccessTokenClaims> {
  verifiedTokens ??= new LRUCache({
    max: MAX_VERIFIED_TOKENS,
    ttl: getConfig().JWT_ACCESS_TTL_SECONDS * 1000,
  });
  return verifiedTokens;
}

function rememberVerifiedToken(token: string | null, claims: AccessTokenClaims): void {
  const remainingMs = claims.exp * 1000 - Date.now();
  if (token && remainingMs > 0) verifiedTokenCache().set(token, claims, { ttl: remainingMs });
}

/** Registers the JWT strategy once: HS256 only, issuer and audience checked, user looked up per request. */
function ensureStrategy(): void {
  if (configured) return;
  const config = getConfig();
  passport.use(
    new JwtStrategy(
      {
        jwtFromRequest: bearerToken,
        // A KeyObject made once: given a string, jsonwebtoken first tries (and fails) to parse it as a
        // public key on every request, which the bench profile showed as a top cost. passport-jwt hands
        // the key to jsonwebtoken unchanged; its type declaration only lists string | Buffer.
        secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as Buffer,
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        passReqToCallback: true,
      },
      (req: Request, payload: unknown, done: (err: unknown, user?: Express.User | false) => void) => {
        if (!isAccessTokenClaims(payload)) {
          done(null, false);
          return;
        }
        rememberVerifiedToken(bearerToken(req), payload);
        findActiveUserForToken(payload.sub, payload.ver, payload.sid).then(
          (user) => done(null, user ?? false),
          (err: unknown) => done(err),
        );
      },
    ),
  );
  configured = true;
}

function describeTokenProblem(info: unknown): string {
  const name = info instanceof Error ? info.name : undefined;
  if (name === 'TokenExpiredError') return 'The access token has expired';
  if (info instanceof Error && /No auth token/i.test(info.message)) return 'Authentication is required';
  return 'The access token is invalid or revoked';
}

function signIn(req: Request, user: Express.User): void {
  req.user = user;
  setCurrentActor({ kind: 'user', id: user.id, role: user.role });
}

/** Requires a valid bearer token; on success `req.user` is the caller and the audit actor is set. */
export const authenticate: RequestHandler = (req, res, next) => {
  const token = bearerToken(req);
  const verified = token ? verifiedTokenCache().get(token) : undefined;
  if (verified) {
    findActiveUserForToken(verified.sub, verified.ver, verified.sid).then((user) => {
      if (!user) {
        next(new UnauthorizedError(describeTokenProblem(undefined)));
        return;
      }
      signIn(req, user);
      next();
    }, next);
    return;
  }
  ensureStrategy();
  const handler = passport.authenticate(
    'jwt',
    { session: false },
    (err: unknown, user: Express.User | false | undefined, info: unknown) => {
      if (err) {
        next(err);
        return;
      }
      if (!user) {
        next(new UnauthorizedError(describeTokenProblem(info)));
        return;
      }
      signIn(req, user);
      next();
    },
  ) as RequestHandler;
  handler(req, res, next);
};

/** Coarse role check; ownership (self / team / all) is decided by services. */
export function authorize(...roles: readonly Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) throw new UnauthorizedError();
    if (!roles.includes(req.user.role)) throw new ForbiddenError('Your role does not allow this action');
    next();
  };
}

/** The authenticated caller; routes behind `authenticate` always have one. */
export function requireUser(req: Parameters<RequestHandler>[0]): Express.User {
  if (!req.user) throw new UnauthorizedError();
  return req.user;
}

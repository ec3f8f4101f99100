import { createSecretKey } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import passport from 'passport';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import { getConfig } from '../config';
import type { Role } from '../lib/roles';
import { ForbiddenError, UnauthorizedError } from '../lib/errors';
import { setCurrentActor } from '../lib/request-context';

let configured = false;

/**
 * How the auth module turns a verified token payload into the active caller. The module hands it to
 * the app (`useAccessTokenVerifier`), so this layer never imports a module.
 */
export interface AccessTokenVerifier {
  /** The one algorithm access tokens are signed with; every other one (and `alg: none`) is refused. */
  algorithm: 'HS256';
  /** The payload's expiry (epoch seconds) when it carries the claims the module issues, else undefined. */
  expiryOf(payload: unknown): number | undefined;
  /** The active user the payload stands for; undefined when revoked, disabled or not one of ours. */
  activeUserFor(payload: unknown): Promise<Express.User | undefined>;
}

let verifier: AccessTokenVerifier | undefined;

export function useAccessTokenVerifier(next: AccessTokenVerifier): void {
  verifier = next;
}

function requireVerifier(): AccessTokenVerifier {
  if (!verifier) throw new Error("No access token verifier: createApp() registers the auth module's");
  return verifier;
}

const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/**
 * Access tokens passport-jwt has verified, kept until they expire. Verifying the same string again
 * gives the same answer until then (same key, algorithm, issuer and audience), and it was a tenth of
 * the CPU of a simple GET in the bench. Revocation is not decided here: every request still checks
 * its user (findActiveUserForToken), cached token or not.
 */
const MAX_VERIFIED_TOKENS = 20_000;
let verifiedTokens: LRUCache<string, object> | undefined;

function verifiedTokenCache(): LRUCache<string, object> {
  verifiedTokens ??= new LRUCache({
    max: MAX_VERIFIED_TOKENS,
    ttl: getConfig().JWT_ACCESS_TTL_SECONDS * 1000,
  });
  return verifiedTokens;
}

function rememberVerifiedToken(token: string | null, payload: object, expiry: number): void {
  const remainingMs = expiry * 1000 - Date.now();
  if (token && remainingMs > 0) verifiedTokenCache().set(token, payload, { ttl: remainingMs });
}

/** Registers the JWT strategy once: HS256 only, issuer and audience checked, user looked up per request. */
function ensureStrategy(): void {
  if (configured) return;
  const config = getConfig();
  const tokens = requireVerifier();
  passport.use(
    new JwtStrategy(
      {
        jwtFromRequest: bearerToken,
        // A KeyObject made once: given a string, jsonwebtoken first tries (and fails) to parse it as a
        // public key on every request, which the bench profile showed as a top cost. passport-jwt hands
        // the key to jsonwebtoken unchanged; its type declaration only lists string | Buffer.
        secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as Buffer,
        algorithms: [tokens.algorithm],
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        passReqToCallback: true,
      },
      (req: Request, payload: unknown, done: (err: unknown, user?: Express.User | false) => void) => {
        const expiry = tokens.expiryOf(payload);
        if (expiry === undefined || typeof payload !== 'object' || payload === null) {
          done(null, false);
          return;
        }
        rememberVerifiedToken(bearerToken(req), payload, expiry);
        tokens.activeUserFor(payload).then(
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
    requireVerifier()
      .activeUserFor(verified)
      .then((user) => {
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

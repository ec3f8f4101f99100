import { createHash, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { getConfig } from '../../config';
import type { Role } from './roles';
import { isRole } from './roles';

/** The one algorithm access tokens are signed and verified with; `alg: none` and others are refused. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';

export interface AccessTokenClaims {
  sub: string;
  role: Role;
  /** The user's sessionVersion when the token was issued. */
  ver: number;
  /** The session (refresh token family) the token belongs to; logout ends it (users.service endSession). */
  sid?: string;
  iat: number;
  exp: number;
}

export function signAccessToken(
  user: { id: string; role: Role; sessionVersion: number },
  sessionId?: string,
): {
  token: string;
  expiresIn: number;
} {
  const { JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE, JWT_ACCESS_TTL_SECONDS } = getConfig();
  const claims = { role: user.role, ver: user.sessionVersion, ...(sessionId ? { sid: sessionId } : {}) };
  const token = jwt.sign(claims, JWT_SECRET, {
    algorithm: ACCESS_TOKEN_ALGORITHM,
    subject: user.id,
    issuer: JWT_ISSUER,
    audience: JWT_AUDIENCE,
    expiresIn: JWT_ACCESS_TTL_SECONDS,
  });
  return { token, expiresIn: JWT_ACCESS_TTL_SECONDS };
}

export function isAccessTokenClaims(payload: unknown): payload is AccessTokenClaims {
  if (typeof payload !== 'object' || payload === null) return false;
  const p = payload as Record<string, unknown>;
  return (
    typeof p.sub === 'string' &&
    isRole(p.role) &&
    typeof p.ver === 'number' &&
    (p.sid === undefined || typeof p.sid === 'string') &&
    typeof p.iat === 'number' &&
    typeof p.exp === 'number'
  );
}

/** 256 bits of randomness, URL-safe: refresh tokens, reset tokens, feed tokens. */
export function generateOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Opaque tokens are high-entropy, so a fast hash is enough (and lets us look them up by hash). */
export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

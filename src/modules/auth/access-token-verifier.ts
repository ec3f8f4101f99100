import type { AccessTokenVerifier } from '../../http/authenticate';
import { ACCESS_TOKEN_ALGORITHM, isAccessTokenClaims } from './tokens';
import { findActiveUserForToken } from './users.service';

/** What the router needs from this module to authenticate a bearer token (registered by createApp). */
export const accessTokenVerifier: AccessTokenVerifier = {
  algorithm: ACCESS_TOKEN_ALGORITHM,
  expiryOf: (payload) => (isAccessTokenClaims(payload) ? payload.exp : undefined),
  activeUserFor: async (payload) =>
    isAccessTokenClaims(payload) ? findActiveUserForToken(payload.sub, payload.ver, payload.sid) : undefined,
};

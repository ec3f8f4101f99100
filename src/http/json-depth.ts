import type { IncomingMessage, ServerResponse } from 'node:http';
import { ValidationError } from '../lib/errors';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x7b, 0x5b]); // { [
const CLOSERS = new Set([0x7d, 0x5d]); // } ]

/**
 * Whether a JSON text nests objects and arrays deeper than `limit`, read in one pass over the raw
 * bytes before parsing (UTF-8: no byte of a multi-byte character is a quote, backslash or bracket).
 * Brackets inside strings do not count.
 */
export function nestsDeeperThan(text: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i]!;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (OPENERS.has(byte)) {
      if (++depth > limit) return true;
    } else if (CLOSERS.has(byte)) depth--;
  }
  return false;
}

/**
 * The JSON body parser's `verify` hook: a body nested deeper than `limit` is refused with 400
 * before it is parsed, so no check, copy or audit diff ever walks an arbitrarily deep value.
 */
export function refuseDeepJson(limit: number) {
  return (_req: IncomingMessage, _res: ServerResponse, body: Buffer): void => {
    if (nestsDeeperThan(body, limit)) {
      throw new ValidationError(
        [{ field: 'body', message: `is nested deeper than ${limit} levels` }],
        `The request body nests objects or arrays deeper than ${limit} levels`,
      );
    }
  };
}

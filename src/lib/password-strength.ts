import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { BusinessRuleError } from './errors';

/**
 * New passwords are checked against common and breached passwords, keyboard patterns, repeats,
 * sequences, dates and the person's own details (ASVS 2.1.7) with zxcvbn-ts and its common
 * dictionaries, which ship inside the package: nothing is fetched. Scores run 0-4; below 3
 * ("safely unguessable: moderate protection from offline attacks") is refused.
 */
export const MIN_PASSWORD_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return estimator;
}

/** zxcvbn's warning keys (it ships no English text without a language package), in words. */
const WARNINGS: Record<string, string> = {
  commonPasswords: 'it is a commonly used password',
  similarToCommon: 'it is too similar to a commonly used password',
  topHundred: 'it is one of the most used passwords',
  topTen: 'it is one of the ten most used passwords',
  userInputs: 'it contains your own details',
  straightRow: 'it is a row of keys',
  keyPattern: 'it is a keyboard pattern',
  simpleRepeat: 'it repeats characters',
  extendedRepeat: 'it repeats a pattern',
  sequences: 'it is a sequence',
  recentYears: 'it relies on a recent year',
  dates: 'it relies on a date',
};

/** Why a password is too easy to guess, or undefined when it is strong enough. */
export function passwordWeakness(password: string, userInputs: readonly string[] = []): string | undefined {
  // An email counts whole, by its local part and by each word in it.
  const inputs = userInputs
    .flatMap((input) => [input, input.split('@')[0] ?? '', ...input.split(/[^A-Za-z0-9]+/)])
    .filter((s) => s.length > 2);
  const result = zxcvbn().check(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return undefined;
  const reason = WARNINGS[result.feedback.warning ?? ''];
  return `is too easy to guess${reason ? `: ${reason}` : ''}; use a longer phrase of unrelated words`;
}

/** 422 naming `field` when the password is too easy to guess (the request itself is well formed). */
export function assertStrongPassword(
  password: string,
  field: string,
  userInputs: readonly string[] = [],
): void {
  // bcrypt reads at most 72 bytes: anything after them would silently not count.
  const weakness =
    Buffer.byteLength(password, 'utf8') > 72
      ? 'must be at most 72 bytes'
      : passwordWeakness(password, userInputs);
  if (weakness) {
    throw new BusinessRuleError('The password is too easy to guess', {
      errors: [{ field, message: weakness }],
    });
  }
}

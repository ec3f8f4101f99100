/**
 * MongoDB's duplicate-key error (E11000) is how unique indexes say "already there"; idempotent
 * writes treat it as success. One place reads it, for single and bulk writes alike.
 */
const DUPLICATE_KEY = 11000;

interface WriteError {
  index?: number;
  code?: unknown;
  err?: { code?: unknown; index?: number };
}

export function isDuplicateKeyError(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === DUPLICATE_KEY;
}

function writeErrorsOf(err: unknown): WriteError[] | undefined {
  const writeErrors = (err as { writeErrors?: unknown } | null)?.writeErrors;
  return Array.isArray(writeErrors) ? (writeErrors as WriteError[]) : undefined;
}

/** True when an insert failed only because some documents already existed. */
export function isOnlyDuplicateKeys(err: unknown): boolean {
  const writeErrors = writeErrorsOf(err);
  if (!writeErrors) return isDuplicateKeyError(err);
  return writeErrors.every((w) => (w.code ?? w.err?.code) === DUPLICATE_KEY);
}

/** Positions, in the inserted array, of the documents a bulk insert skipped as duplicates. */
export function duplicateIndexes(err: unknown): Set<number> {
  return new Set((writeErrorsOf(err) ?? []).map((w) => w.index ?? w.err?.index ?? -1));
}

/** insertMany that skips documents whose unique keys already exist and rethrows anything else. */
export async function insertIgnoringDuplicates<T>(insert: () => Promise<T>): Promise<T | undefined> {
  try {
    return await insert();
  } catch (err) {
    if (!isOnlyDuplicateKeys(err)) throw err;
    return undefined;
  }
}

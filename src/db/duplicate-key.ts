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

/**
 * Most documents sent in one insert. The driver matches every inserted id against every write error
 * of an unordered insert (O(documents × duplicates)): re-raising 45,000 findings that were mostly
 * stored already took over a minute of CPU in one call. In chunks of this size the cost stays linear.
 */
export const INSERT_CHUNK = 1_000;

/**
 * Inserts `docs` in chunks with `insert` (an unordered insertMany), skipping documents whose unique
 * keys already exist and rethrowing anything else. Returns the skipped documents.
 */
async function insertSkippingDuplicates<T>(
  docs: T[],
  insert: (chunk: T[]) => Promise<unknown>,
): Promise<T[]> {
  const skipped: T[] = [];
  for (let i = 0; i < docs.length; i += INSERT_CHUNK) {
    const chunk = docs.slice(i, i + INSERT_CHUNK);
    try {
      await insert(chunk);
    } catch (err) {
      if (!isOnlyDuplicateKeys(err)) throw err;
      for (const index of duplicateIndexes(err)) {
        const doc = chunk[index];
        if (doc !== undefined) skipped.push(doc);
      }
    }
  }
  return skipped;
}

/** As insertSkippingDuplicates; returns how many documents were new. */
export async function insertIgnoringDuplicates<T>(
  docs: T[],
  insert: (chunk: T[]) => Promise<unknown>,
): Promise<number> {
  return docs.length - (await insertSkippingDuplicates(docs, insert)).length;
}

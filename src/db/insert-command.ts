import type { Collection } from 'mongoose';
import { ServiceUnavailableError } from '../lib/errors';
import { INSERT_CHUNK, isDuplicateKeyError } from './duplicate-key';

interface InsertReply {
  writeErrors?: Array<{ index: number; code: number; errmsg?: string }>;
  writeConcernError?: { code?: number; errmsg?: string };
}

/**
 * Inserts small documents (a few hundred bytes each, such as punches and stale-day markers) with
 * MongoDB's `insert` command, unordered, one command per INSERT_CHUNK documents. Returns the
 * positions in `docs` of the documents a unique index already held; every other failure is thrown.
 *
 * Why not insertMany: the driver runs an insertMany as a bulk write, which walks every document once
 * to size its batches and once more to send it. On the ingest path that walk and the bulk's
 * bookkeeping were about an eighth of the API's CPU. A chunk of small documents is far below the
 * 16 MB a command may carry, so the batching buys nothing there.
 */
export async function insertWithCommand(collection: Collection, docs: object[]): Promise<number[]> {
  const db = collection.conn.db;
  if (!db) throw new ServiceUnavailableError('The database is unavailable; retry shortly');
  const duplicates: number[] = [];
  for (let start = 0; start < docs.length; start += INSERT_CHUNK) {
    const reply = (await db.command(
      {
        insert: collection.collectionName,
        documents: docs.slice(start, start + INSERT_CHUNK),
        ordered: false,
      },
      { ignoreUndefined: true },
    )) as InsertReply;
    if (reply.writeConcernError)
      throw new Error(
        `insert into ${collection.collectionName}: ${reply.writeConcernError.errmsg ?? 'write concern failed'}`,
      );
    for (const writeError of reply.writeErrors ?? []) {
      if (!isDuplicateKeyError(writeError))
        throw new Error(
          `insert into ${collection.collectionName}: ${writeError.errmsg ?? `code ${writeError.code}`}`,
        );
      duplicates.push(start + writeError.index);
    }
  }
  return duplicates;
}

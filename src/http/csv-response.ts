import type { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { SAFE_CSV_CAST } from '../lib/csv-safety';
import type { MediaTypeObject, ResponseObject, SchemaLike } from './openapi/types';

/**
 * Streams rows as CSV with a header row: the rows come from a database cursor, and `pipeline`
 * waits for the client to take each chunk before asking the cursor for more, so memory stays flat
 * however many rows there are. Text cells are neutralised against CSV injection.
 */
export async function streamCsv<Row extends Record<string, unknown>>(
  res: Response,
  filename: string,
  columns: ReadonlyArray<keyof Row & string>,
  rows: AsyncIterable<Row>,
): Promise<void> {
  res.status(200).type('text/csv; charset=utf-8').attachment(`${filename}.csv`);
  const csv = stringify({
    header: true,
    columns: [...columns],
    cast: { ...SAFE_CSV_CAST, boolean: (value) => (value ? 'true' : 'false') },
  });
  // A failure after the first bytes can only cut the download short; pipeline destroys the response.
  await pipeline(Readable.from(rows), csv, res);
}

/**
 * A list answered as JSON, or with `format=csv` as a CSV download: the document lists both
 * media types, the CSV one with an example file.
 */
export function jsonOrCsvResponse(description: string, json: SchemaLike, csvExample: string): ResponseObject {
  const csv: MediaTypeObject = { schema: { type: 'string' }, example: csvExample };
  return {
    description: `${description}; with \`format=csv\`, every matching row as CSV (page and limit do not apply)`,
    content: { 'application/json': { schema: json }, 'text/csv': csv },
  };
}

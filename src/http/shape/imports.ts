import { s } from './builders';
import type { Infer } from './field';

/** What every CSV import accepts in its query and answers: one shape for employees and holidays. */
export const ImportQuery = s.object({
  dryRun: s
    .boolean()
    .optional()
    .default(false)
    .describe('true: check the file and report what would change, and write nothing'),
});

export const ImportRowErrorShape = s.object({
  row: s.int({ min: 1 }).describe('The row in the file, the header being row 1'),
  field: s.str().describe('The column, or "row" for the row as a whole'),
  message: s.str(),
});

export const ImportReportShape = s
  .object({
    dryRun: s.boolean(),
    rows: s.int({ min: 0 }).describe('Data rows in the file'),
    created: s.int({ min: 0 }),
    updated: s.int({ min: 0 }),
    unchanged: s.int({ min: 0 }),
    errors: s
      .array(ImportRowErrorShape, { max: 1_000_000 })
      .describe('One entry per refused cell or row; when there is any, nothing was written'),
  })
  .named('ImportReport')
  .example({ dryRun: false, rows: 3, created: 2, updated: 1, unchanged: 0, errors: [] });
export type ImportReport = Infer<typeof ImportReportShape>;

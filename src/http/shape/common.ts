import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../lib/pagination';
import { s } from './builders';
import type { ObjectField } from './field';
import type { Field } from './field';

/** `?page=&limit=` on every list; a limit above 100 is capped at 100 rather than refused. */
export const PAGE_QUERY = {
  page: s.int({ min: 1, max: 100_000 }).optional().default(1),
  limit: s
    .int({ min: 1 })
    .tidied((limit) => Math.min(limit, MAX_PAGE_SIZE))
    .optional()
    .default(DEFAULT_PAGE_SIZE)
    .describe(`Page size; values above ${MAX_PAGE_SIZE} are capped at ${MAX_PAGE_SIZE}`),
};

/** `/:id` of a stored resource. */
export const ID_PARAMS = s.object({ id: s.id() });

/** `{data: [...], page, limit, total}` of the given item shape. */
export function pageOf<T>(item: Field<T>): ObjectField<{
  data: Field<T[]>;
  page: Field<number>;
  limit: Field<number>;
  total: Field<number>;
}> {
  return s.object({
    data: s.array(item, { max: MAX_PAGE_SIZE }),
    page: s.int({ min: 1 }),
    limit: s.int({ min: 1, max: MAX_PAGE_SIZE }),
    total: s.int({ min: 0 }),
  });
}

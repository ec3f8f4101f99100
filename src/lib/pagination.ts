import { query } from 'express-validator';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageRequest {
  page: number;
  limit: number;
}

export interface Page<T> extends PageRequest {
  data: T[];
  total: number;
}

/** `?page=&limit=` validators shared by every list endpoint; a limit above 100 is capped at 100. */
export const paginationQuery = () => [
  query('page')
    .optional()
    .isInt({ min: 1, max: 100_000 })
    .withMessage('must be a whole number from 1')
    .toInt(),
  query('limit')
    .optional()
    .isInt({ min: 1 })
    .withMessage('must be a whole number from 1')
    .toInt()
    .customSanitizer((value: number) => Math.min(value, MAX_PAGE_SIZE)),
];

export function pageRequest(input: { page?: unknown; limit?: unknown }): PageRequest {
  const page = typeof input.page === 'number' ? input.page : 1;
  const limit = typeof input.limit === 'number' ? input.limit : DEFAULT_PAGE_SIZE;
  return { page, limit: Math.min(limit, MAX_PAGE_SIZE) };
}

export function skipFor({ page, limit }: PageRequest): number {
  return (page - 1) * limit;
}

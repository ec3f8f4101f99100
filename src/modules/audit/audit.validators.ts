import { query } from 'express-validator';
import { paginationQuery } from '../../lib/pagination';

const text = (name: string) =>
  query(name)
    .optional()
    .isString()
    .trim()
    .isLength({ min: 1, max: 100 })
    .withMessage('must be 1 to 100 characters');
const instant = (name: string) =>
  query(name).optional().isISO8601({ strict: true }).withMessage('must be an ISO 8601 date or date-time');

export const listAuditLogsRules = [
  ...paginationQuery(),
  text('entityType'),
  text('entityId'),
  text('actorId'),
  text('action'),
  instant('from'),
  instant('to'),
];

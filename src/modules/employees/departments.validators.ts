import { body, checkExact, query } from 'express-validator';
import { paginationQuery } from '../../lib/pagination';
import { idParam, mongoIdField, textField } from '../../lib/validators';

const nullable = { values: 'null' } as const;

function departmentBody(creating: boolean) {
  const name = textField(body, 'name', 100);
  return checkExact(
    [
      creating ? name : name.optional(),
      textField(body, 'code', 32).optional(nullable),
      textField(body, 'description', 500).optional(nullable),
      mongoIdField(body, 'headId').optional(nullable),
    ],
    { locations: ['body'], message: 'Unknown field' },
  );
}

export const createDepartmentRules = [departmentBody(true)];
export const updateDepartmentRules = [idParam(), departmentBody(false)];
export const listDepartmentsRules = [
  ...paginationQuery(),
  query('q')
    .optional()
    .isString()
    .trim()
    .isLength({ min: 1, max: 100 })
    .withMessage('must be 1 to 100 characters'),
];

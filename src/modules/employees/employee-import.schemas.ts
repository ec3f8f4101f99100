import { s } from '../../http/shape/builders';
import { EMPLOYEE_STATUSES } from './employee.model';
import { EmployeeCreateBody } from './employees.schemas';

/**
 * The columns of an employee CSV, declared like a request body: each cell is checked by its
 * field's schema. References are by code, so a file can be written without knowing any id:
 * `departmentCode` names an existing department, `managerCode` an existing employee or another row.
 */
const create = EmployeeCreateBody.shape;

export const EmployeeImportRow = s.object({
  employeeCode: create.employeeCode.describe(
    'Unique; the key: a row with a known code updates that employee',
  ),
  firstName: create.firstName,
  lastName: create.lastName,
  email: create.email,
  hireDate: create.hireDate.describe('YYYY-MM-DD'),
  phone: s.phone().optional(),
  position: s.text({ max: 100 }).optional(),
  departmentCode: s.text({ max: 32 }).optional().describe('The `code` of an existing department'),
  managerCode: s
    .string({ max: 32, pattern: '^[A-Za-z0-9._-]+$', hint: 'must be an employee code' })
    .optional()
    .describe('The employeeCode of the manager: an existing employee or another row of the file'),
  timezone: s.timeZone().optional().describe('IANA zone; empty: the company zone'),
  holidayCalendar: s
    .string({ max: 40, pattern: '^[A-Za-z0-9_-]+$', hint: 'must be 1 to 40 letters, digits, _ or -' })
    .optional()
    .describe('Regional holiday calendar, e.g. DE-BY'),
  status: s
    .enum(EMPLOYEE_STATUSES)
    .optional()
    .describe('Empty: active for a new employee, unchanged otherwise'),
});

export const EMPLOYEE_CSV_EXAMPLE = `employeeCode,firstName,lastName,email,hireDate,departmentCode,managerCode,timezone,holidayCalendar
E-1001,Grace,Hopper,grace@example.com,2024-03-01,ENG,,Europe/Berlin,DE-BY
E-1002,Ada,Lovelace,ada@example.com,2024-04-15,ENG,E-1001,Europe/Berlin,DE-BE
`;

export const EMPLOYEE_CSV_COLUMNS = Object.keys(EmployeeImportRow.shape) as Array<
  keyof (typeof EmployeeImportRow)['shape']
>;

import {
  NO_CONTENT,
  PAGE_PARAMETERS,
  jsonBody,
  jsonResponse,
  pageOf,
  problemResponses,
  queryParam,
  ref,
} from '../../docs/components';
import { crudRoutes } from '../../http/crud-routes';
import type { RouteDefinition } from '../../http/routes';
import { ADMIN_ONLY, ANY_ROLE } from '../auth/roles';
import * as departments from './departments.controller';
import { createDepartmentRules, listDepartmentsRules, updateDepartmentRules } from './departments.validators';
import * as employees from './employees.controller';
import { EMPLOYEE_SORTS } from './employees.service';
import {
  createEmployeeRules,
  employeeIdRules,
  listEmployeesRules,
  updateEmployeeRules,
} from './employees.validators';

const EMPLOYEES = ['Employees'];

export const employeeRoutes: RouteDefinition[] = [
  {
    method: 'post',
    path: '/api/v1/employees',
    access: ADMIN_ONLY,
    validators: createEmployeeRules,
    handlers: [employees.createEmployeeHandler],
    doc: {
      tags: EMPLOYEES,
      summary: 'Create an employee',
      requestBody: jsonBody(ref('EmployeeCreate'), {
        employeeCode: 'E-1001',
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@example.com',
        hireDate: '2024-03-01',
        timezone: 'Europe/London',
      }),
      responses: { '201': jsonResponse('Created', ref('Employee')), ...problemResponses(409, 422) },
    },
  },
  {
    method: 'get',
    path: '/api/v1/employees',
    access: ANY_ROLE,
    validators: listEmployeesRules,
    handlers: [employees.listEmployeesHandler],
    doc: {
      tags: EMPLOYEES,
      summary: 'List employees in your scope',
      description:
        'Admins see everyone, managers themselves and their direct and indirect reports, employees themselves.',
      parameters: [
        ...PAGE_PARAMETERS,
        queryParam('q', { type: 'string' }, 'Search in name, email and employee code'),
        queryParam('departmentId', { type: 'string' }),
        queryParam('managerId', { type: 'string' }),
        queryParam('status', { type: 'string', enum: ['active', 'inactive'] }),
        queryParam('sort', { type: 'string', enum: EMPLOYEE_SORTS, default: 'lastName' }),
      ],
      responses: { '200': jsonResponse('A page of employees', pageOf('Employee')) },
    },
  },
  {
    method: 'get',
    path: '/api/v1/employees/:id',
    access: ANY_ROLE,
    validators: employeeIdRules,
    handlers: [employees.getEmployeeHandler],
    doc: {
      tags: EMPLOYEES,
      summary: 'Get an employee in your scope',
      responses: { '200': jsonResponse('The employee', ref('Employee')), ...problemResponses(404) },
    },
  },
  {
    method: 'patch',
    path: '/api/v1/employees/:id',
    access: ANY_ROLE,
    validators: updateEmployeeRules,
    handlers: [employees.updateEmployeeHandler],
    doc: {
      tags: EMPLOYEES,
      summary: 'Update an employee (admin: every field; self: contact fields)',
      requestBody: jsonBody(ref('EmployeeUpdate'), { phone: '+44 20 7946 0000' }),
      responses: { '200': jsonResponse('Updated', ref('Employee')), ...problemResponses(404, 409, 422) },
    },
  },
  {
    method: 'delete',
    path: '/api/v1/employees/:id',
    access: ADMIN_ONLY,
    validators: employeeIdRules,
    handlers: [employees.deactivateEmployeeHandler],
    doc: {
      tags: EMPLOYEES,
      summary: 'Deactivate an employee (history is kept; their login is disabled)',
      responses: { '204': NO_CONTENT, ...problemResponses(404) },
    },
  },
  {
    method: 'post',
    path: '/api/v1/employees/:id/anonymise',
    access: ADMIN_ONLY,
    validators: employeeIdRules,
    handlers: [employees.anonymiseEmployeeHandler],
    doc: {
      tags: EMPLOYEES,
      summary: "Erase a deactivated employee's personal data (the record, aggregates and audit trail stay)",
      responses: {
        '200': jsonResponse('The anonymised employee', ref('Employee')),
        ...problemResponses(404, 409),
      },
    },
  },
  ...crudRoutes({
    path: '/api/v1/departments',
    tag: 'Departments',
    noun: 'department',
    schemas: { item: 'Department', create: 'DepartmentInput', update: 'DepartmentInput' },
    readAccess: ANY_ROLE,
    writeAccess: ADMIN_ONLY,
    handlers: {
      create: departments.createDepartmentHandler,
      list: departments.listDepartmentsHandler,
      get: departments.getDepartmentHandler,
      update: departments.updateDepartmentHandler,
      remove: departments.deleteDepartmentHandler,
    },
    rules: { create: createDepartmentRules, list: listDepartmentsRules, update: updateDepartmentRules },
    listSchema: pageOf('Department'),
    docs: {
      create: { example: { name: 'Engineering', code: 'ENG' } },
      list: { parameters: [...PAGE_PARAMETERS, queryParam('q', { type: 'string' }, 'Search by name')] },
      remove: { summary: 'Delete an empty department (409 while it has employees)' },
    },
  }),
];

import { NO_CONTENT, jsonResponse, problemResponses } from '../../http/openapi/components';
import { crudRoutes } from '../../http/crud-routes';
import { jsonOrCsvResponse } from '../../http/csv-response';
import type { RouteDefinition } from '../../http/routes';
import { ID_PARAMS } from '../../http/shape/common';
import { ADMIN_ONLY, ANY_ROLE } from '../../lib/roles';
import * as departments from './departments.controller';
import { EMPLOYEE_CSV_EXAMPLE } from './employee-import.schemas';
import * as employees from './employees.controller';
import {
  DepartmentCreateBody,
  DepartmentListQuery,
  DepartmentPage,
  DepartmentShape,
  DepartmentUpdateBody,
  EmployeeCreateBody,
  EmployeeListQuery,
  EmployeePage,
  EmployeeShape,
  EmployeeUpdateBody,
} from './employees.schemas';

const EMPLOYEES = ['Employees'];

export const employeeRoutes: RouteDefinition[] = [
  {
    method: 'post',
    path: '/api/v1/employees',
    access: ADMIN_ONLY,
    request: {
      body: EmployeeCreateBody,
      example: {
        employeeCode: 'E-1001',
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@example.com',
        hireDate: '2024-03-01',
        timezone: 'Europe/London',
      },
    },
    handlers: [employees.createEmployeeHandler],
    entityTag: true,
    doc: {
      tags: EMPLOYEES,
      operationId: 'createEmployee',
      summary: 'Create an employee',
      responses: { '201': jsonResponse('Created', EmployeeShape), ...problemResponses(409, 422) },
    },
  },
  {
    method: 'get',
    path: '/api/v1/employees',
    access: ANY_ROLE,
    request: { query: EmployeeListQuery },
    handlers: [employees.listEmployeesHandler],
    doc: {
      tags: EMPLOYEES,
      operationId: 'listEmployees',
      summary: 'List employees in your scope',
      description:
        'Admins see everyone, managers themselves and their direct and indirect reports, employees themselves.',
      responses: { '200': jsonOrCsvResponse('A page of employees', EmployeePage, EMPLOYEE_CSV_EXAMPLE) },
    },
  },
  {
    method: 'get',
    path: '/api/v1/employees/:id',
    access: ANY_ROLE,
    request: { params: ID_PARAMS },
    handlers: [employees.getEmployeeHandler],
    entityTag: true,
    doc: {
      tags: EMPLOYEES,
      operationId: 'getEmployee',
      summary: 'Get an employee in your scope',
      responses: { '200': jsonResponse('The employee', EmployeeShape), ...problemResponses(404) },
    },
  },
  {
    method: 'patch',
    path: '/api/v1/employees/:id',
    access: ANY_ROLE,
    request: { params: ID_PARAMS, body: EmployeeUpdateBody, example: { phone: '+44 20 7946 0000' } },
    handlers: [employees.updateEmployeeHandler],
    entityTag: true,
    doc: {
      tags: EMPLOYEES,
      operationId: 'updateEmployee',
      summary: 'Update an employee (admin: every field; self: contact fields)',
      responses: { '200': jsonResponse('Updated', EmployeeShape), ...problemResponses(404, 409, 422) },
    },
  },
  {
    method: 'delete',
    path: '/api/v1/employees/:id',
    access: ADMIN_ONLY,
    request: { params: ID_PARAMS },
    handlers: [employees.deactivateEmployeeHandler],
    entityTag: true,
    doc: {
      tags: EMPLOYEES,
      operationId: 'deactivateEmployee',
      summary: 'Deactivate an employee (history is kept; their login is disabled)',
      responses: { '204': NO_CONTENT, ...problemResponses(404) },
    },
  },
  ...crudRoutes({
    path: '/api/v1/departments',
    tag: 'Departments',
    noun: 'department',
    operationNoun: { one: 'Department', many: 'Departments' },
    shapes: {
      item: DepartmentShape,
      create: DepartmentCreateBody,
      update: DepartmentUpdateBody,
      listQuery: DepartmentListQuery,
      list: DepartmentPage,
    },
    readAccess: ANY_ROLE,
    writeAccess: ADMIN_ONLY,
    handlers: {
      create: departments.createDepartmentHandler,
      list: departments.listDepartmentsHandler,
      get: departments.getDepartmentHandler,
      update: departments.updateDepartmentHandler,
      remove: departments.deleteDepartmentHandler,
    },
    docs: {
      create: { example: { name: 'Engineering', code: 'ENG' } },
      remove: { summary: 'Delete an empty department (409 while it has employees)' },
    },
  }),
];

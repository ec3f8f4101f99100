import type { Request, Response } from 'express';
import { requireUser } from '../../http/authenticate';
import { streamCsv } from '../../http/csv-response';
import { ifMatchOf } from '../../http/if-match';
import { bodyOf, paramsOf, queryOf } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import { pageRequest } from '../../lib/pagination';
import { EMPLOYEE_CSV_COLUMNS } from './employee-import.schemas';
import { employeeCsvRows } from './employees-export.service';
import { EmployeeCreateBody, EmployeeListQuery, EmployeeUpdateBody } from './employees.schemas';
import { createEmployee, getEmployee, listEmployees, updateEmployee } from './employees.service';
import { deactivateEmployee } from './employee-lifecycle.service';

export async function createEmployeeHandler(req: Request, res: Response): Promise<void> {
  const employee = await createEmployee(bodyOf(req, EmployeeCreateBody));
  res.status(201).location(`/api/v1/employees/${employee.id}`).json(employee);
}

export async function listEmployeesHandler(req: Request, res: Response): Promise<void> {
  const { page, limit, format, ...filters } = queryOf(req, EmployeeListQuery);
  if (format === 'csv') {
    await streamCsv(res, 'employees', EMPLOYEE_CSV_COLUMNS, employeeCsvRows(requireUser(req), filters));
    return;
  }
  res.json(await listEmployees(requireUser(req), filters, pageRequest({ page, limit })));
}

export async function getEmployeeHandler(req: Request, res: Response): Promise<void> {
  res.json(await getEmployee(requireUser(req), paramsOf(req, ID_PARAMS).id));
}

export async function updateEmployeeHandler(req: Request, res: Response): Promise<void> {
  const id = paramsOf(req, ID_PARAMS).id;
  res.json(await updateEmployee(requireUser(req), id, bodyOf(req, EmployeeUpdateBody), ifMatchOf(req)));
}

export async function deactivateEmployeeHandler(req: Request, res: Response): Promise<void> {
  await deactivateEmployee(paramsOf(req, ID_PARAMS).id, ifMatchOf(req));
  res.status(204).end();
}

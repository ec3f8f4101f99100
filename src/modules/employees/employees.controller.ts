import type { Request, Response } from 'express';
import { requireUser } from '../../http/authenticate';
import { pathParam, validBody, validQuery } from '../../http/request-data';
import { pageRequest } from '../../lib/pagination';
import type { EmployeeFilters, EmployeeInput, NewEmployee } from './employees.service';
import {
  anonymiseEmployee,
  createEmployee,
  deactivateEmployee,
  getEmployee,
  listEmployees,
  updateEmployee,
} from './employees.service';

export async function createEmployeeHandler(req: Request, res: Response): Promise<void> {
  const employee = await createEmployee(validBody<NewEmployee>(req));
  res.status(201).location(`/api/v1/employees/${employee.id}`).json(employee);
}

export async function listEmployeesHandler(req: Request, res: Response): Promise<void> {
  const query = validQuery<EmployeeFilters & { page?: number; limit?: number }>(req);
  res.json(await listEmployees(requireUser(req), query, pageRequest(query)));
}

export async function getEmployeeHandler(req: Request, res: Response): Promise<void> {
  res.json(await getEmployee(requireUser(req), pathParam(req)));
}

export async function updateEmployeeHandler(req: Request, res: Response): Promise<void> {
  res.json(await updateEmployee(requireUser(req), pathParam(req), validBody<EmployeeInput>(req)));
}

export async function deactivateEmployeeHandler(req: Request, res: Response): Promise<void> {
  await deactivateEmployee(pathParam(req));
  res.status(204).end();
}

export async function anonymiseEmployeeHandler(req: Request, res: Response): Promise<void> {
  res.json(await anonymiseEmployee(pathParam(req)));
}

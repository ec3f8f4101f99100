import type { Request, Response } from 'express';
import { pathParam, validBody, validQuery } from '../../http/request-data';
import { pageRequest } from '../../lib/pagination';
import type { DepartmentInput } from './departments.service';
import {
  createDepartment,
  deleteDepartment,
  getDepartment,
  listDepartments,
  updateDepartment,
} from './departments.service';

export async function createDepartmentHandler(req: Request, res: Response): Promise<void> {
  const department = await createDepartment(validBody<DepartmentInput & { name: string }>(req));
  res.status(201).location(`/api/v1/departments/${department.id}`).json(department);
}

export async function listDepartmentsHandler(req: Request, res: Response): Promise<void> {
  const query = validQuery<{ q?: string; page?: number; limit?: number }>(req);
  res.json(await listDepartments(query.q, pageRequest(query)));
}

export async function getDepartmentHandler(req: Request, res: Response): Promise<void> {
  res.json(await getDepartment(pathParam(req)));
}

export async function updateDepartmentHandler(req: Request, res: Response): Promise<void> {
  res.json(await updateDepartment(pathParam(req), validBody<DepartmentInput>(req)));
}

export async function deleteDepartmentHandler(req: Request, res: Response): Promise<void> {
  await deleteDepartment(pathParam(req));
  res.status(204).end();
}

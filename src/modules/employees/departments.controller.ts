import type { Request, Response } from 'express';
import { bodyOf, paramsOf, queryOf } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import { pageRequest } from '../../lib/pagination';
import { DepartmentCreateBody, DepartmentListQuery, DepartmentUpdateBody } from './employees.schemas';
import {
  createDepartment,
  deleteDepartment,
  getDepartment,
  listDepartments,
  updateDepartment,
} from './departments.service';

export async function createDepartmentHandler(req: Request, res: Response): Promise<void> {
  const department = await createDepartment(bodyOf(req, DepartmentCreateBody));
  res.status(201).location(`/api/v1/departments/${department.id}`).json(department);
}

export async function listDepartmentsHandler(req: Request, res: Response): Promise<void> {
  const { q, page, limit } = queryOf(req, DepartmentListQuery);
  res.json(await listDepartments(q, pageRequest({ page, limit })));
}

export async function getDepartmentHandler(req: Request, res: Response): Promise<void> {
  res.json(await getDepartment(paramsOf(req, ID_PARAMS).id));
}

export async function updateDepartmentHandler(req: Request, res: Response): Promise<void> {
  res.json(await updateDepartment(paramsOf(req, ID_PARAMS).id, bodyOf(req, DepartmentUpdateBody)));
}

export async function deleteDepartmentHandler(req: Request, res: Response): Promise<void> {
  await deleteDepartment(paramsOf(req, ID_PARAMS).id);
  res.status(204).end();
}

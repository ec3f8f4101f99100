import type { Request, Response } from 'express';
import { paramsOf } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import { anonymiseEmployee } from './anonymise.service';
import { exportEmployeeData } from './privacy.service';

export async function exportEmployeeDataHandler(req: Request, res: Response): Promise<void> {
  const data = await exportEmployeeData(paramsOf(req, ID_PARAMS).id);
  res.attachment(`employee-${data.employee.id}.json`).json(data);
}

export async function anonymiseEmployeeHandler(req: Request, res: Response): Promise<void> {
  res.json(await anonymiseEmployee(paramsOf(req, ID_PARAMS).id));
}

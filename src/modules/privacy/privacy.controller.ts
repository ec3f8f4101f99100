import type { Request, Response } from 'express';
import { paramsOf } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import { exportEmployeeData } from './privacy.service';

export async function exportEmployeeDataHandler(req: Request, res: Response): Promise<void> {
  const data = await exportEmployeeData(paramsOf(req, ID_PARAMS).id);
  res.attachment(`employee-${data.employee.id}.json`).json(data);
}

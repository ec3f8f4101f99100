import type { Request, Response } from 'express';
import { requireUser } from '../../http/authenticate';
import { paramsOf, queryOf } from '../../http/request-data';
import { ID_PARAMS } from '../../http/shape/common';
import { PayrollExportQuery, PayrollExportRowShape } from './payroll-export.schemas';
import { payrollExport } from './payroll-export.service';
import { sendRows } from './reports.controller';

export async function payrollExportHandler(req: Request, res: Response): Promise<void> {
  const { id } = paramsOf(req, ID_PARAMS);
  const { format } = queryOf(req, PayrollExportQuery);
  const rows = await payrollExport(requireUser(req), id);
  sendRows(res, `payroll-${id}`, format, PayrollExportRowShape, rows);
}

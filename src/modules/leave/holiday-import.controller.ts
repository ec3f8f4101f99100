import type { Request, Response } from 'express';
import { bodyOf, csvTextOf, queryOf } from '../../http/request-data';
import { ImportQuery } from '../../http/shape/imports';
import { importHolidayCsv } from './holiday-csv-import.service';
import { PublicHolidayImportBody } from './holiday-import.schemas';
import { importPublicHolidays } from './public-holidays.service';

export async function importPublicHolidaysHandler(req: Request, res: Response): Promise<void> {
  res.status(201).json(await importPublicHolidays(bodyOf(req, PublicHolidayImportBody)));
}

export async function importHolidayCsvHandler(req: Request, res: Response): Promise<void> {
  res.json(await importHolidayCsv(csvTextOf(req), queryOf(req, ImportQuery).dryRun ?? false));
}

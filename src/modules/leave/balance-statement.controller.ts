import type { Request, Response } from 'express';
import { requireUser } from '../../http/authenticate';
import { queryOf } from '../../http/request-data';
import { getBalanceStatement } from './balance-statement.service';
import { StatementQuery } from './balance-statement.schemas';

export async function getBalanceStatementHandler(req: Request, res: Response): Promise<void> {
  res.json(await getBalanceStatement(requireUser(req), queryOf(req, StatementQuery)));
}

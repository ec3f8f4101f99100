import { jsonResponse, problemResponses } from '../../http/openapi/components';
import type { RouteDefinition } from '../../http/routes';
import { ANY_ROLE } from '../../lib/roles';
import { getBalanceStatementHandler } from './balance-statement.controller';
import { BalanceStatementShape, StatementQuery } from './balance-statement.schemas';

export const balanceStatementRoutes: RouteDefinition[] = [
  {
    method: 'get',
    path: '/api/v1/leave-balances/statement',
    access: ANY_ROLE,
    request: { query: StatementQuery },
    handlers: [getBalanceStatementHandler],
    doc: {
      operationId: 'getLeaveBalanceStatement',
      tags: ['Leave balances'],
      summary: 'Every ledger entry behind one balance, with a running balance and a sentence each',
      description:
        'For an employee (default: you; managers their reports, admins anyone, else 404), a leave type and a leave year (default: the year of `asOf`). `asOf` (default: today) gives the balance on any past date; a later date projects accrual up to it. Accruals owed but not yet stored by the accrual job are computed (`source: due`), never written: reading a statement changes nothing. At `asOf` = today `closing` equals what `GET /leave-balances` answers. An unknown `leaveTypeId`: 422. See docs/balances.md, "Statements".',
      responses: {
        '200': jsonResponse('The statement', BalanceStatementShape),
        ...problemResponses(404, 422),
      },
    },
  },
];

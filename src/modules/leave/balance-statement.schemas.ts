import { s } from '../../http/shape/builders';
import type { Infer } from '../../http/shape/field';
import { LEDGER_KINDS } from './leave-ledger.model';
import { balanceParts } from './leave.schemas';

/** GET /leave-balances/statement: the query and the statement, declared once (docs/contract.md). */

export const StatementQuery = s.object({
  employeeId: s.id().optional().describe('Default: you'),
  leaveTypeId: s.id(),
  year: s.int({ min: 2000, max: 2100 }).optional().describe('Leave year; default: the year of asOf'),
  asOf: s
    .date()
    .optional()
    .describe(
      "The balance on this date; default: today (the employee's). A later date projects accrual up to it (computed, never written)",
    ),
});
export type StatementQueryInput = Infer<typeof StatementQuery>;

const EXAMPLE_REQUEST = '665f1c2e9b1e8a00123456aa';

export const StatementLineShape = s
  .object({
    date: s
      .date()
      .describe(
        'Accruals: the start of their month or leave year; carry-over: 1 January; else the day it happened',
      ),
    kind: s.enum(LEDGER_KINDS),
    days: s.num().describe('Signed: what this line adds to or takes from the balance'),
    balance: s.num().describe('The running available balance after this line'),
    description: s.str(),
    requestId: s.id().optional().describe('The leave request behind the line, if any'),
    source: s
      .enum(['ledger', 'due', 'projected'] as const)
      .describe(
        '`ledger`: a stored entry; `due`: an accrual owed but not yet stored by the accrual job; `projected`: an accrual after today (future asOf)',
      ),
  })
  .named('BalanceStatementLine');

export const BalanceStatementShape = s
  .object({
    employeeId: s.id(),
    leaveTypeId: s.id(),
    year: s.int({ min: 0 }),
    asOf: s.date(),
    lines: s.list(StatementLineShape).describe('Every entry behind the balance at asOf, in date order'),
    closing: s
      .object(balanceParts)
      .describe('Totals of the lines; at asOf = today exactly what GET /leave-balances answers'),
  })
  .named('BalanceStatement')
  .example({
    employeeId: '665f1c2e9b1e8a0012345678',
    leaveTypeId: '665f1c2e9b1e8a0012345679',
    year: 2026,
    asOf: '2026-04-15',
    lines: [
      {
        date: '2026-01-01',
        kind: 'accrual',
        days: 2,
        balance: 2,
        description: 'Accrual for January 2026: +2.0',
        source: 'ledger',
      },
      {
        date: '2026-01-01',
        kind: 'carry_over',
        days: 5,
        balance: 7,
        description: 'Carried over from 2025 (cap 5): +5.0',
        source: 'ledger',
      },
      {
        date: '2026-02-01',
        kind: 'accrual',
        days: 2,
        balance: 9,
        description: 'Accrual for February 2026: +2.0',
        source: 'ledger',
      },
      {
        date: '2026-02-10',
        kind: 'usage',
        days: -3,
        balance: 6,
        description: `Annual leave 3-5 March (request ${EXAMPLE_REQUEST}): -3.0`,
        requestId: EXAMPLE_REQUEST,
        source: 'ledger',
      },
      {
        date: '2026-03-01',
        kind: 'accrual',
        days: 2,
        balance: 8,
        description: 'Accrual for March 2026: +2.0',
        source: 'ledger',
      },
      {
        date: '2026-03-20',
        kind: 'adjustment',
        days: 1,
        balance: 9,
        description: 'Adjustment by an admin: +1.0 - Weekend on-call',
        source: 'ledger',
      },
      {
        date: '2026-04-01',
        kind: 'accrual',
        days: 2,
        balance: 11,
        description: 'Accrual for April 2026: +2.0',
        source: 'due',
      },
      {
        date: '2026-04-01',
        kind: 'carry_over_expiry',
        days: -2,
        balance: 9,
        description: '2.0 carried days lapsed on 2026-04-01',
        source: 'ledger',
      },
    ],
    closing: { entitled: 8, carriedOver: 3, adjustments: 1, used: 3, pending: 0, available: 9 },
  });

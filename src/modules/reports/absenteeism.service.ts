import type { Types } from 'mongoose';
import { assertDateRange } from '../../lib/date-range';
import { aggregateAttendanceDays } from '../attendance';
import type { ScopeActor } from '../employees';
import type { EmployeeNames, Range } from './pipeline';
import { employeeColumns, employeeLookup, scopeMatch } from './pipeline';
import type { AbsenteeismRow } from './reports.schemas';

/** Absence spells and days in date order: a spell is a run of absent days; any other counted day ends it. */
export function absenceSpells(statuses: readonly string[]): { spells: number; absenceDays: number } {
  let spells = 0;
  let absenceDays = 0;
  let inSpell = false;
  for (const status of statuses) {
    if (status === 'absent') {
      absenceDays++;
      if (!inSpell) spells++;
      inSpell = true;
    } else {
      inSpell = false;
    }
  }
  return { spells, absenceDays };
}

/**
 * Absence spells and the Bradford factor S x S x D. A spell is a run of absent working days; days
 * off in between (weekends, holidays) do not break it, a day worked or on leave does.
 */
export async function absenteeism(actor: ScopeActor, range: Range): Promise<AbsenteeismRow[]> {
  assertDateRange(range);
  const groups = await aggregateAttendanceDays<{
    _id: Types.ObjectId;
    employee: EmployeeNames;
    days: string[];
  }>([
    {
      $match: {
        date: { $gte: range.from, $lte: range.to },
        ...(await scopeMatch(actor)),
        // Only working days: weekends and holidays never end (or start) a spell.
        status: { $in: ['present', 'absent', 'on_leave', 'half_day_leave'] },
      },
    },
    // One short string per day, "2026-11-03A" when absent and "2026-11-03-" otherwise: it sorts by
    // date and is all the spell rule reads, a few bytes per day instead of an object (10,000
    // employees by 60 working days are 600,000 of them).
    {
      $group: {
        _id: '$employeeId',
        days: { $push: { $concat: ['$date', { $cond: [{ $eq: ['$status', 'absent'] }, 'A', '-'] }] } },
      },
    },
    ...employeeLookup('_id'),
  ]);
  return groups
    .map((g) => {
      const { spells, absenceDays } = absenceSpells(
        g.days.sort().map((day) => (day.endsWith('A') ? 'absent' : 'other')),
      );
      return {
        ...employeeColumns(g._id, g.employee),
        absenceDays,
        spells,
        bradfordFactor: spells * spells * absenceDays,
      };
    })
    .sort((a, b) => b.bradfordFactor - a.bradfordFactor || a.employeeName.localeCompare(b.employeeName));
}

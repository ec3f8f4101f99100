import type { ScopeActor } from '../employees';
import type { Range } from './pipeline';
import { daysPerEmployee, employeeColumns } from './pipeline';
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
  // Only working days are read: weekends and holidays never end (or start) a spell.
  const groups = await daysPerEmployee<{ date: string; status: string }>(
    actor,
    range,
    { status: { $in: ['present', 'absent', 'on_leave', 'half_day_leave'] } },
    { status: 1 },
  );
  return groups
    .map((g) => {
      const { spells, absenceDays } = absenceSpells(g.days.map((d) => d.status));
      return {
        ...employeeColumns(g._id, g.employee),
        absenceDays,
        spells,
        bradfordFactor: spells * spells * absenceDays,
      };
    })
    .sort((a, b) => b.bradfordFactor - a.bradfordFactor || a.employeeName.localeCompare(b.employeeName));
}

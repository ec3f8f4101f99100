import type { LeaveRequestRecord } from './leave-request.model';

export interface DayCountHistoryDto {
  days: number;
  reason: string;
  at: string;
}

type WithHistory = Pick<LeaveRequestRecord, 'days' | 'dayCountHistory'> & { createdAt: Date };

/**
 * A request's day counts as a person reads them: what it cost when submitted, then each recount
 * (holiday or schedule change) with its reason.
 */
export function dayCountHistoryOf(r: WithHistory): DayCountHistoryDto[] {
  const recounts = r.dayCountHistory ?? [];
  return [
    { days: recounts[0]?.previousDays ?? r.days, reason: 'submitted', at: r.createdAt.toISOString() },
    ...recounts.map((h) => ({ days: h.days, reason: h.reason, at: h.at.toISOString() })),
  ];
}

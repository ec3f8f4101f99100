/** One broken invariant, as the checker reports it (read-only: nothing is repaired). */
export interface Violation {
  invariant: string;
  entity: string;
  detail: string;
}

/** Something an operator should look at that does not break an invariant (yet). */
export interface Warning {
  check: string;
  detail: string;
}

export interface InvariantReport {
  violations: Violation[];
  warnings: Warning[];
  checked: Record<string, number>;
}

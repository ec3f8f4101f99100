/**
 * The service's notion of "now". Production reads the system clock; tests pin it so rules that
 * depend on today (notice periods, cancelling before a leave starts, accrual) are checked exactly.
 */
let override: (() => Date) | undefined;

export function now(): Date {
  return override ? override() : new Date();
}

export function setClockForTests(instant: Date | string | undefined): void {
  override = instant === undefined ? undefined : () => new Date(instant);
}

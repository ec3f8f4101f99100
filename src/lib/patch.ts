export interface SetUnset {
  $set: Record<string, unknown>;
  $unset: Record<string, 1>;
}

/** Turns a validated PATCH body into a Mongo update: `null` clears an optional field, absent leaves it. */
export function toSetUnset(input: object): SetUnset {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, 1> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (value === null) $unset[key] = 1;
    else $set[key] = value;
  }
  return { $set, $unset };
}

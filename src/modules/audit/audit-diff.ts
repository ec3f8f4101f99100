import { Types } from 'mongoose';

/** A field's value before and after a mutation; absent on one side means the field was added or removed. */
export interface FieldChange {
  from?: unknown;
  to?: unknown;
}
export type Changes = Record<string, FieldChange>;

export const REDACTED = '[REDACTED]';

/** Names that hold secrets wherever they appear: never written to the audit log. */
const SECRET_KEY =
  /pass(word)?|secret|token|api.?key|key.?hash|hash|salt|otp|credential|authorization|cookie/i;

/** Fields that change on every write and say nothing a reader of the trail needs. */
const NOISE_FIELDS = new Set(['_id', '__v', 'updatedAt', 'createdAt']);

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * Makes values comparable and storable: ObjectIds and Dates as strings, deep. With `redact`
 * (the default), values under secret-looking keys are replaced, at any depth.
 */
export function normalize(value: unknown, key = '', redact = true): unknown {
  if (redact && key && isSecretKey(key)) return value === undefined || value === null ? value : REDACTED;
  if (value instanceof Types.ObjectId) return value.toHexString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => normalize(v, '', redact));
  if (isPlainRecord(value)) {
    const source = hasToObject(value) ? value.toObject() : value;
    return Object.fromEntries(
      Object.entries(source)
        .filter(([k]) => !NOISE_FIELDS.has(k) || k === '_id')
        .map(([k, v]) => [k, normalize(v, k, redact)]),
    );
  }
  return value;
}

/**
 * Field-level diff between two snapshots (either may be absent: creation or deletion).
 * Secret fields appear as changed, with both sides redacted, so the trail shows a password
 * was changed without ever holding it.
 */
export function diffChanges(before: object | null | undefined, after: object | null | undefined): Changes {
  // Compare real values (so a changed secret is noticed), store redacted ones.
  const from = toRecord(before, false);
  const to = toRecord(after, false);
  const changes: Changes = {};
  for (const field of new Set([...Object.keys(from), ...Object.keys(to)])) {
    if (NOISE_FIELDS.has(field)) continue;
    const a = from[field];
    const b = to[field];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const change: FieldChange = {};
    if (a !== undefined) change.from = normalize(a, field);
    if (b !== undefined) change.to = normalize(b, field);
    changes[field] = change;
  }
  return changes;
}

function toRecord(value: object | null | undefined, redact: boolean): Record<string, unknown> {
  if (!value) return {};
  const normalized = normalize(value, '', redact);
  return isPlainRecord(normalized) ? normalized : {};
}

function hasToObject(value: object): value is { toObject: () => Record<string, unknown> } {
  return typeof (value as { toObject?: unknown }).toObject === 'function';
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Types.ObjectId) &&
    !(value instanceof Date)
  );
}

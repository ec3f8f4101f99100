import type { SchemaObject } from './json-schema';
import type { AnyField, FieldSpec, ObjectField, Shape } from './field';
import { Field, ObjectFieldImpl } from './field';

/**
 * The field builders every module declares its request and response shapes with. Each one states
 * its JSON Schema; the request checks run that same schema, so what the document promises is
 * exactly what the API accepts.
 */

function field<T>(schema: SchemaObject, message: string, tidy?: FieldSpec['tidy']): Field<T> {
  return new Field<T>({ schema, message, optional: false, nullable: false, ...(tidy ? { tidy } : {}) });
}

const trim = (value: string) => value.trim();
const lower = (value: string) => value.toLowerCase();

function lengthMessage(min: number, max: number): string {
  return min <= 1 ? `must be 1 to ${max} characters` : `must be ${min} to ${max} characters`;
}

interface TextOptions {
  min?: number;
  max: number;
  /** A regular expression the whole value matches (anchor it). */
  pattern?: string;
  /** Said when the pattern does not match. */
  hint?: string;
}

export const MONGO_ID_PATTERN = '^[0-9a-fA-F]{24}$';
export const TIME_OF_DAY_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
export const PHONE_PATTERN = '^\\+?[0-9][0-9 ().-]{4,24}$';

/** Every IANA zone this runtime knows (plus UTC), so clients and fuzzers can pick valid ones. */
export const TIME_ZONES: readonly string[] = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];

export const s = {
  /**
   * Free text a person types: must hold a non-space character; surrounding spaces are trimmed.
   * Length is counted before trimming, as the schema counts it.
   */
  text({ min = 1, max, pattern, hint }: TextOptions): Field<string> {
    const schema = { type: 'string', minLength: min, maxLength: max, pattern: pattern ?? '\\S' };
    return field(schema, hint ?? lengthMessage(min, max), trim);
  },

  /** A string taken as it is (tokens, passwords, codes a machine reads). */
  string({ min = 1, max, pattern, hint }: TextOptions): Field<string> {
    const schema = { type: 'string', minLength: min, maxLength: max, ...(pattern ? { pattern } : {}) };
    return field(schema, hint ?? lengthMessage(min, max));
  },

  /** Any string (response fields, where the API vouches for the value). */
  str(): Field<string> {
    return field({ type: 'string' }, 'must be a string');
  },

  /** Any number (response fields: sums, averages and counts the API computes). */
  num(): Field<number> {
    return field({ type: 'number' }, 'must be a number');
  },

  /** A list of any length (responses only: report rows, exports; requests bound theirs with `s.array`). */
  list<T>(item: Field<T, boolean>): Field<T[]> {
    return new Field<T[]>({
      schema: { type: 'array' },
      message: 'must be a list',
      optional: false,
      nullable: false,
      item,
    });
  },

  id(): Field<string> {
    return field(
      { type: 'string', pattern: MONGO_ID_PATTERN, examples: ['665f1c2e9b1e8a0012345678'] },
      'must be a valid id',
    );
  },

  /** A calendar date `YYYY-MM-DD` (2025-02-30 is refused). */
  date(): Field<string> {
    return field({ type: 'string', format: 'date', examples: ['2026-03-02'] }, 'must be a date YYYY-MM-DD');
  },

  /** An instant, ISO 8601 with an offset (`2026-03-02T08:55:00+01:00`). */
  dateTime(): Field<string> {
    return field(
      { type: 'string', format: 'date-time', examples: ['2026-03-02T08:55:00+01:00'] },
      'must be an ISO 8601 date-time with an offset',
    );
  },

  /** A calendar date or an instant (`2026-03-02` or `2026-03-02T08:55:00Z`). */
  dateOrDateTime(): Field<string> {
    return field(
      { type: 'string', anyOf: [{ format: 'date' }, { format: 'date-time' }], examples: ['2026-03-02'] },
      'must be an ISO 8601 date or date-time',
    );
  },

  /** A local time of day `HH:mm`. */
  timeOfDay(): Field<string> {
    return field(
      { type: 'string', pattern: TIME_OF_DAY_PATTERN, examples: ['09:00'] },
      'must be a time HH:mm',
    );
  },

  email(): Field<string> {
    return field(
      { type: 'string', format: 'email', maxLength: 254, examples: ['ada@example.com'] },
      'must be an email address',
      lower,
    );
  },

  phone(): Field<string> {
    return field(
      { type: 'string', pattern: PHONE_PATTERN, examples: ['+49 30 1234567'] },
      'must be a phone number such as +49 30 1234567',
    );
  },

  timeZone(): Field<string> {
    return field(
      { $ref: '#/components/schemas/TimeZone' },
      'must be an IANA time zone such as Europe/Berlin',
    );
  },

  int({ min, max }: { min: number; max?: number }): Field<number> {
    const schema = { type: 'integer', minimum: min, ...(max === undefined ? {} : { maximum: max }) };
    const range = max === undefined ? `from ${min}` : `from ${min} to ${max}`;
    return field(schema, `must be a whole number ${range}`);
  },

  number({ min, max, step }: { min: number; max: number; step?: number }): Field<number> {
    const schema = { type: 'number', minimum: min, maximum: max, ...(step ? { multipleOf: step } : {}) };
    const unit = step === 0.5 ? ' in whole or half days' : '';
    return field(schema, `must be a number from ${min} to ${max}${unit}`);
  },

  boolean(): Field<boolean> {
    return field({ type: 'boolean' }, 'must be true or false');
  },

  enum<const V extends string>(values: readonly V[]): Field<V> {
    return field({ type: 'string', enum: [...values] }, `must be one of ${values.join(', ')}`);
  },

  array<T>(
    item: Field<T, boolean>,
    { min = 0, max, unique = false }: { min?: number; max: number; unique?: boolean },
  ): Field<T[]> {
    const schema = { type: 'array', minItems: min, maxItems: max, ...(unique ? { uniqueItems: true } : {}) };
    const items = min === max ? `${min}` : `${min} to ${max}`;
    return new Field<T[]>({
      schema,
      message: `must be a list of ${items} item(s)${unique ? ' without repeats' : ''}`,
      optional: false,
      nullable: false,
      item,
    });
  },

  /** An object with exactly these fields (others are refused); optional fields may be left out. */
  object<S extends Shape>(properties: S): ObjectField<S> {
    return new ObjectFieldImpl<S>({
      schema: { type: 'object' },
      message: 'must be an object',
      optional: false,
      nullable: false,
      properties,
      closed: true,
    });
  },

  /** A map from free keys to values of one shape (responses only: audit changes, per-type sums). */
  record<T>(value: Field<T, boolean>): Field<Record<string, T>> {
    return new Field<Record<string, T>>({
      schema: { type: 'object' },
      message: 'must be an object',
      optional: false,
      nullable: false,
      values: value,
    });
  },

  /** A file in a multipart form (`bodyType: 'multipart'`); Swagger UI offers a file picker for it. */
  file(): Field<Express.Multer.File> {
    return field(
      { type: 'string', format: 'binary', contentMediaType: 'application/octet-stream' },
      'must be a file',
    );
  },

  /** CSV text with a header row (`bodyType: 'csv'`), described by its columns. */
  csv(description: string): Field<string> {
    return field({ type: 'string', minLength: 1, description }, 'must be CSV text with a header row');
  },

  /** Any JSON value: only for responses that echo stored data (audit before/after). */
  unknown(): Field<unknown> {
    return field({}, 'may be any value');
  },
};

/** A new object shape with some fields of another (e.g. an update body from a create body). */
export function partialOf<S extends Shape>(
  shape: ObjectField<S>,
): ObjectField<{ [K in keyof S]: ReturnType<S[K]['optional']> }> {
  const properties = Object.fromEntries(
    Object.entries(shape.shape).map(([key, f]: [string, AnyField]) => [key, f.optional()]),
  ) as { [K in keyof S]: ReturnType<S[K]['optional']> };
  return s.object(properties);
}

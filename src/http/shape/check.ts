import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { SchemaObject } from './json-schema';
import type { AnyField } from './field';
import { TIME_ZONES } from './builders';

/**
 * Checks one node of a shape against its own JSON Schema with Ajv, the same validator the test
 * suite uses on responses. Objects and arrays are checked shallowly here (type, unknown fields,
 * item counts); their children are checked as fields of their own, so each error names its field.
 */

export type Location = 'body' | 'query' | 'params';

/** Components a field may refer to by `$ref` and the checks resolve locally. */
export const SHARED_SCHEMAS: Record<string, SchemaObject> = {
  TimeZone: { type: 'string', enum: TIME_ZONES, description: 'IANA time zone', examples: ['Europe/Berlin'] },
};

const ajv = new Ajv2020({ strict: false, allErrors: false });
addFormats(ajv, ['date', 'date-time', 'time', 'email', 'uri']);
const compiled = new Map<string, ValidateFunction>();

function resolve(schema: SchemaObject): SchemaObject {
  const ref = typeof schema.$ref === 'string' ? schema.$ref.replace('#/components/schemas/', '') : undefined;
  return ref && SHARED_SCHEMAS[ref] ? { ...SHARED_SCHEMAS[ref], ...withoutRef(schema) } : schema;
}

function withoutRef(schema: SchemaObject): SchemaObject {
  const { $ref: _ref, ...rest } = schema;
  return rest;
}

/**
 * The schema a node is checked against on its own: an object's or array's schema holds only its
 * own keywords (type, item counts); children are fields of their own.
 */
function validatorFor(f: AnyField): ValidateFunction {
  const schema = resolve(f.spec.schema);
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

const INTEGER = /^-?(0|[1-9][0-9]*)$/;
const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/**
 * Query and path values arrive as strings; a schema type of integer, number or boolean reads them
 * strictly (`5`, `2.5`, `true`), anything else stays a string and fails the check.
 */
export function fromText(f: AnyField, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const type = resolve(f.spec.schema).type;
  if (type === 'integer' && INTEGER.test(value)) return Number(value);
  if (type === 'number' && NUMBER.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** Whether a present value matches the field's own schema (null only where the field allows it). */
export function matches(f: AnyField, value: unknown): boolean {
  if (value === null) return f.spec.nullable;
  return validatorFor(f)(value);
}

/** The field names of an object value that its closed shape does not declare. */
export function unknownKeys(f: AnyField, value: unknown): string[] {
  if (!f.spec.properties || !f.spec.closed || typeof value !== 'object' || value === null) return [];
  return Object.keys(value).filter((k) => !Object.hasOwn(f.spec.properties ?? {}, k));
}

/**
 * The checked value as the handler receives it: numbers and booleans read from text, strings
 * tidied, objects limited to the declared fields that were sent. Only called after the checks passed.
 */
export function parseValue(f: AnyField, raw: unknown, location: Location): unknown {
  const value = location === 'body' ? raw : fromText(f, raw);
  if (value === null || value === undefined) return value;
  if (f.spec.properties && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(f.spec.properties)) {
      const childValue = (value as Record<string, unknown>)[key];
      if (childValue !== undefined) out[key] = parseValue(child, childValue, location);
    }
    return out;
  }
  if (f.spec.item && Array.isArray(value)) {
    const item = f.spec.item;
    return value.map((v) => parseValue(item, v, location));
  }
  return f.spec.tidy ? (f.spec.tidy as (v: unknown) => unknown)(value) : value;
}

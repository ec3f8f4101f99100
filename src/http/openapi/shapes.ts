import type { AnyField, ObjectField, Shape } from '../shape/field';
import { Field } from '../shape/field';
import type { ParameterObject, SchemaObject } from './types';

/**
 * Turns declared shapes into the document's JSON Schema. Named shapes become components (written
 * once, referred to by `$ref`); everything else is inlined. The request checks run the same schema.
 */
export type Components = Record<string, SchemaObject>;

function withNull(schema: SchemaObject): SchemaObject {
  if (typeof schema.$ref === 'string') return { anyOf: [schema, { type: 'null' }] };
  const type: unknown = schema.type;
  const types: unknown[] = Array.isArray(type) ? (type as unknown[]) : type === undefined ? [] : [type];
  if (types.length === 0) return schema;
  const enumValues = Array.isArray(schema.enum) ? { enum: [...(schema.enum as unknown[]), null] } : {};
  return { ...schema, type: [...types, 'null'], ...enumValues };
}

/** The schema of a field's value, without its name or nullability. */
function bareSchema(f: AnyField, components: Components): SchemaObject {
  const schema: SchemaObject = { ...f.spec.schema };
  if (f.spec.properties) {
    const entries = Object.entries(f.spec.properties);
    const required = entries.filter(([, child]) => !child.spec.optional).map(([key]) => key);
    schema.properties = Object.fromEntries(
      entries.map(([key, child]) => [key, jsonSchemaOf(child, components)]),
    );
    if (required.length > 0) schema.required = required;
    if (f.spec.closed) schema.additionalProperties = false;
  }
  if (f.spec.item) schema.items = jsonSchemaOf(f.spec.item, components);
  if (f.spec.values) schema.additionalProperties = jsonSchemaOf(f.spec.values, components);
  return schema;
}

/** A field as JSON Schema; a named field is registered in `components` and referred to. */
export function jsonSchemaOf(f: AnyField, components: Components): SchemaObject {
  let schema: SchemaObject;
  if (f.spec.name) {
    if (!components[f.spec.name]) {
      components[f.spec.name] = {}; // placeholder first, so a shape that contains itself terminates
      components[f.spec.name] = bareSchema(f, components);
    }
    schema = { $ref: `#/components/schemas/${f.spec.name}` };
  } else {
    schema = bareSchema(f, components);
  }
  return f.spec.nullable ? withNull(schema) : schema;
}

/** Query or path parameters, one per field of the location's shape. */
export function parametersOf(
  root: ObjectField<Shape> | undefined,
  location: 'query' | 'path',
  components: Components,
): ParameterObject[] {
  if (!root) return [];
  return Object.entries(root.shape).map(([name, f]) => {
    const { description, ...schema } = jsonSchemaOf(f, components);
    return {
      name,
      in: location,
      required: location === 'path' || !f.spec.optional,
      ...(typeof description === 'string' ? { description } : {}),
      schema,
    };
  });
}

/**
 * A copy of an OpenAPI fragment with every declared shape inside it written as JSON Schema, so
 * route docs can place a shape wherever a schema goes (`jsonResponse('Created', LeaveRequest)`).
 */
export function materialize<T>(value: T, components: Components): T {
  if (value instanceof Field) return jsonSchemaOf(value as AnyField, components) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => materialize(v, components)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]: [string, unknown]) => [k, materialize(v, components)]),
    ) as T;
  }
  return value;
}

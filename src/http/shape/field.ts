import type { SchemaObject } from './json-schema';

/**
 * One declaration per shape. A Field carries the JSON Schema of its value (for the OpenAPI document
 * and the request checks, so the two cannot drift), whether it may be left out or be null, how a
 * checked value is tidied (trimmed, lower-cased), and, through its type parameter, the TypeScript
 * type of the value a handler receives. Builders live in `s` (./builders.ts).
 */
export interface FieldSpec {
  /** JSON Schema of a present, non-null value (children of objects and arrays are in `properties`/`item`). */
  readonly schema: SchemaObject;
  readonly optional: boolean;
  readonly nullable: boolean;
  /** The message a client reads when the value does not match the schema. */
  readonly message: string;
  /** Applied to a value that passed the check: trim, lower-case, dedupe. */
  readonly tidy?: (value: never) => unknown;
  /** Object fields: the child fields by name. */
  readonly properties?: Readonly<Record<string, AnyField>>;
  /** Map fields (`{[key]: value}`, responses only): the field of each value. */
  readonly values?: AnyField;
  /** Array fields: the field of each item. */
  readonly item?: AnyField;
  /** Set for shapes that appear in the document as `#/components/schemas/<name>`. */
  readonly name?: string;
  /** Request objects refuse fields they do not declare; response objects may grow. */
  readonly closed?: boolean;
}

/**
 * `T` is the value's type, `O` whether the field may be left out. Both appear only in covariant
 * positions, so `Field<string, true>` is a `Field<unknown, true>` and shapes compose.
 */
export class Field<T, O extends boolean = false> {
  declare readonly __type: T;
  declare readonly __optional: O;

  constructor(readonly spec: FieldSpec) {}

  optional(): Field<T | undefined, true> {
    return this.clone({ ...this.spec, optional: true }) as unknown as Field<T | undefined, true>;
  }

  /** null is accepted (a PATCH clears the field with it) and may be returned. */
  nullable(): Field<T | null, O> {
    return this.clone({ ...this.spec, nullable: true });
  }

  describe(description: string): this {
    return this.with({ description });
  }

  example(example: unknown): this {
    return this.with({ examples: example === undefined ? undefined : [example] });
  }

  default(value: unknown): this {
    return this.with({ default: value });
  }

  /** Adds a tidy-up applied after the check passed (e.g. capping a page size). */
  tidied(tidy: (value: T) => T): this {
    const before = this.spec.tidy as ((v: unknown) => unknown) | undefined;
    const combined = (value: never) => tidy((before ? before(value) : value) as T);
    return this.clone({ ...this.spec, tidy: combined });
  }

  /** Replaces the message a client reads when the value is refused. */
  message(message: string): this {
    return this.clone({ ...this.spec, message });
  }

  /** Refuses one value the type otherwise allows (an adjustment of 0 days changes nothing). */
  except(value: T): this {
    return this.withSchema({ not: { const: value } });
  }

  /** Makes the shape a named component of the document (`#/components/schemas/<name>`). */
  named(name: string): this {
    return this.clone({ ...this.spec, name });
  }

  private with(keywords: SchemaObject): this {
    return this.withSchema(keywords);
  }

  /** Adds JSON Schema keywords; the request checks apply them too. */
  protected withSchema(keywords: SchemaObject): this {
    const schema = Object.fromEntries(
      Object.entries({ ...this.spec.schema, ...keywords }).filter(([, v]) => v !== undefined),
    );
    return this.clone({ ...this.spec, schema });
  }

  /** A copy of the same class (object fields keep their `shape`). */
  protected clone(spec: FieldSpec): this {
    const Kind = this.constructor as new (spec: FieldSpec) => this;
    return new Kind(spec);
  }
}

/** An object field also exposes its child fields, so shapes can be extended or picked from. */
export class ObjectFieldImpl<S extends Shape> extends Field<ObjectOf<S>> {
  get shape(): S {
    return (this.spec.properties ?? {}) as S;
  }

  /**
   * Fields beyond the declared ones are let through (not refused). Only for callers we do not
   * control: ZKTeco terminals add query parameters that vary by firmware.
   */
  open(): this {
    return this.clone({ ...this.spec, closed: false });
  }

  /** A PATCH body must change something: an empty one is a client mistake, not a silent no-op. */
  nonEmpty(): this {
    return this.withSchema({ minProperties: 1 }).message('must change at least one field');
  }
}

export type AnyField = Field<unknown, boolean>;
export type Shape = Record<string, AnyField>;

/** The TypeScript type of a field's value. */
export type Infer<F> = F extends Field<infer T, boolean> ? T : never;

type OptionalKeys<S extends Shape> = {
  [K in keyof S]: S[K] extends Field<unknown, true> ? K : never;
}[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
type Flatten<T> = { [K in keyof T]: T[K] } & {};

/** `{a: Field<string>, b: Field<number|undefined, true>}` -> `{a: string; b?: number}` */
export type ObjectOf<S extends Shape> = Flatten<
  { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined> }
>;

export type ObjectField<S extends Shape> = ObjectFieldImpl<S>;

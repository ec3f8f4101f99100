import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type {
  OpenApiDocument,
  OperationObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '../../src/http/openapi/types';

/** What a response looked like on the wire, as much as the document talks about. */
export interface ObservedResponse {
  method: string;
  url: string;
  status: number;
  contentType: string | undefined;
  body: unknown;
  text: string | undefined;
  /** Response headers, lower-cased names (optional: a caller that has none skips the header check). */
  headers?: Record<string, unknown>;
}

interface CompiledOperation {
  pattern: RegExp;
  template: string;
  operation: OperationObject;
}

const SCHEMA_ID = 'openapi.json';

/**
 * Checks responses against the OpenAPI document: the status must be documented for the operation,
 * the content type must be one it lists, and a JSON body must match its schema (JSON Schema 2020-12,
 * the dialect of OpenAPI 3.1). Paths or methods the document does not have are not checked here:
 * the inventory test already proves every mounted route is documented.
 */
export class OpenApiResponseValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly operations: Map<string, CompiledOperation[]> = new Map();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: SCHEMA_ID, components: document.components }, SCHEMA_ID);
    for (const [template, item] of Object.entries(document.paths)) {
      const pattern = new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const [method, operation] of Object.entries(item)) {
        const list = this.operations.get(method) ?? [];
        list.push({ pattern, template, operation });
        this.operations.set(method, list);
      }
    }
  }

  /** A message naming what does not match, or undefined when the response is as documented. */
  check(observed: ObservedResponse): string | undefined {
    const path = new URL(observed.url, 'http://localhost').pathname;
    const method = observed.method.toLowerCase();
    const found = this.operations.get(method)?.find((o) => o.pattern.test(path));
    if (!found) return undefined;
    const label = `${method.toUpperCase()} ${found.template} -> ${observed.status}`;
    const documented =
      found.operation.responses[String(observed.status)] ?? found.operation.responses.default;
    if (!documented) return `${label}: status not documented`;
    const response = this.resolveResponse(documented);
    const missing = Object.entries(response.headers ?? {})
      .filter(([, header]) => (header as { required?: boolean }).required && observed.headers)
      .filter(([name]) => observed.headers?.[name.toLowerCase()] === undefined)
      .map(([name]) => name);
    if (missing.length > 0) return `${label}: documented header(s) missing: ${missing.join(', ')}`;
    const mediaType = observed.contentType?.split(';')[0]?.trim();
    const hasBody = observed.text !== undefined && observed.text !== '';
    if (!response.content) return hasBody ? `${label}: a body where none is documented` : undefined;
    if (!mediaType || !response.content[mediaType]) {
      return hasBody || mediaType
        ? `${label}: content type ${mediaType ?? '(none)'} not documented (${Object.keys(response.content).join(', ')})`
        : undefined;
    }
    if (!mediaType.endsWith('json')) return undefined;
    // The served document has every declared shape written out as JSON Schema (materialize()).
    const schema = response.content[mediaType].schema as SchemaObject | ReferenceObject;
    const validate = this.validatorFor(`${label} ${mediaType}`, schema);
    if (validate(observed.body)) return undefined;
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}`)
      .join('; ');
    return `${label}: body does not match the schema: ${errors}`;
  }

  private resolveResponse(response: ResponseObject | ReferenceObject): ResponseObject {
    if (!('$ref' in response)) return response;
    const name = response.$ref.replace('#/components/responses/', '');
    const resolved = this.document.components.responses[name];
    if (!resolved) throw new Error(`Unresolved response reference ${response.$ref}`);
    return resolved;
  }

  private validatorFor(key: string, schema: SchemaObject | ReferenceObject): ValidateFunction {
    const cached = this.compiled.get(key);
    if (cached) return cached;
    const validate = this.ajv.compile(pointRefsAtDocument(schema) as SchemaObject);
    this.compiled.set(key, validate);
    return validate;
  }
}

/** `#/components/...` inside an operation means the document's components, registered as `openapi.json`. */
function pointRefsAtDocument(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pointRefsAtDocument);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/')
        ? `${SCHEMA_ID}${inner}`
        : pointRefsAtDocument(inner),
    ]),
  );
}

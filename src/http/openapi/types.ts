import type { AnyField } from '../shape/field';
import type { SchemaObject } from '../shape/json-schema';

/** The parts of OpenAPI 3.1 this project writes. JSON Schema objects stay open-ended. */
export type { SchemaObject };

/** Where a schema goes, a declared shape may stand; the document writes it out (./shapes.ts). */
export type SchemaLike = SchemaObject | ReferenceObject | AnyField;
export interface ReferenceObject {
  $ref: string;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema: SchemaLike;
  example?: unknown;
}

export interface MediaTypeObject {
  schema: SchemaLike;
  example?: unknown;
}

/** An OpenAPI link: where a client (or the fuzzer's stateful phase) can go next with this answer. */
export interface LinkObject {
  operationId: string;
  /** Target parameter (`id`, or `header.X-Device-Key`) -> runtime expression (`$response.body#/id`). */
  parameters?: Record<string, string>;
  description?: string;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, { description?: string; required?: boolean; schema: SchemaObject }>;
  content?: Record<string, MediaTypeObject>;
  links?: Record<string, LinkObject>;
}

export interface OperationObject {
  tags?: string[];
  summary: string;
  description?: string;
  operationId?: string;
  deprecated?: boolean;
  security?: Array<Record<string, string[]>>;
  parameters?: Array<ParameterObject | ReferenceObject>;
  requestBody?: { required?: boolean; content: Record<string, MediaTypeObject> };
  responses: Record<string, ResponseObject | ReferenceObject>;
}

export type PathItemObject = Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', OperationObject>>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: {
    title: string;
    version: string;
    description?: string;
    license?: { name: string; identifier?: string; url?: string };
  };
  servers: Array<{ url: string }>;
  security: Array<Record<string, string[]>>;
  tags: Array<{ name: string; description?: string }>;
  paths: Record<string, PathItemObject>;
  components: {
    securitySchemes: Record<
      string,
      { type: string; scheme?: string; bearerFormat?: string; in?: string; name?: string }
    >;
    schemas: Record<string, SchemaObject>;
    responses: Record<string, ResponseObject>;
  };
}

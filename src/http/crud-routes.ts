import type { RequestHandler } from 'express';
import type { ContextRunner } from 'express-validator';
import { NO_CONTENT, jsonBody, jsonResponse, problemResponses, ref } from '../docs/components';
import type { OperationObject, SchemaObject } from '../docs/types';
import { idParam } from '../lib/validators';
import { ValidationError } from '../lib/errors';
import { validBody } from './request-data';
import type { Access, RouteDefinition } from './routes';

type Doc = Partial<Omit<OperationObject, 'responses'>>;

export interface CrudSpec {
  /** Collection path, e.g. `/api/v1/holidays`; the item path appends `/:id`. */
  path: string;
  tag: string;
  /** Human name in summaries, e.g. "holiday". */
  noun: string;
  /** Component schema names: the resource, its create body and its update body. */
  schemas: { item: string; create: string; update: string };
  readAccess: Access;
  writeAccess: Access;
  handlers: {
    create: RequestHandler;
    list: RequestHandler;
    get: RequestHandler;
    update: RequestHandler;
    remove: RequestHandler;
  };
  rules: { create: ContextRunner[]; list: ContextRunner[]; update: ContextRunner[] };
  /** The list response body (a page or a plain array). */
  listSchema: SchemaObject;
  /** Per-operation extras: summaries, parameters, examples. */
  docs?: { create?: Doc & { example?: unknown }; list?: Doc; update?: Doc; remove?: Doc };
}

/** A PATCH must change something; an empty one is a client mistake, not a silent no-op. */
const requireChanges: RequestHandler = (req, _res, next) => {
  if (Object.keys(validBody<object>(req)).length === 0) {
    throw new ValidationError([{ field: 'body', message: 'must change at least one field' }]);
  }
  next();
};

/** The five routes of a plain resource: create, list, get, update, delete. */
export function crudRoutes(spec: CrudSpec): RouteDefinition[] {
  const item = `${spec.path}/:id`;
  const tags = [spec.tag];
  const { example, ...createDoc } = spec.docs?.create ?? {};
  return [
    {
      method: 'post',
      path: spec.path,
      access: spec.writeAccess,
      validators: spec.rules.create,
      handlers: [spec.handlers.create],
      doc: {
        tags,
        summary: `Create a ${spec.noun}`,
        requestBody: jsonBody(ref(spec.schemas.create), example),
        ...createDoc,
        responses: { '201': jsonResponse('Created', ref(spec.schemas.item)), ...problemResponses(409) },
      },
    },
    {
      method: 'get',
      path: spec.path,
      access: spec.readAccess,
      validators: spec.rules.list,
      handlers: [spec.handlers.list],
      doc: {
        tags,
        summary: `List ${spec.noun}s`,
        ...spec.docs?.list,
        responses: { '200': jsonResponse(`The ${spec.noun}s`, spec.listSchema) },
      },
    },
    {
      method: 'get',
      path: item,
      access: spec.readAccess,
      validators: [idParam()],
      handlers: [spec.handlers.get],
      doc: {
        tags,
        summary: `Get a ${spec.noun}`,
        responses: {
          '200': jsonResponse(`The ${spec.noun}`, ref(spec.schemas.item)),
          ...problemResponses(404),
        },
      },
    },
    {
      method: 'patch',
      path: item,
      access: spec.writeAccess,
      validators: spec.rules.update,
      handlers: [requireChanges, spec.handlers.update],
      doc: {
        tags,
        summary: `Update a ${spec.noun}`,
        requestBody: jsonBody(ref(spec.schemas.update)),
        ...spec.docs?.update,
        responses: { '200': jsonResponse('Updated', ref(spec.schemas.item)), ...problemResponses(404, 409) },
      },
    },
    {
      method: 'delete',
      path: item,
      access: spec.writeAccess,
      validators: [idParam()],
      handlers: [spec.handlers.remove],
      doc: {
        tags,
        summary: `Delete a ${spec.noun}`,
        ...spec.docs?.remove,
        responses: { '204': NO_CONTENT, ...problemResponses(404, 409) },
      },
    },
  ];
}

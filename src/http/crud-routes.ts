import type { RequestHandler } from 'express';
import { NO_CONTENT, jsonResponse, problemResponses } from './openapi/components';
import type { OperationObject } from './openapi/types';
import type { RouteDefinition, Access } from './routes';
import { ID_PARAMS } from './shape/common';
import type { AnyField, ObjectField, Shape } from './shape/field';

type Doc = Partial<Omit<OperationObject, 'responses'>>;

export interface CrudSpec {
  /** Collection path, e.g. `/api/v1/holidays`; the item path appends `/:id`. */
  path: string;
  tag: string;
  /** Human name in summaries, e.g. "holiday". */
  noun: string;
  /** Names the operations: `Holiday` -> createHoliday, listHolidays, getHoliday, updateHoliday, deleteHoliday. */
  operationNoun: { one: string; many: string };
  /** The shapes of the resource, its create and update bodies, the list's query and answer. */
  shapes: {
    item: AnyField;
    create: ObjectField<Shape>;
    update: ObjectField<Shape>;
    listQuery?: ObjectField<Shape>;
    list: AnyField;
  };
  readAccess: Access;
  writeAccess: Access;
  handlers: {
    create: RequestHandler;
    list: RequestHandler;
    get: RequestHandler;
    update: RequestHandler;
    remove: RequestHandler;
  };
  /** Single records with a strong ETag on create, get and update, and If-Match on update and delete. */
  entityTag?: boolean;
  /** Per-operation extras: summaries, descriptions, request examples. */
  docs?: { create?: Doc & { example?: unknown }; list?: Doc; update?: Doc; remove?: Doc };
}

/** The five routes of a plain resource: create, list, get, update, delete. */
export function crudRoutes(spec: CrudSpec): RouteDefinition[] {
  const item = `${spec.path}/:id`;
  const tags = [spec.tag];
  const { one, many } = spec.operationNoun;
  const { example, ...createDoc } = spec.docs?.create ?? {};
  const tagged = spec.entityTag ? { entityTag: true } : {};
  const routes: RouteDefinition[] = [
    {
      method: 'post',
      path: spec.path,
      access: spec.writeAccess,
      request: { body: spec.shapes.create, ...(example === undefined ? {} : { example }) },
      handlers: [spec.handlers.create],
      doc: {
        tags,
        operationId: `create${one}`,
        summary: `Create a ${spec.noun}`,
        ...createDoc,
        responses: { '201': jsonResponse('Created', spec.shapes.item), ...problemResponses(409, 422) },
      },
    },
    {
      method: 'get',
      path: spec.path,
      access: spec.readAccess,
      request: spec.shapes.listQuery ? { query: spec.shapes.listQuery } : {},
      handlers: [spec.handlers.list],
      doc: {
        tags,
        operationId: `list${many}`,
        summary: `List ${spec.noun}s`,
        ...spec.docs?.list,
        responses: { '200': jsonResponse(`The ${spec.noun}s`, spec.shapes.list) },
      },
    },
    {
      method: 'get',
      path: item,
      access: spec.readAccess,
      request: { params: ID_PARAMS },
      handlers: [spec.handlers.get],
      doc: {
        tags,
        operationId: `get${one}`,
        summary: `Get a ${spec.noun}`,
        responses: { '200': jsonResponse(`The ${spec.noun}`, spec.shapes.item), ...problemResponses(404) },
      },
    },
    {
      method: 'patch',
      path: item,
      access: spec.writeAccess,
      request: { params: ID_PARAMS, body: spec.shapes.update },
      handlers: [spec.handlers.update],
      doc: {
        tags,
        operationId: `update${one}`,
        summary: `Update a ${spec.noun}`,
        ...spec.docs?.update,
        responses: {
          '200': jsonResponse('Updated', spec.shapes.item),
          ...problemResponses(404, 409, 422),
        },
      },
    },
    {
      method: 'delete',
      path: item,
      access: spec.writeAccess,
      request: { params: ID_PARAMS },
      handlers: [spec.handlers.remove],
      doc: {
        tags,
        operationId: `delete${one}`,
        summary: `Delete a ${spec.noun}`,
        ...spec.docs?.remove,
        responses: { '204': NO_CONTENT, ...problemResponses(404, 409) },
      },
    },
  ];
  return routes.map((route) =>
    route.path === spec.path && route.method === 'get' ? route : { ...route, ...tagged },
  );
}

import request from 'supertest';
import { buildApp } from '../../src/app';
import { setConfigForTests } from '../../src/config';
import { nestsDeeperThan } from '../../src/http/json-depth';
import { useTestDatabase } from '../support/database';
import { makePerson } from '../support/factories';

/**
 * Class: free-form and deeply nested bodies (OWASP API4 and API8, ASVS 5.1.3, 5.1.4 and 13.1.1).
 * Every object a request body may hold is declared field by field and closed (no map of free keys,
 * no "any value"), and the JSON parser refuses nesting beyond JSON_MAX_DEPTH with 400 before parsing.
 */
useTestDatabase();
setConfigForTests({ JSON_MAX_DEPTH: 32 });
const { app, document } = buildApp();

type Schema = Record<string, unknown>;
const deep = (levels: number, leaf = '"x"') => '{"a":'.repeat(levels) + leaf + '}'.repeat(levels);

/** Every schema node below a request body that would accept a value of any shape, by path. */
function freeForm(schema: Schema, path: string, out: string[]): string[] {
  const ref = typeof schema.$ref === 'string' ? schema.$ref.replace('#/components/schemas/', '') : undefined;
  if (ref) return freeForm(document.components?.schemas?.[ref] as Schema, path, out);
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const options = schema[key] as Schema[] | undefined;
    options?.forEach((option, i) => freeForm(option, `${path}|${i}`, out));
    if (options) return out;
  }
  const type = schema.type;
  if (type === undefined && schema.enum === undefined && schema.const === undefined)
    out.push(`${path}: any value`);
  const types = Array.isArray(type) ? type : [type];
  if (types.includes('object')) {
    if (schema.additionalProperties !== false || !schema.properties) out.push(`${path}: open object`);
    for (const [key, child] of Object.entries((schema.properties ?? {}) as Record<string, Schema>))
      freeForm(child, `${path}.${key}`, out);
  }
  if (types.includes('array') && schema.items) freeForm(schema.items as Schema, `${path}[]`, out);
  return out;
}

describe('free-form request bodies', () => {
  it('when the document lists request bodies then none holds an open object or an any-value field', () => {
    const found: string[] = [];
    let bodies = 0;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item as Record<string, { requestBody?: unknown }>)) {
        const content = (operation.requestBody as { content?: Record<string, { schema?: Schema }> })?.content;
        const schema = content?.['application/json']?.schema;
        if (!schema) continue;
        bodies++;
        // Device batches are checked item by item by the ingest service (one bad item never fails the batch).
        if (path === '/api/v1/attendance/ingest') continue;
        freeForm(schema, `${method.toUpperCase()} ${path}`, found);
      }
    }
    expect(bodies).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });
});

describe('JSON nesting depth', () => {
  it('counts brackets outside strings only, escaped quotes included', () => {
    expect(nestsDeeperThan(Buffer.from(deep(32)), 32)).toBe(false);
    expect(nestsDeeperThan(Buffer.from(deep(33)), 32)).toBe(true);
    expect(nestsDeeperThan(Buffer.from(`{"a":"${'['.repeat(100)}\\"${'{'.repeat(100)}"}`), 2)).toBe(false);
    expect(nestsDeeperThan(Buffer.from('[[[1],[2]],[[3]]]'), 3)).toBe(false);
    expect(nestsDeeperThan(Buffer.from('[[[[1]]]]'), 3)).toBe(true);
  });

  it('when a body nests 2,000 levels (in a declared object, an unknown field or a device batch) then 400 naming the body', async () => {
    const admin = await makePerson('admin');
    const id = admin.employee!.id;
    const calls = [
      request(app)
        .patch(`/api/v1/employees/${id}`)
        .set(admin.auth)
        .send(`{"emergencyContact":${deep(2000)}}`),
      request(app)
        .post('/api/v1/employees')
        .set(admin.auth)
        .send(`{"emergencyContact":{"name":${deep(2000)}}}`),
      request(app)
        .post('/api/v1/auth/login')
        .send(`{"email":"a@example.com","password":${deep(2000)}}`),
      request(app)
        .post('/api/v1/attendance/ingest')
        .set('X-Device-Key', 'x')
        .send(`{"events":[${deep(2000)}]}`),
    ];
    for (const call of calls) {
      const res = await call.set('Content-Type', 'application/json');
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'body', message: 'is nested deeper than 32 levels' }]);
    }
  });

  it('when a body nests exactly to the limit then the usual field check answers (the limit is not off by one)', async () => {
    const admin = await makePerson('admin');
    const res = await request(app)
      .patch(`/api/v1/employees/${admin.employee!.id}`)
      .set(admin.auth)
      .set('Content-Type', 'application/json')
      .send(`{"emergencyContact":${deep(31)}}`)
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'emergencyContact', message: 'has unknown field(s): a' }]);
  });
});

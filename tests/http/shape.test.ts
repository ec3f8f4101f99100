import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Request } from 'express';
import type { Components } from '../../src/http/openapi/shapes';
import { jsonSchemaOf } from '../../src/http/openapi/shapes';
import { s, partialOf } from '../../src/http/shape/builders';
import { SHARED_SCHEMAS } from '../../src/http/shape/check';
import { PAGE_QUERY } from '../../src/http/shape/common';
import type { AnyField, ObjectField, Shape } from '../../src/http/shape/field';
import type { RequestShape } from '../../src/http/shape/express';
import { validateRequest, validatedInput } from '../../src/http/shape/express';

/**
 * The request checks and the document come from one declaration; these tests hold them to it:
 * for every sample, the API's check and an independent JSON Schema validator of the published
 * schema must agree, and a refusal names the field.
 */
const Body = s.object({
  code: s.string({ max: 8, pattern: '^[A-Z0-9-]+$' }),
  name: s.text({ max: 10 }),
  email: s.email().optional(),
  when: s.date().optional(),
  at: s.dateTime().optional(),
  zone: s.timeZone().nullable().optional(),
  days: s.number({ min: 0, max: 10, step: 0.5 }).optional(),
  count: s.int({ min: 1, max: 5 }).optional(),
  flag: s.boolean().optional(),
  kind: s.enum(['a', 'b']).optional(),
  tags: s.array(s.int({ min: 1, max: 7 }), { min: 1, max: 3 }).optional(),
  contact: s
    .object({ name: s.text({ max: 5 }), phone: s.phone().optional() })
    .nullable()
    .optional(),
});
const Query = s.object({ ...PAGE_QUERY, from: s.date().optional(), on: s.boolean().optional() });

async function run(
  shape: RequestShape,
  req: Partial<Request>,
): Promise<{ errors?: Array<{ field: string }> }> {
  const full = { body: undefined, query: {}, params: {}, ...req } as Request;
  try {
    await validateRequest(shape)(full, {} as never, () => undefined);
    return {};
  } catch (err) {
    return { errors: (err as { errors?: Array<{ field: string }> }).errors ?? [] };
  }
}

function ajvFor(field: AnyField) {
  const components: Components = { ...SHARED_SCHEMAS };
  const schema = jsonSchemaOf(field, components);
  const ajv = new Ajv2020({ strict: false });
  addFormats(ajv);
  return ajv.compile({ ...schema, components: { schemas: components } });
}

const valid = { code: 'AB-1', name: ' Ada ' };
const bodies: Array<[string, unknown]> = [
  ['minimal', valid],
  [
    'every field',
    {
      ...valid,
      email: 'A@Example.com',
      when: '2026-02-28',
      at: '2026-02-28T10:00:00+01:00',
      zone: 'Europe/Berlin',
      days: 1.5,
      count: 5,
      flag: false,
      kind: 'b',
      tags: [1, 7],
      contact: { name: 'Bo' },
    },
  ],
  ['null zone', { ...valid, zone: null }],
  ['unknown field', { ...valid, extra: 1 }],
  ['missing code', { name: 'Ada' }],
  ['blank name', { ...valid, name: '   ' }],
  ['name too long', { ...valid, name: 'x'.repeat(11) }],
  ['code with space', { ...valid, code: 'A B' }],
  ['impossible date', { ...valid, when: '2026-02-30' }],
  ['date-time without offset', { ...valid, at: '2026-02-28T10:00:00' }],
  ['unknown zone', { ...valid, zone: 'Mars/Base' }],
  ['quarter day', { ...valid, days: 0.25 }],
  ['number as text', { ...valid, days: '1' }],
  ['fraction for int', { ...valid, count: 1.5 }],
  ['string for boolean', { ...valid, flag: 'true' }],
  ['enum outside', { ...valid, kind: 'c' }],
  ['too many items', { ...valid, tags: [1, 2, 3, 4] }],
  ['bad item', { ...valid, tags: [0] }],
  ['nested unknown field', { ...valid, contact: { name: 'Bo', x: 1 } }],
  ['nested missing name', { ...valid, contact: { phone: '+49 30 123456' } }],
  ['deep nesting', { ...valid, contact: { name: { a: { b: {} } } } }],
  ['array body', [valid]],
];

describe('declared shapes', () => {
  const schemaCheck = ajvFor(Body);

  it.each(bodies)(
    'when the body is %s then the check agrees with the published schema',
    async (_label, body) => {
      const outcome = await run({ body: Body }, { body });
      expect({ accepted: !outcome.errors }).toEqual({ accepted: schemaCheck(body) });
    },
  );

  it('when a field is refused then the error names it', async () => {
    expect((await run({ body: Body }, { body: { ...valid, contact: { name: 'Bo', x: 1 } } })).errors).toEqual(
      [{ field: 'contact', message: 'has unknown field(s): x' }],
    );
    expect((await run({ body: Body }, { body: { name: 'Ada', extra: 1 } })).errors).toEqual(
      expect.arrayContaining([
        { field: 'code', message: 'is required' },
        { field: 'extra', message: 'Unknown field' },
      ]),
    );
  });

  it('when accepted then the handler gets tidied, typed values', async () => {
    const req = {
      body: { ...valid, email: 'A@Example.com' },
      query: { limit: '500', on: 'true' },
      params: {},
    };
    await validateRequest({ body: Body, query: Query })(
      req as unknown as Request,
      {} as never,
      () => undefined,
    );
    const input = validatedInput(req as unknown as Request);
    expect(input.body).toEqual({ code: 'AB-1', name: 'Ada', email: 'a@example.com' });
    expect(input.query).toEqual({ limit: 100, on: true });
  });

  it.each([
    [{ limit: 'ten' }, 'limit'],
    [{ limit: ['1', '1'] }, 'limit'],
    [{ page: '0' }, 'page'],
    [{ on: 'yes' }, 'on'],
    [{ from: '2026-13-01' }, 'from'],
    [{ sort: 'x' }, 'sort'],
  ])('when the query is %j then 400 names %s', async (query, field) => {
    const outcome = await run({ query: Query }, { query: query });
    expect(outcome.errors?.map((e) => e.field)).toEqual([field]);
  });

  it('when a PATCH body is empty then it is refused, and partialOf makes every field optional', async () => {
    const Update = partialOf(Body as ObjectField<Shape>).nonEmpty();
    expect((await run({ body: Update }, { body: {} })).errors).toEqual([
      { field: 'body', message: 'must change at least one field' },
    ]);
    expect((await run({ body: Update }, { body: { name: 'Bo' } })).errors).toBeUndefined();
  });
});

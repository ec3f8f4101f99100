import mongoose, { Schema } from 'mongoose';
import request from 'supertest';
import type { RouteDefinition } from '../../src/http/routes';
import { s } from '../../src/http/shape/builders';
import { testApp } from '../support/app';
import { useTestDatabase } from '../support/database';

useTestDatabase();

const Gadget = mongoose.model(
  'ProblemGadget',
  new Schema({ code: { type: String, unique: true, required: true }, size: { type: Number, min: 1 } }),
);

const doc = { summary: 'test route', responses: {} };
const extraRoutes: RouteDefinition[] = [
  {
    method: 'post',
    path: '/test/validated',
    access: 'public',
    request: { body: s.object({ email: s.email().message('must be an email'), age: s.int({ min: 0 }) }) },
    handlers: [
      (_req, res) => {
        res.status(201).json({ ok: true });
      },
    ],
    doc,
  },
  {
    method: 'post',
    path: '/test/gadgets',
    access: 'public',
    handlers: [
      async (req, res) => {
        const gadget = await Gadget.create(req.body as object);
        res.status(201).json({ id: gadget.id });
      },
    ],
    doc,
  },
  {
    method: 'get',
    path: '/test/gadgets/:id',
    access: 'public',
    handlers: [
      async (req, res) => {
        res.json(await Gadget.findById(req.params.id));
      },
    ],
    doc,
  },
  {
    method: 'get',
    path: '/test/boom',
    access: 'public',
    handlers: [
      () => {
        throw new Error('secret internal detail: connection string mongodb://user:pw@host');
      },
    ],
    doc,
  },
];

const app = testApp({ extraRoutes });

function expectProblem(res: request.Response, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    status,
    type: expect.stringMatching(/^\/problems\//),
    title: expect.any(String),
  });
  expect(typeof res.body.detail).toBe('string');
}

describe('problem+json error mapping', () => {
  it('when express-validator refuses fields then 400 names each field', async () => {
    const res = await request(app).post('/test/validated').send({ email: 'nope', age: -3 });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'email', message: 'must be an email' },
        { field: 'age', message: expect.any(String) },
      ]),
    );
  });

  it('when the JSON is malformed then 400 names the body', async () => {
    const res = await request(app)
      .post('/test/validated')
      .set('Content-Type', 'application/json')
      .send('{"email": ');
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'body', message: 'Malformed JSON' }]);
  });

  it('when the body exceeds 1 MB then 413', async () => {
    const res = await request(app)
      .post('/test/validated')
      .send({ email: 'a@b.co', padding: 'x'.repeat(1024 * 1024 + 10) });
    expectProblem(res, 413);
  });

  it('when the route does not exist then 404 problem', async () => {
    const res = await request(app).get('/api/v1/nothing-here');
    expectProblem(res, 404);
    expect(res.body.detail).toBe('No route for GET /api/v1/nothing-here');
  });

  it('when Mongoose validation fails then 400 names the path', async () => {
    const res = await request(app).post('/test/gadgets').send({ code: 'g1', size: 0 });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'size', message: expect.any(String) }]);
  });

  it('when an id cannot be cast then 400, not 500', async () => {
    const res = await request(app).get('/test/gadgets/not-an-object-id');
    expectProblem(res, 400);
    expect(res.body.errors[0].field).toBe('_id');
  });

  it('when a unique key is duplicated then 409 names the field', async () => {
    await Gadget.createIndexes();
    await request(app).post('/test/gadgets').send({ code: 'dup' }).expect(201);
    const res = await request(app).post('/test/gadgets').send({ code: 'dup' });
    expectProblem(res, 409);
    expect(res.body.errors).toEqual([{ field: 'code', message: 'Already exists' }]);
    expect(await Gadget.countDocuments({ code: 'dup' })).toBe(1);
  });

  it('when a handler throws unexpectedly then 500 without internals', async () => {
    const res = await request(app).get('/test/boom').set('X-Request-Id', 'trace-500');
    expectProblem(res, 500);
    expect(JSON.stringify(res.body)).not.toMatch(/secret|mongodb:|stack|at /);
    expect(res.body.requestId).toBe('trace-500');
  });
});

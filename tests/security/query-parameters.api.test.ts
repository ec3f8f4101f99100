import request from 'supertest';
import { buildApp } from '../../src/app';
import type { RouteDefinition } from '../../src/http/routes';
import type { Role } from '../../src/modules/auth';
import { useTestDatabase } from '../support/database';
import type { Person } from '../support/factories';
import { makePerson } from '../support/factories';

/**
 * Class: repeated query parameters (OWASP API4/API8, ASVS 5.1.1 and 13.1.1). Express's query parser
 * turns `?limit=1&limit=100` into an array; every route refuses a repeat with 400 naming the
 * parameter, so it can neither lift a limit nor reach a service as an array. The route table drives
 * the test: every declared query parameter of every route is sent twice.
 */
useTestDatabase();
const { app, routes } = buildApp();
const people = {} as Record<Role, Person>;
const ID = '0123456789abcdef01234567';

beforeAll(async () => {
  for (const role of ['admin', 'manager', 'employee'] as const) people[role] = await makePerson(role);
});

function withQuery(route: RouteDefinition): [RouteDefinition, string][] {
  const names = Object.keys(route.request?.query?.spec.properties ?? {});
  return names.map((name) => [route, name]);
}

function authFor(route: RouteDefinition): Record<string, string> {
  if (route.access === 'public' || route.access === 'device') return {};
  const role = route.access.includes('admin') ? 'admin' : route.access[0]!;
  return people[role].auth;
}

const cases = routes.filter((r) => r.access !== 'device').flatMap(withQuery);

describe('repeated query parameters', () => {
  it('covers the routes that declare query parameters (the table below is not empty)', () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  it.each(
    cases.map(([route, name]) => [`${route.method.toUpperCase()} ${route.path}`, name, route] as const),
  )('when %s gets ?%s twice then 400 naming it', async (_label, name, route) => {
    const path = route.path.replace(/:[A-Za-z]+/g, ID);
    const call = request(app)[route.method](`${path}?${name}=1&${name}=1`).set(authFor(route));
    const csv = route.request?.bodyType === 'csv';
    const res = csv ? await call.set('Content-Type', 'text/csv').send('a,b\n') : await call;
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: name })]));
  });

  it('when a limit is repeated to lift it then 400, and once it is served as documented', async () => {
    const auth = people.admin.auth;
    const twice = await request(app).get('/api/v1/employees?limit=1&limit=100000').set(auth).expect(400);
    expect(twice.body.errors).toEqual([{ field: 'limit', message: 'is repeated: give this parameter once' }]);
    await request(app).get('/api/v1/employees?limit=1').set(auth).expect(200);
  });

  it('when a route on hand-written checks or the terminal protocol gets a repeat then 400 too', async () => {
    const res = await request(app).get('/iclock/cdata?SN=A1&SN=A1&options=all').expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'SN' })]);
    const login = await request(app)
      .post('/api/v1/auth/login?x=1&x=2')
      .send({ email: 'a@example.com', password: 'x' })
      .expect(400);
    expect(login.body.errors).toEqual([expect.objectContaining({ field: 'x' })]);
  });
});

import { Types } from 'mongoose';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { ROLES } from '../../src/modules/auth';
import type { Role } from '../../src/modules/auth';
import { useTestDatabase } from '../support/database';
import type { Person } from '../support/factories';
import { makePerson } from '../support/factories';

/**
 * Generated from the route table: every protected route is called anonymously (401) and as each
 * role, which must get 403 when its role is not allowed and must get past the gate when it is.
 * Ownership inside a role (self, team) is covered by each module's own tests.
 */
useTestDatabase();
const { app, routes } = buildApp();

function call(method: string, path: string, auth?: Record<string, string>) {
  const url = path.replace(/:[A-Za-z0-9_]+/g, new Types.ObjectId().toHexString());
  const req = request(app)
    [method as 'get' | 'post' | 'patch' | 'delete'](url)
    .set(auth ?? {});
  return method === 'get' || method === 'delete' ? req : req.send({});
}

describe('role gates on every protected route', () => {
  const people = {} as Record<Role, Person>;
  beforeAll(async () => {
    for (const role of ROLES) people[role] = await makePerson(role);
  });

  it('when called anonymously or with a role then 401 / 403 / past the gate as the route table says', async () => {
    const protectedRoutes = routes.filter((r) => Array.isArray(r.access));
    const leaks: string[] = [];
    let cells = 0;
    for (const route of protectedRoutes) {
      const label = `${route.method.toUpperCase()} ${route.path}`;
      const anonymous = await call(route.method, route.path);
      cells++;
      if (anonymous.status !== 401) leaks.push(`${label} anonymous -> ${anonymous.status}`);
      for (const role of ROLES) {
        const allowed = (route.access as readonly Role[]).includes(role);
        const res = await call(route.method, route.path, people[role].auth);
        cells++;
        const passed = res.status !== 401 && res.status !== 403;
        if (allowed !== passed) leaks.push(`${label} as ${role} -> ${res.status}`);
      }
    }
    process.stdout.write(`role gates: ${cells} cells checked over ${protectedRoutes.length} routes\n`);
    expect(protectedRoutes.length).toBeGreaterThan(10);
    expect(leaks).toEqual([]);
  });
});

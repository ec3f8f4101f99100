import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from '../../src/app';
import { ROLES } from '../../src/modules/auth';

interface Row {
  access: string;
  marks: Record<string, string>;
}

/** Reads the table rows of docs/permissions.md keyed by "METHOD path". */
function readPermissionTable(): Map<string, Row> {
  const text = readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'permissions.md'), 'utf8');
  const rows = new Map<string, Row>();
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const [, method, routePath, access, admin, manager, employee] = cells;
    if (!method || !/^(GET|POST|PUT|PATCH|DELETE)$/.test(method) || !routePath) continue;
    rows.set(`${method} ${routePath}`, {
      access: access ?? '',
      marks: { admin: admin ?? '', manager: manager ?? '', employee: employee ?? '' },
    });
  }
  return rows;
}

describe('docs/permissions.md', () => {
  const { routes } = buildApp();
  const table = readPermissionTable();

  it('when a route exists then the table has a row whose marks match its access', () => {
    const problems: string[] = [];
    for (const route of routes) {
      const key = `${route.method.toUpperCase()} ${route.path}`;
      const row = table.get(key);
      if (!row) {
        problems.push(`${key}: no row`);
        continue;
      }
      const isPublic = route.access === 'public';
      const kind = typeof route.access === 'string' ? route.access : 'roles';
      if (row.access !== kind) problems.push(`${key}: access should be ${kind}`);
      for (const role of ROLES) {
        const allowed =
          isPublic || (Array.isArray(route.access) && (route.access as readonly string[]).includes(role));
        if (row.marks[role] !== (allowed ? '✓' : '✗'))
          problems.push(`${key}: ${role} should be ${allowed ? '✓' : '✗'}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('when the table lists a route then that route exists', () => {
    const served = new Set(routes.map((r) => `${r.method.toUpperCase()} ${r.path}`));
    expect([...table.keys()].filter((key) => !served.has(key))).toEqual([]);
  });
});

import request from 'supertest';
import { buildApp } from '../../src/app';
import { toOpenApiPath } from '../../src/http/routes';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean>; stack: Array<{ handle: { name: string } }> };
}

/** Every (METHOD path) Express actually serves, read from the mounted router, not from our list. */
function servedOperations(app: ReturnType<typeof buildApp>['app']): string[] {
  const stack = (app.router as unknown as { stack: RouteLayer[] }).stack;
  return (
    stack
      // The 405 catch-alls (src/http/protocol.ts) answer every other method; they are not operations.
      .filter((layer) => layer.route && layer.route.stack[0]?.handle.name !== 'methodNotAllowed')
      .flatMap((layer) =>
        Object.keys(layer.route!.methods)
          .filter((m) => m !== '_all')
          .map((m) => `${m.toUpperCase()} ${toOpenApiPath(layer.route!.path)}`),
      )
      .sort()
  );
}

describe('OpenAPI document and routes', () => {
  const { app } = buildApp();

  it('when served then /openapi.json is OpenAPI 3.1 with bearer auth', async () => {
    const res = await request(app).get('/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.components.securitySchemes.bearerAuth).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  });

  it('when comparing then every served route is documented and every documented operation is served', async () => {
    const res = await request(app).get('/openapi.json').expect(200);
    const documented = Object.entries(res.body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    const served = servedOperations(app);
    expect(served.length).toBeGreaterThan(0);
    expect(served.filter((op) => !documented.includes(op))).toEqual([]);
    expect(documented.filter((op) => !served.includes(op))).toEqual([]);
  });

  it('when a route is added outside the route table then parity notices it', () => {
    const { app: tampered } = buildApp();
    tampered.get('/api/v1/undocumented', (_req, res) => {
      res.end();
    });
    expect(servedOperations(tampered)).toContain('GET /api/v1/undocumented');
  });

  it('when documented then each operation has a summary and responses', async () => {
    const res = await request(app).get('/openapi.json').expect(200);
    for (const [path, item] of Object.entries(
      res.body.paths as Record<string, Record<string, { summary?: string; responses?: object }>>,
    )) {
      for (const [method, op] of Object.entries(item)) {
        expect({ op: `${method} ${path}`, summary: typeof op.summary }).toEqual({
          op: `${method} ${path}`,
          summary: 'string',
        });
        expect(Object.keys(op.responses ?? {}).length).toBeGreaterThan(0);
      }
    }
  });
});

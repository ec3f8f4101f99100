import { buildApp } from '../../src/app';

/** The conventions a generated client and an HR admin in Swagger UI rely on. */
describe('OpenAPI conventions', () => {
  const { document, routes } = buildApp();

  it('when the document is built then every tag is described, Auth first and Operations last', () => {
    expect(document.tags.filter((t) => !t.description).map((t) => t.name)).toEqual([]);
    expect(document.tags[0]?.name).toBe('Auth');
    expect(document.tags[document.tags.length - 1]?.name).toBe('Operations');
  });

  it('when the document is built then it names its license', () => {
    expect(document.info.license).toEqual({ name: 'MIT', identifier: 'MIT' });
  });

  it('when the document is built then every operation has a unique operationId a generated client can use', () => {
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({
        at: `${method.toUpperCase()} ${path}`,
        id: operation.operationId,
      })),
    );
    expect(operations.filter((operation) => !operation.id).map((operation) => operation.at)).toEqual([]);
    const ids = operations.map((operation) => operation.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it('when a response links to a next step then the step exists and takes the parameters the link fills', () => {
    type Op = {
      operationId?: string;
      parameters?: Array<{ name: string; in: string }>;
      responses: Record<string, unknown>;
    };
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item) as Op[]);
    const byId = new Map(operations.map((operation) => [operation.operationId, operation]));
    const links = operations.flatMap((operation) =>
      Object.values(operation.responses).flatMap((response) =>
        Object.values(
          (response as { links?: Record<string, { operationId: string; parameters?: object }> }).links ?? {},
        ),
      ),
    );
    expect(links.map((link) => link.operationId)).toEqual(
      expect.arrayContaining(['approveLeaveRequest', 'cancelLeaveRequest', 'ingestDeviceEvents']),
    );
    for (const link of links) {
      const target = byId.get(link.operationId);
      expect(target).toBeDefined();
      for (const name of Object.keys(link.parameters ?? {})) {
        const [where, param] = name.includes('.') ? name.split('.', 2) : ['path', name];
        expect(target!.parameters ?? []).toContainEqual(expect.objectContaining({ name: param, in: where }));
      }
    }
  });

  it('when the route table is built then no method and path is mounted twice', () => {
    const keys = routes.map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
  });
});

import { buildApp } from '../../src/app';

/** The conventions a generated client and an HR admin in Swagger UI rely on. */
describe('OpenAPI conventions', () => {
  const { document } = buildApp();

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
});

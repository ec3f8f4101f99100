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
});

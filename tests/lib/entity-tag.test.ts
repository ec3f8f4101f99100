import { PreconditionFailedError } from '../../src/lib/errors';
import { assertPrecondition, entityTag } from '../../src/lib/entity-tag';

describe('entity tags', () => {
  const record = { id: '1', name: 'Annual', updatedAt: '2026-11-23T10:00:00.000Z' };

  it('when the representation is the same, in any key order, then the tag is the same strong tag', () => {
    expect(entityTag(record)).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(entityTag({ updatedAt: record.updatedAt, name: 'Annual', id: '1' })).toBe(entityTag(record));
  });

  it('when anything in it changes then the tag changes', () => {
    expect(entityTag({ ...record, updatedAt: '2026-11-23T10:00:00.001Z' })).not.toBe(entityTag(record));
  });

  it('when If-Match names the current tag, *, or is absent then the write may go ahead; otherwise 412', () => {
    expect(() => assertPrecondition(record, [entityTag(record)])).not.toThrow();
    expect(() => assertPrecondition(record, '*')).not.toThrow();
    expect(() => assertPrecondition(record, undefined)).not.toThrow();
    expect(() => assertPrecondition(record, [`W/${entityTag(record)}`])).toThrow(PreconditionFailedError);
    expect(() => assertPrecondition(record, ['"stale"'])).toThrow(PreconditionFailedError);
  });
});

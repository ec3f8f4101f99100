import { setConfigForTests } from '../../../src/config';
import { useTestDatabase } from '../../support/database';

useTestDatabase();

describe('audit retention', () => {
  it('when AUDIT_RETENTION_DAYS is set then a TTL index removes older entries', async () => {
    // Configuration is read when the model loads, so it is set first and the model imported after
    // (through the loaded configuration: the database helpers have read it already).
    setConfigForTests({ AUDIT_RETENTION_DAYS: 400 });
    const { AuditLog } = await import('../../../src/modules/audit/audit-log.model');
    await AuditLog.createIndexes();
    const indexes = await AuditLog.collection.indexes();
    expect(indexes.find((i) => i.name === 'audit_retention')).toMatchObject({
      key: { at: 1 },
      expireAfterSeconds: 400 * 86_400,
    });
  });
});

import request from 'supertest';
import { PayrollPeriod } from '../../../src/modules/periods/payroll-period.model';
import { checkInvariants } from '../../../src/ops/invariants';
import { testApp } from '../../support/app';
import { useTestDatabase } from '../../support/database';
import { makePerson } from '../../support/factories';

useTestDatabase();
const app = testApp();

describe('payroll period invariants', () => {
  it('when periods were created through the API then none overlaps; a stored overlap is named', async () => {
    const admin = await makePerson('admin');
    for (const [from, to] of [
      ['2026-01-01', '2026-01-31'],
      ['2026-02-01', '2026-02-28'],
      ['2025-12-01', '2025-12-31'],
    ])
      await request(app).post('/api/v1/payroll-periods').set(admin.auth).send({ from, to }).expect(201);
    const clean = await checkInvariants();
    expect(clean.violations).toEqual([]);
    expect(clean.checked.payrollPeriods).toBe(3);

    // What the create lock prevents: a second period written past it, inside January.
    const sneaked = await PayrollPeriod.create({ from: '2026-01-20', to: '2026-01-25', status: 'open' });
    const broken = await checkInvariants();
    expect(broken.violations).toEqual([
      expect.objectContaining({
        invariant: 'payroll periods do not overlap',
        entity: `PayrollPeriod ${sneaked.id}`,
      }),
    ]);
  });
});

import { carryOverExpiryDate } from '../../../src/modules/leave/carry-over-expiry';

const type = (carryOverExpiryMonths: number | null) => ({
  id: 'x',
  unit: 'working_day' as const,
  carryOverExpiryMonths,
});

describe('carryOverExpiryDate (pure)', () => {
  it('when carried days expire after N months then the last usable day ends month N', () => {
    expect(carryOverExpiryDate(type(3), 2027)).toBe('2027-03-31');
    expect(carryOverExpiryDate(type(2), 2028)).toBe('2028-02-29');
    expect(carryOverExpiryDate(type(12), 2027)).toBe('2027-12-31');
  });

  it('when they never expire then there is no date', () => {
    expect(carryOverExpiryDate(type(null), 2027)).toBeUndefined();
  });
});

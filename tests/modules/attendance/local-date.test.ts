import { localDateOf } from '../../../src/modules/attendance/day-rules';
describe('the local date of an instant', () => {
  it('when the year is before 1000 or the zone is ahead of UTC then the date is ISO with four year digits', () => {
    expect(localDateOf(new Date('0308-02-22T10:00:00Z'), 'UTC')).toBe('0308-02-22');
    expect(localDateOf(new Date('2026-11-23T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-11-24');
  });
});

import { sequenceFor } from '../../../src/modules/calendar';
import { useTestDatabase } from '../../support/database';

useTestDatabase();

describe('SEQUENCE numbering', () => {
  it('when changes to one request race then each gets its own number, and a repeated change gets its number back', async () => {
    const requestId = '665f1c2e9b1e8a0012345678';
    const numbers = await Promise.all(
      ['a', 'b', 'c', 'd'].map((key) => sequenceFor(requestId, `race:${key}`)),
    );
    expect([...numbers].sort()).toEqual([0, 1, 2, 3]);
    expect(await sequenceFor(requestId, 'race:c')).toBe(numbers[2]);
    expect(await sequenceFor(requestId, 'race:e')).toBe(4);
    expect(await sequenceFor('665f1c2e9b1e8a0012345679', 'other:a')).toBe(0);
  });
});

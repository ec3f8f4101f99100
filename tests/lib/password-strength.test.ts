import { assertStrongPassword, passwordWeakness } from '../../src/lib/password-strength';

describe('passwordWeakness (zxcvbn-ts, common dictionaries, offline)', () => {
  it.each(['password123456', 'Password1234', 'qwertyuiop12', 'iloveyou2020', 'aaaaaaaaaaaa', 'abcdefghijkl'])(
    'when the password is "%s" then it is too easy to guess',
    (password) => expect(passwordWeakness(password)).toMatch(/^is too easy to guess/),
  );

  it.each(['Correct-Horse-Battery-1', 'Unrelated-words-for-a-login', 'correcthorsebatterystaple'])(
    'when the password is "%s" then it passes',
    (password) => expect(passwordWeakness(password)).toBeUndefined(),
  );

  it("when the password is the person's own address with a year then it is too easy to guess", () => {
    expect(passwordWeakness('marguerite.okonkwo2026')).toBeUndefined();
    expect(passwordWeakness('marguerite.okonkwo2026', ['marguerite.okonkwo@example.com'])).toMatch(
      /own details|too easy/,
    );
  });

  it('when refused then it is a 422 naming the field', () => {
    expect(() => assertStrongPassword('password123456', 'newPassword')).toThrow(
      expect.objectContaining({ status: 422, errors: [expect.objectContaining({ field: 'newPassword' })] }),
    );
  });
});

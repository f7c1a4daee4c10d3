// PII masking where the label or the check digits decide: a SNILS named as such, the IBAN's length, the INN's
// two check digits, the SNILS check number's rules, short numbers in spaced groups after "тел.", and credentials
// written without the usual spaces.
import { describe, expect, it } from 'vitest';
import { ibanValid, innValid, maskPii, snilsValid } from '../../src/text/pii.js';

describe('numbers the word before names', () => {
  it('a SNILS after its name is masked even when its check number is mistyped', () => {
    expect(maskPii('СНИЛС 11223344500, проверьте')).toBe('СНИЛС [snils], проверьте');
    expect(maskPii('snils: 112 233 445 00')).toBe('snils: [snils]');
  });

  it('a short phone written in spaced groups after "тел." is masked', () => {
    expect(maskPii('тел. 22 - 33 - 44, звоните вечером')).toBe('тел. [phone], звоните вечером');
  });
});

describe('check digits', () => {
  it('an IBAN is 15 to 34 characters, whatever its check digits say', () => {
    // Both pass the mod-97 check; neither has an IBAN's length.
    expect(ibanValid('NO698601111794')).toBe(false);
    expect(ibanValid('DE613704004405320130001234567890123')).toBe(false);
    expect(maskPii('code NO69 8601 1117 94 ok')).toBe('code NO69 8601 1117 94 ok');
    expect(ibanValid('LC42ABCD01234567890123456789012345')).toBe(true); // the longest an IBAN may be, 34
  });

  it("a 12-digit number is a person's INN only when both check digits hold", () => {
    // The second check digit is right for the digits before it; the first is not.
    expect(innValid('770708389331')).toBe(false);
    expect(maskPii('770708389331')).toBe('770708389331');
    expect(maskPii('500100732259')).toBe('[inn]');
  });

  it('a SNILS check number: the weighted sum below 100, 00 for 100 and 101, the rest of 101 above', () => {
    expect(snilsValid('92000000300')).toBe(true); // sum 100
    expect(snilsValid('92000000310')).toBe(false);
    expect(snilsValid('12345678964')).toBe(true); // sum 165: 165 - 101 = 64
    expect(snilsValid('12345678900')).toBe(false);
    expect(maskPii('номер 12345678964 в заявлении')).toBe('номер [snils] в заявлении');
  });
});

describe('credentials written tightly', () => {
  it('"Authorization:Basic" without a space, or with one before the colon', () => {
    expect(maskPii('Authorization:Basic dXNlcjpwYXNz')).toBe('Authorization:Basic [secret]');
    expect(maskPii('Authorization : Basic dXNlcjpwYXNz')).toBe('Authorization : Basic [secret]');
  });

  it('a token of 20 letters after "token", and a password of 16 letters after "password:", are secrets', () => {
    expect(maskPii('token abcdefghijklmnopqrst')).toBe('token [secret]');
    expect(maskPii('token abcdefghijklmnopqrs')).toBe('token abcdefghijklmnopqrs');
    expect(maskPii('password: abcdefghijklmnop')).toBe('password: [secret]');
    expect(maskPii('password: abcdefghijklmno')).toBe('password: abcdefghijklmno');
  });
});

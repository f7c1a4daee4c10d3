// The checks behind PII masking, each at its edges: which digit runs are phones, which checksums hold, where a
// masked value's sentence punctuation goes, and which "key: value" pairs are secrets and which are prose.
import { describe, expect, it } from 'vitest';
import {
  ibanValid,
  innValid,
  looksLikePhone,
  luhnValid,
  maskPii,
  snilsValid,
  splitTrailingPunctuation,
} from '../../src/text/pii.js';

describe('looksLikePhone', () => {
  it.each([
    ['+7 912 345 67 89', true],
    ['+12345678', true], // 8 digits after a + is the shortest international number
    ['+1234567', false],
    ['+1234567890123456', false], // 16 digits: longer than E.164 allows
    ['0044 20 7946 0958', true],
    ['00441234', false],
    ['89123456789', true],
    ['8 383 209-00-00', true], // Novosibirsk with the trunk prefix
    ['74951234567', true],
    ['81234567890', false], // no Russian area code starts with 1 or 2
    ['72123456789', false],
    ['9123456789', true], // a Russian mobile without its prefix
    ['912-345-6789', true],
    ['912 345 67 89', true],
    ['020 7946 0958', true], // UK with its 0 trunk prefix, in groups
    ['02079460958', false], // the same digits solid could be anything
    ['1-800-555-0199', true],
    ['18005550199', false],
    ['(495) 123-4567', true],
    ['555-123-4567', true],
    ['555.123.4567', true],
    ['555 1234567', false],
    ['1234567890', false], // an unformatted 10-digit run may be an order number
    ['1 500 000', false], // an amount
    ['12.500.000', false],
    ['1111111111', false], // a placeholder
    ['192.168.1.1', false],
    ['02.11.2022 04:25', false],
    ['2022-11-02 04:25', false],
    ['0.00015735595957', false],
  ])('%s → %s', (candidate, phone) => {
    expect(looksLikePhone(candidate)).toBe(phone);
  });
});

describe('checksums', () => {
  it('IBAN: mod 97 over 15 to 34 characters', () => {
    expect(ibanValid('NO9386011117947')).toBe(true); // the shortest country format, 15
    expect(ibanValid('NO938601111794')).toBe(false);
    expect(ibanValid('MT84MALT011000012345MTLCAST001S')).toBe(true); // letters inside
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid(`DE89370400440532013000${'0'.repeat(13)}`)).toBe(false);
  });

  it('INN: 10 digits with one check digit, 12 with two, other lengths never', () => {
    expect(innValid('500100732259')).toBe(true);
    expect(innValid('500100732258')).toBe(false); // last check digit wrong
    expect(innValid('500100732269')).toBe(false); // first check digit wrong
    expect(innValid('770708389')).toBe(false);
    expect(innValid('77070838931')).toBe(false);
  });

  it('SNILS: weighted sum, 100 and 101 read as 00', () => {
    expect(snilsValid('08765430300')).toBe(true); // sum 101 → 00
    expect(snilsValid('11223344500')).toBe(false);
    expect(snilsValid('1122334459')).toBe(false);
  });

  it('Luhn on odd lengths', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });
});

describe('splitTrailingPunctuation', () => {
  it.each([
    ['abc).', ['abc', ').']],
    ['wiki/Foo_(bar)', ['wiki/Foo_(bar)', '']],
    ['wiki/Foo_(bar)).', ['wiki/Foo_(bar)', ').']],
    ['x]', ['x', ']']],
    ['a[b]', ['a[b]', '']],
    ['a{b}}', ['a{b}', '}']],
    ['abc!?', ['abc', '!?']],
    ['...', ['', '...']],
  ])('%s', (value, parts) => {
    expect(splitTrailingPunctuation(value)).toEqual(parts);
  });
});

describe('secrets against prose', () => {
  it.each([
    ['token expired yesterday', 'token expired yesterday'],
    ['token abcdefghij', 'token abcdefghij'],
    ['Bearer abcdefgh', 'Bearer [secret]'],
    ['token 9f8e7d6c5b', 'token [secret]'],
    ['token abcdefghijklmnopqrstu', 'token [secret]'],
    ['Authorization: Basic dXNlcjpwYXNz', 'Authorization: Basic [secret]'],
    ['a basic question about billing', 'a basic question about billing'],
    ['password: hunter2x', 'password: [secret]'],
    ['password: hunter', 'password: hunter'],
    ['password: averyveryverylongpass', 'password: [secret]'],
    // A password of digits only is still a password; other names need letters and digits after ":".
    ['my password: 12345678, still locked out', 'my password: [secret], still locked out'],
    ['Пароль: 4821', 'Пароль: [secret]'],
    ['password: reset does not work', 'password: reset does not work'],
    ['key: 12345678', 'key: 12345678'],
    ['key: important', 'key: important'],
    ['promo code: SPRING20', 'promo code: SPRING20'],
    ['code=SPRING20', 'code=[secret]'],
    ['password=[secret] ok', 'password=[secret] ok'],
    ['api_key=abc1.', 'api_key=[secret].'],
    ['pwd=ab1', 'pwd=ab1'],
    ['secret=abcd, then', 'secret=[secret], then'],
  ])('%s', (text, masked) => {
    expect(maskPii(text)).toBe(masked);
  });
});

describe('numbers in text', () => {
  it.each([
    ['IBAN GB82 WEST 1234 5698 7654 32 please', 'IBAN [account] please'],
    ['IBAN GB83 WEST 1234 5698 7654 32 please', 'IBAN GB83 WEST 1234 5698 7654 32 please'],
    ['account 12345', 'account 12345'],
    ['account 123456', 'account [account]'],
    ['acct #1234-5678', 'acct #[account]'],
    ['tel 12.03.2024', 'tel 12.03.2024'],
    ['tel: 123-45-67', 'tel: [phone]'],
    ['тел. 12345', 'тел. 12345'],
    ['11223344595', '[snils]'],
    ['order 4111 1111 1111 1111', 'order [card]'],
    ['заказ № 79927398713', 'заказ № 79927398713'],
    ['4111-1111-1111-1111', '[card]'],
    ['41 11 11 11 11 11 11 11', '41 11 11 11 11 11 11 11'],
    ['0000 0000 0000 0000', '0000 0000 0000 0000'],
    ['ИНН: 500100732259', 'ИНН: [inn]'],
    ['500100732259', '[inn]'],
    ['ticket 500100732259', 'ticket 500100732259'],
    ['#9123456789', '#9123456789'],
    ['звоните 9123456789', 'звоните [phone]'],
  ])('%s', (text, masked) => {
    expect(maskPii(text)).toBe(masked);
  });

  it('keeps URLs when asked (error messages), still masking e-mails', () => {
    expect(maskPii('see https://example.com/x and ivan@mail.ru', { urls: false })).toBe(
      'see https://example.com/x and [email]',
    );
    expect(maskPii('see https://example.com/a?b=c.')).toBe('see [url].');
    expect(maskPii('ftp://anon@host/ and http://user:sk-abcdefghijklmnop@host/v1')).toBe('[url] and [url]');
  });
});

// Which numbers in a ticket are personal data and which are the ticket's own facts, told apart by their
// shape: IP addresses, dates, amounts, fractions and placeholders stay; phones and cards in the ways
// people write them are masked, at the edges of each length.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikePhone, luhnValid, maskPii } from '../../src/text/pii.js';

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const sentence = (before: string, value: string, after: string): string => `${before} ${value} ${after}`;

/** `body` with the check digit that makes it pass the Luhn test, as every issued card number does. */
function withLuhnDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${body}${d}`)) return `${body}${d}`;
  throw new Error('unreachable: one of ten check digits passes');
}
/** `body` with a check digit that fails the Luhn test: a number that is no card unless it has a card's length. */
function withWrongCheckDigit(body: string): string {
  const valid = withLuhnDigit(body);
  return `${body}${(Number(valid.at(-1)) + 1) % 10}`;
}

describe('IP addresses are not phones', () => {
  it.each([
    'server 192.168.10.15 is down', // written like a 3-3-2-2 phone
    'ping 84.201.155.123 fails', // eleven digits from 8 4…, like a Russian number
    'host 178.248.233.65 refused', // eleven digits from 1, like a US number
    'blocked 193.254.251.10 again',
    'gateway 10.200.255.250 timeout',
  ])('%j stays', (text) => {
    expect(maskPii(text)).toBe(text);
  });

  it('any IPv4 address inside a sentence stays', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const ip = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
    fc.assert(
      fc.property(ip, fc.constantFrom('', '.', ',', ':8080'), (address, tail) => {
        const text = sentence('сервер', `${address}${tail}`, 'не отвечает');
        expect(maskPii(text)).toBe(text);
      }),
      { numRuns: 400 },
    );
  });
});

describe('dates, amounts and fractions are not phones', () => {
  it.each([
    'on 02.11.2022 10 tickets failed', // a date, then a count
    'с 2.11.2022 15 заказов не пришли',
    'оборот 12 500 000 000 руб', // an amount in thousands, eleven digits from 1
    'сумма 83 000 000 000 руб', // eleven digits from 8 3…, like a Russian number
    'итого 12.500.000.000 руб',
    'ratio 7.9123456789 observed', // a fraction with eleven digits from 7 9…
    'доля 0,0123456789 процента',
  ])('%j stays', (text) => {
    expect(maskPii(text)).toBe(text);
  });

  it('amounts written with thousands separators stay, whatever their size', () => {
    const amount = fc
      .tuple(
        fc.integer({ min: 1, max: 999 }),
        fc.array(digits(3), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(' ', '.'),
      )
      .map(([lead, groups, sep]) => [String(lead), ...groups].join(sep));
    fc.assert(
      fc.property(amount, fc.constantFrom('руб', '₽', 'USD', 'рублей списали'), (value, unit) => {
        const text = sentence('списали', value, unit);
        expect(maskPii(text)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('decimal fractions stay, however many digits they carry', () => {
    const fraction = fc
      .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 4, max: 14 }), fc.constantFrom('.', ','))
      .chain(([whole, n, sep]) => digits(n).map((frac) => `${whole}${sep}${frac}`));
    fc.assert(
      fc.property(fraction, (value) => {
        const text = sentence('коэффициент', value, 'в отчёте');
        expect(maskPii(text)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('placeholders made of one digit over and over stay', () => {
    for (const text of ['пример 9999999999 в форме', 'example 8 888 888 88 88 in the form', 'образец +7 777 777 77 77'])
      expect(maskPii(text)).toBe(text);
  });
});

describe('phones at the edges of their lengths', () => {
  it.each([
    'reference 783412345678 on the receipt', // twelve digits from 7 8…: longer than a Russian number
    'reference 91234567890 on the receipt', // eleven digits from 9: longer than a Russian mobile
    'ref 012-345-67 on the receipt', // eight digits from 0: shorter than a national number
  ])('a number of the wrong length for its prefix stays: %j', (text) => {
    expect(maskPii(text)).toBe(text);
  });

  it.each([
    ['+123456789012345', true], // 15 digits after +: the longest E.164 number
    ['00 49 301 234', true], // 00 and 8 digits: the shortest international number
    ['00 49 301 23', false],
    ['0012 3456 7890 12345', true], // 00 and 15 digits
    ['0012 3456 7890 123456', false],
    ['00441234567890', false], // solid, starting 00: a zero-padded order or account number
    ['030 1234567', true], // Berlin with its 0 trunk prefix: ten digits
    ['0301234567', false],
    ['(495) 123-45', false], // a bracket does not make eight digits a phone
    ['8 383 212 34 56', true],
    ['8 283 212 34 56', false], // no Russian area code starts with 2
  ])('%s → %s', (candidate, phone) => {
    expect(looksLikePhone(candidate)).toBe(phone);
  });

  it.each([
    ['тел. 12-34-56', 'тел. [phone]'], // six digits: a short city number
    ['phone: +44 20 7946 0958', 'phone: [phone]'],
    ['tel 2024.03.12', 'tel 2024.03.12'], // a date after the word is still a date
    ['тел 1.03.2024', 'тел 1.03.2024'],
    ['phone 12.03.24', 'phone 12.03.24'],
    ['whatsapp 8 912 345 67 89', 'whatsapp [phone]'],
    ['моб. 8 912 345 67 89', 'моб. [phone]'],
  ])('a number the word calls a phone: %j', (text, masked) => {
    expect(maskPii(text)).toBe(masked);
  });
});

describe('card numbers, by length and grouping', () => {
  it.each([
    ['paid with 4222222222222 today', 'paid with [card] today'], // 13 digits, Luhn-valid (old Visa)
    [`card ${withLuhnDigit('411111111111111111')} ok`, 'card [card] ok'], // 19 digits
    [`card ${withLuhnDigit('411111111111111111').replace(/(\d{4})(?=\d)/g, '$1 ')} ok`, 'card [card] ok'], // 4-4-4-4-3
    ['diners 3056 930902 5904 declined', 'diners [card] declined'], // 4-6-4
    ['amex 3782-822463-10005 declined', 'amex [card] declined'], // 4-6-5
  ])('masked: %j', (text, masked) => {
    expect(maskPii(text)).toBe(masked);
  });

  it.each([
    'codes 4111 11 1111 1111 11 in the list', // sixteen digits, but not grouped as a card is
    `ref ${withLuhnDigit('1234567890123456').replace(/^(\d{4})(\d{4})(\d{4})/, '$1 $2 $3 ')} in the list`, // 4-4-4-5
    `serial ${withWrongCheckDigit('12345678901234')} on the box`, // fifteen digits failing the Luhn test
    `serial ${withWrongCheckDigit('1234567890123')} on the box`, // fourteen
    'order 4222222222222 shipped', // a Luhn-valid 13 digits the word calls an order
  ])('left alone: %j', (text) => {
    expect(maskPii(text)).toBe(text);
  });

  it('every Luhn-valid number of 13 to 19 digits written in groups of four is a card, whatever its last group', () => {
    const card = fc
      .integer({ min: 12, max: 18 })
      .chain((n) => digits(n).map((body) => withLuhnDigit(`5${body.slice(1)}`)));
    fc.assert(
      fc.property(card, (number) => {
        fc.pre(!/^(\d)\1+$/.test(number));
        const grouped = number.replace(/(\d{4})(?=\d)/g, '$1 ');
        expect(maskPii(sentence('карта', grouped, 'не проходит'))).toBe(sentence('карта', '[card]', 'не проходит'));
      }),
      { numRuns: 200 },
    );
  });

  it('every Luhn-valid number of 13 to 19 digits, solid, is a card', () => {
    const card = fc
      .integer({ min: 12, max: 18 })
      .chain((n) => digits(n).map((body) => withLuhnDigit(`4${body.slice(1)}`)));
    fc.assert(
      fc.property(card, (number) => {
        fc.pre(!/^(\d)\1+$/.test(number));
        expect(maskPii(sentence('оплатил картой', number, 'вчера'))).toBe(
          sentence('оплатил картой', '[card]', 'вчера'),
        );
      }),
      { numRuns: 300 },
    );
  });
});

// Properties of PII masking on generated numbers and addresses inside ordinary ticket sentences:
// the personal part becomes exactly one placeholder and the words around it are left as they were.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPii } from '../../src/text/pii.js';

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
// Words with no digits, @ or dots, so only the generated item can be masked.
const words = fc
  .array(fc.constantFrom('please', 'call', 'me', 'at', 'my', 'number', 'звоните', 'на', 'номер', 'почта', 'пишите'), {
    maxLength: 4,
  })
  .map((w) => w.join(' '));
const trailing = fc.constantFrom('', '.', ',', '!', ')', ' today', ', спасибо');

/** `before item after` with the item masked must be `before [placeholder] after`, nothing else changed. */
function expectMaskedInside(item: fc.Arbitrary<string>, placeholder: string): void {
  fc.assert(
    fc.property(words, item, trailing, words, (before, value, tail, after) => {
      const text = `${before} ${value}${tail} ${after}`;
      expect(maskPii(text)).toBe(`${before} ${placeholder}${tail} ${after}`);
    }),
    { numRuns: 300 },
  );
}

describe('maskPii on generated phone numbers', () => {
  // Russian numbers with any area code a person dials: 3xx Siberia/Urals (383 Novosibirsk), 4xx
  // Far East and centre (495 Moscow), 8xx toll-free, 9xx mobiles; written as people write them.
  const russian = fc
    .tuple(fc.constantFrom('3', '4', '8', '9'), digits(2), digits(3), digits(2), digits(2), fc.nat(6))
    .map(([first, area, a, b, c, style]) => {
      const code = `${first}${area}`;
      return [
        `8 ${code} ${a}-${b}-${c}`,
        `8 (${code}) ${a}-${b}-${c}`,
        `+7 ${code} ${a} ${b} ${c}`,
        `+7 (${code}) ${a}-${b}-${c}`,
        `8${code}${a}${b}${c}`,
        `+7${code}${a}${b}${c}`,
        `8-${code}-${a}-${b}-${c}`,
      ][style]!;
    });

  it('masks a Russian number with any area code, e.g. 8 383 …', () => {
    expect(maskPii('звоните 8 383 209-00-00 после обеда')).toBe('звоните [phone] после обеда');
    expectMaskedInside(russian, '[phone]');
  });

  it('masks international numbers written with +', () => {
    const international = fc
      .tuple(fc.constantFrom('+44', '+49', '+1', '+33', '+375'), digits(3), digits(3), digits(4))
      .map(([cc, a, b, c]) => `${cc} ${a} ${b} ${c}`);
    expectMaskedInside(international, '[phone]');
  });
});

describe('maskPii on generated e-mail addresses', () => {
  const label = fc.string({ unit: fc.constantFrom(...'abcxyz019абвгдя'), minLength: 1, maxLength: 8 });
  const local = fc
    .tuple(label, fc.option(fc.tuple(fc.constantFrom('.', '_', '+', '-'), label), { nil: undefined }))
    .map(([a, rest]) => (rest ? `${a}${rest[0]}${rest[1]}` : a));
  const domain = fc
    .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'ru', 'co.uk', 'рф', 'info'))
    .map(([labels, tld]) => `${labels.join('.')}.${tld}`);
  const address = fc.tuple(local, domain).map(([l, d]) => `${l}@${d}`);

  it('masks the whole address, keeping the sentence around it', () => {
    expectMaskedInside(address, '[email]');
  });
});

describe('maskPii on generated payment cards', () => {
  /** A 16-digit number with a valid Luhn check digit. */
  const card = digits(15).map((body) => {
    let sum = 0;
    for (let i = 0; i < 15; i++) {
      let d = Number(body[14 - i]);
      if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    return body + String((10 - (sum % 10)) % 10);
  });

  it('masks valid card numbers written solid or in groups of four', () => {
    expectMaskedInside(card, '[card]');
    expectMaskedInside(
      card.map((c) => c.match(/.{4}/g)!.join(' ')),
      '[card]',
    );
  });

  it('masks a 16-digit number failing the Luhn check too: a mistyped card is still a card (issue 19)', () => {
    const wrong = card.map((c) => c.slice(0, 15) + String((Number(c[15]) + 1) % 10));
    fc.assert(
      fc.property(wrong, (number) => {
        expect(maskPii(`card ${number.match(/.{4}/g)!.join(' ')} declined`)).toBe('card [card] declined');
        expect(maskPii(`card ${number} declined`)).toBe('card [card] declined');
      }),
    );
  });
});

describe('maskPii leaves ordinary numbers alone', () => {
  it('order numbers, amounts, dates and times', () => {
    const ordinary = fc.oneof(
      digits(6).map((d) => `order #${d}`),
      fc.tuple(fc.integer({ min: 1, max: 999 }), digits(3)).map(([a, b]) => `${a} ${b} руб`),
      fc
        .tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2000, max: 2030 }))
        .map(([d, m, y]) => `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`),
      fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${h}:${m}`),
    );
    fc.assert(
      fc.property(words, ordinary, words, (before, value, after) => {
        const text = `${before} ${value} ${after}`;
        expect(maskPii(text)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

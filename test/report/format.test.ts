// Numbers, money and text as every report writes them.
import { describe, expect, it } from 'vitest';
import { describeSkipped, formatMoney, formatShare, truncate } from '../../src/report/format.js';

describe('formatMoney', () => {
  it('cents only on amounts under 100 that have them, in either language, with a code or a symbol', () => {
    expect(formatMoney(99.5, 'USD')).toBe('$99.50');
    expect(formatMoney(100.5, 'USD')).toBe('$101');
    expect(formatMoney(100, 'USD')).toBe('$100');
    expect(formatMoney(-99.5, 'USD')).toBe('-$99.50');
    expect(formatMoney(-150.25, 'USD')).toBe('-$150');
    expect(formatMoney(6, 'USD')).toBe('$6');
    expect(formatMoney(6.5, 'RUB', 'ru')).toBe('6,50 ₽');
    expect(formatMoney(1234567, 'RUB', 'ru')).toBe('1 234 567 ₽');
    // A symbol Intl does not know goes after the number, grouped the reader's way.
    expect(formatMoney(12000, '₽')).toBe('12,000 ₽');
    expect(formatMoney(12000, '₽', 'ru')).toBe('12 000 ₽');
    expect(formatMoney(2.25, '€', 'ru')).toBe('2,25 €');
    expect(formatMoney(7, '€')).toBe('7 €');
  });
});

describe('formatShare', () => {
  it('one decimal; "<0.1%" only for a share above nothing and under 0.1%', () => {
    expect(formatShare(0)).toBe('0.0%');
    expect(formatShare(0.0004)).toBe('<0.1%');
    expect(formatShare(0.001)).toBe('0.1%');
    expect(formatShare(1)).toBe('100.0%');
    expect(formatShare(0, 'ru')).toBe('0,0 %');
    expect(formatShare(0.0004, 'ru')).toBe('<0,1 %');
    expect(formatShare(0.001, 'ru')).toBe('0,1 %');
  });
});

describe('truncate', () => {
  it('one line; cut at a word boundary in the last 40%, else mid-word, with "…"', () => {
    expect(truncate('  two\n\tlines  here ', 20)).toBe('two lines here');
    expect(truncate('exactly ten', 11)).toBe('exactly ten');
    expect(truncate('exactly ten!', 11)).toBe('exactly…');
    // The only space is too early (before 60% of the width): cut the word instead.
    expect(truncate('ab cdefghijklmnop', 10)).toBe('ab cdefgh…');
    expect(truncate('abcdef ghijklmnop', 10)).toBe('abcdef gh…'); // the space exactly at 60%: too early
    expect(truncate('abcdefg hijklmnop', 10)).toBe('abcdefg…');
    expect(truncate('abcdefghijklmnop', 10)).toBe('abcdefghi…');
    expect(truncate('abcdefgh   ijklmnop', 12)).toBe('abcdefgh…');
  });
});

describe('describeSkipped', () => {
  it('the total and each reason that has rows, nothing when none', () => {
    expect(describeSkipped({ 'empty text': 10, 'duplicate id': 2 })).toBe('12 skipped (10 empty text, 2 duplicate id)');
    expect(describeSkipped({ 'empty text': 0, 'duplicate id': 1200 })).toBe('1,200 skipped (1,200 duplicate id)');
    expect(describeSkipped({ 'empty text': 0 })).toBe('');
    expect(describeSkipped({})).toBe('');
  });
});

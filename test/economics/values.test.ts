import { describe, expect, it } from 'vitest';
import { guessHandleTimeUnit, parseHandleTime, parseRating, readTicketValues } from '../../src/economics/index.js';

describe('parseHandleTime', () => {
  it('reads minutes, seconds, hours, decimal commas, clocks and spelled units', () => {
    expect(parseHandleTime('12', 'minutes')).toBe(12);
    expect(parseHandleTime('7,5', 'minutes')).toBe(7.5);
    expect(parseHandleTime('7.5', 'minutes')).toBe(7.5);
    expect(parseHandleTime('90', 'seconds')).toBe(1.5);
    expect(parseHandleTime('1,5', 'hours')).toBe(90);
    expect(parseHandleTime('0:12:30', 'minutes')).toBe(12.5);
    expect(parseHandleTime('01:02:03', 'seconds')).toBeCloseTo(62.05, 10);
    expect(parseHandleTime('12:30', 'minutes')).toBe(12.5);
    expect(parseHandleTime('1h 20m', 'minutes')).toBe(80);
    expect(parseHandleTime('5 мин', 'seconds')).toBe(5);
    expect(parseHandleTime('90 сек', 'minutes')).toBe(1.5);
    expect(parseHandleTime('1 ч 5 мин', 'minutes')).toBe(65);
  });

  it('tells empty cells (null) from unreadable ones (NaN)', () => {
    expect(parseHandleTime('  ', 'minutes')).toBeNull();
    expect(parseHandleTime('—', 'minutes')).toBeNull();
    for (const bad of ['abc', '12:75', '-3', '1:2:3:4', '5 parsecs', 'h']) {
      expect(parseHandleTime(bad, 'minutes'), bad).toBeNaN();
    }
  });
});

describe('parseRating', () => {
  it('reads 4, 4.0, 4,5 and 4/5', () => {
    expect(parseRating('4')).toBe(4);
    expect(parseRating('3.0')).toBe(3);
    expect(parseRating('4,5')).toBe(4.5);
    expect(parseRating('4/5')).toBe(4);
    expect(parseRating('')).toBeNull();
    expect(parseRating('отлично')).toBeNaN();
  });
});

describe('guessHandleTimeUnit', () => {
  it('takes a header-less column as minutes unless the median is over 3 hours', () => {
    expect(guessHandleTimeUnit(['5', '12', '30'])).toBe('minutes');
    expect(guessHandleTimeUnit(['300', '720', '1800'])).toBe('seconds');
    expect(guessHandleTimeUnit(['', 'x'])).toBe('minutes');
  });
});

describe('readTicketValues', () => {
  const tickets = [
    {
      line: 2,
      createdAt: '2026-11-02T10:00:00.000Z',
      extra: { Created: '02.11.2026 10:00', Min: '10', Who: 'A@x.ru', Since: '2026-10-30', Rate: '5', Via: 'Чат' },
    },
    {
      line: 3,
      createdAt: null,
      extra: { Created: 'вчера', Min: 'долго', Who: 'a@X.ru', Since: 'давно', Rate: '', Via: 'чат' },
    },
    { line: 4, createdAt: null, extra: { Created: '', Min: '', Who: '', Since: '', Rate: 'плохо', Via: '' } },
  ];
  const values = readTicketValues(
    tickets,
    {
      text: ['t'],
      id: null,
      date: 'Created',
      handleTime: 'Min',
      customer: 'Who',
      customerSince: 'Since',
      csat: 'Rate',
      channel: 'Via',
    },
    'minutes',
  );

  it('parses every column into typed arrays, NaN / -1 where a ticket has no value', () => {
    expect(Array.from(values.handleMinutes!)).toEqual([10, NaN, NaN]);
    expect(Array.from(values.customer!)).toEqual([0, 0, -1]); // e-mails compared case-insensitively
    expect(values.customerSinceMs![0]).toBe(Date.UTC(2026, 9, 30));
    expect(Array.from(values.csat!)).toEqual([5, NaN, NaN]);
    expect(Array.from(values.channel!)).toEqual([0, 0, -1]);
    expect(values.channelNames).toEqual(['Чат']);
    expect(values.createdMs![0]).toBe(Date.UTC(2026, 10, 2, 10));
  });

  it('counts parsed, missing and unreadable cells, with the line and value of each unreadable one', () => {
    expect(values.quality.handleTime).toEqual({
      column: 'Min',
      parsed: 1,
      missing: 1,
      invalid: 1,
      invalidExamples: [{ line: 3, value: 'долго' }],
    });
    expect(values.quality.date).toMatchObject({
      parsed: 1,
      missing: 1,
      invalid: 1,
      invalidExamples: [{ line: 3, value: 'вчера' }],
    });
    expect(values.quality.customerSince).toMatchObject({ parsed: 1, missing: 1, invalid: 1 });
    expect(values.quality.csat).toMatchObject({
      parsed: 1,
      missing: 1,
      invalid: 1,
      invalidExamples: [{ line: 4, value: 'плохо' }],
    });
    expect(values.quality.channel).toMatchObject({ parsed: 2, missing: 1, invalid: 0 });
  });
});

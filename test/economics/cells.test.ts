// What a support lead's export cells mean: CSAT ratings and handle times as helpdesks print them, a column of
// seconds told from one of minutes by its median, and the priority formula's factors.
import { describe, expect, it } from 'vitest';
import { guessHandleTimeUnit, parseHandleTime, parseRating, priorityScore } from '../../src/economics/index.js';

describe('CSAT cells', () => {
  it('a dash or an em dash is an empty cell, not an unreadable one', () => {
    for (const empty of ['', '  ', '-', ' — ']) expect(parseRating(empty), JSON.stringify(empty)).toBeNull();
  });

  it('the whole cell must be a rating: "4.5/5", "10 / 10", "4,25" yes; "x4", "4 stars", "4/", "4./5" no', () => {
    expect(parseRating('4.5/5')).toBe(4.5);
    expect(parseRating('10 / 10')).toBe(10);
    expect(parseRating('4,25')).toBe(4.25);
    expect(parseRating('12')).toBe(12);
    for (const bad of ['x4', '4 stars', '4/', '4./5', '4/5 good', 'отлично', '4.'])
      expect(parseRating(bad), bad).toBeNaN();
  });
});

describe('handle-time cells', () => {
  it('clock times: m:ss and h:mm:ss, with seconds and minutes below 60', () => {
    expect(parseHandleTime('7:30', 'minutes')).toBe(7.5);
    expect(parseHandleTime('1:05:30', 'minutes')).toBe(65.5);
    expect(parseHandleTime('0:59:59', 'minutes')).toBeCloseTo(59 + 59 / 60, 10);
    for (const bad of ['7:60', '1:60:00', '1:00:60']) expect(parseHandleTime(bad, 'minutes'), bad).toBeNaN();
    expect(parseHandleTime('1:59:59.5', 'minutes')).toBeCloseTo(119 + 59.5 / 60, 10);
  });

  it('a column without a unit is seconds when its median is over 3 hours of minutes, whatever the row order', () => {
    expect(guessHandleTimeUnit(['900', '5', '1200', '240', '600'])).toBe('seconds'); // median 600
    expect(guessHandleTimeUnit(['5', '900', '12', '1200', '30'])).toBe('minutes'); // median 30
    expect(guessHandleTimeUnit(['181', '100', '200'])).toBe('seconds'); // median 181
    expect(guessHandleTimeUnit(['180', '100', '200'])).toBe('minutes'); // exactly 3 hours is still minutes
  });
});

describe('priority', () => {
  it('is 100 × cost share × (1 + growth, capped at +300%) × (1 + repeat share) × (1 + early-lifecycle share)', () => {
    expect(priorityScore(0.2, null, null, null)).toBeCloseTo(20, 10);
    expect(priorityScore(0.2, 0.5, 0.25, 0.1)).toBeCloseTo(100 * 0.2 * 1.5 * 1.25 * 1.1, 10);
    expect(priorityScore(0.2, 0.5, 0.25, null)).toBeCloseTo(100 * 0.2 * 1.5 * 1.25, 10);
    expect(priorityScore(0.2, null, null, 0.5)).toBeCloseTo(30, 10);
    expect(priorityScore(0.2, 10, null, null)).toBeCloseTo(100 * 0.2 * 4, 10); // growth capped at +300%
    expect(priorityScore(0.2, -0.5, null, null)).toBeCloseTo(20, 10); // shrinking is not a penalty
  });
});

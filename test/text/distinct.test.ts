import { describe, expect, it } from 'vitest';
import { distinctTexts } from '../../src/text/distinct.js';

describe('distinctTexts', () => {
  it('the first row of each text, and those rows in order', () => {
    const { first, rows } = distinctTexts(['a', 'b', 'a', 'c', 'b', 'a']);
    expect(Array.from(first)).toEqual([0, 1, 0, 3, 1, 0]);
    expect(Array.from(rows)).toEqual([0, 1, 3]);
  });
});

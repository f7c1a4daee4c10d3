import { describe, expect, it } from 'vitest';
import { normalizeRows } from '../../src/numerics/vectors.js';

describe('normalizeRows', () => {
  it('gives every row unit length in place and reports the rows that have none', () => {
    const data = Float32Array.from([3, 4, 0, 0, 0, -2, 1e-12, 0]);
    const empty = normalizeRows(data, 4, 2);
    expect(empty).toEqual([1, 3]);
    expect(Array.from(data.subarray(0, 2))).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(Array.from(data.subarray(2, 4))).toEqual([0, 0]);
    expect(Array.from(data.subarray(4, 6))).toEqual([0, -1]);
    // A row too short to have a direction is left alone for the caller.
    expect(data[6]).toBe(Math.fround(1e-12));
  });

  it('with no dimensions every row is empty', () => {
    expect(normalizeRows(new Float32Array(0), 3, 0)).toEqual([0, 1, 2]);
  });
});

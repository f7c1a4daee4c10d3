import { describe, expect, it } from 'vitest';
import {
  orthonormalize,
  orthonormalizeColumns,
  symmetricEigen,
  type DenseMatrixProducts,
} from '../../src/numerics/linear-algebra.js';
import { seededUniform } from '../../src/numerics/random.js';

// Textbook products, entry by entry: the orthonormalizer is checked against them, not against the SVD's kernels.
const plainProducts: DenseMatrixProducts = {
  gram(a, rows, width) {
    const g = new Float64Array(width * width);
    for (let p = 0; p < width; p++)
      for (let q = 0; q < width; q++)
        for (let i = 0; i < rows; i++) g[p * width + q] += a[i * width + p] * a[i * width + q];
    return g;
  },
  timesSmall(a, rows, width, t, cols) {
    const out = new Float32Array(rows * cols);
    for (let i = 0; i < rows; i++)
      for (let c = 0; c < cols; c++)
        for (let p = 0; p < width; p++) out[i * cols + c] += a[i * width + p] * t[p * cols + c];
    return out;
  },
};

describe('symmetricEigen', () => {
  it('decomposes a known symmetric matrix', () => {
    // [[2,1],[1,2]] has eigenvalues 3 and 1 with eigenvectors (1,1)/√2 and (1,-1)/√2.
    const e = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(e.values[0]).toBeCloseTo(3, 12);
    expect(e.values[1]).toBeCloseTo(1, 12);
    expect(Math.abs(e.vectors[0])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(e.vectors[0] * e.vectors[2]).toBeGreaterThan(0);
  });

  it('reconstructs a random symmetric matrix', () => {
    const n = 12;
    const uniform = seededUniform(3);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = uniform() - 0.5;
    const { values, vectors } = symmetricEigen(a, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += vectors[i * n + k] * values[k] * vectors[j * n + k];
        expect(sum).toBeCloseTo(a[i * n + j], 10);
      }
    }
    for (let k = 1; k < n; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1]);
  });
});

describe('orthonormalize (Gram eigenvectors)', () => {
  it('returns orthonormal columns spanning A and drops dependent ones', () => {
    // Row-major 4×3; third column = first + second.
    const a = Float32Array.from([1, 0, 1, 1, 1, 2, 0, 1, 1, 2, 3, 5]);
    const q = orthonormalize(a, 4, 3, plainProducts);
    expect(q.width).toBe(2);
    for (let x = 0; x < 2; x++) {
      for (let y = 0; y < 2; y++) {
        let dot = 0;
        for (let i = 0; i < 4; i++) dot += q.matrix[i * 2 + x] * q.matrix[i * 2 + y];
        expect(dot).toBeCloseTo(x === y ? 1 : 0, 6);
      }
    }
    // Each column of A lies in the span: its projection onto Q gives it back.
    for (let c = 0; c < 3; c++) {
      const coef = [0, 1].map((x) => [0, 1, 2, 3].reduce((s, i) => s + q.matrix[i * 2 + x] * a[i * 3 + c], 0));
      for (let i = 0; i < 4; i++)
        expect(coef[0] * q.matrix[i * 2] + coef[1] * q.matrix[i * 2 + 1]).toBeCloseTo(a[i * 3 + c], 5);
    }
  });
});

describe('orthonormalizeColumns (Gram–Schmidt)', () => {
  it('makes column-major columns orthonormal, keeps the first direction, zeroes dependent ones', () => {
    const rows = 5;
    const uniform = seededUniform(11);
    const block = new Float64Array(rows * 3);
    for (let r = 0; r < rows * 2; r++) block[r] = uniform() - 0.5;
    for (let r = 0; r < rows; r++) block[2 * rows + r] = 2 * block[r] - block[rows + r];
    const first = block.slice(0, rows);
    orthonormalizeColumns(block, rows, 3);
    const dot = (x: number, y: number) => {
      let s = 0;
      for (let r = 0; r < rows; r++) s += block[x * rows + r] * block[y * rows + r];
      return s;
    };
    expect(dot(0, 0)).toBeCloseTo(1, 12);
    expect(dot(1, 1)).toBeCloseTo(1, 12);
    expect(dot(0, 1)).toBeCloseTo(0, 12);
    expect(Array.from(block.subarray(2 * rows))).toEqual(new Array(rows).fill(0));
    const norm = Math.hypot(...first);
    for (let r = 0; r < rows; r++) expect(block[r]).toBeCloseTo(first[r] / norm, 12);
  });
});

import { describe, expect, it } from 'vitest';
import { seededUniform } from '../../../src/embed/lexical/random.js';
import { multiplyDense, SparseRowsBuilder, transposeRows, type SparseRows } from '../../../src/embed/lexical/sparse.js';

/** A seeded sparse matrix whose rows hold 0 to 9 entries, so the four-at-a-time path and its tail both run. */
function randomSparse(rows: number, cols: number, seed: number): { sparse: SparseRows; dense: Float64Array } {
  const uniform = seededUniform(seed);
  const dense = new Float64Array(rows * cols);
  const builder = new SparseRowsBuilder(rows, 4);
  for (let i = 0; i < rows; i++) {
    const count = i % 10;
    const columns = new Set<number>();
    while (columns.size < Math.min(count, cols)) columns.add(Math.floor(uniform() * cols));
    const indices = Int32Array.from(columns);
    const values = Float32Array.from(indices, () => uniform() - 0.5);
    indices.forEach((j, p) => (dense[i * cols + j] = values[p]));
    builder.append(indices, values, indices.length);
  }
  return { sparse: builder.finish(cols), dense };
}

function denseProduct(a: Float64Array, rows: number, inner: number, m: Float64Array, width: number): Float64Array {
  const out = new Float64Array(rows * width);
  for (let i = 0; i < rows; i++) {
    for (let p = 0; p < inner; p++) for (let c = 0; c < width; c++) out[i * width + c] += a[i * inner + p] * m[p * width + c];
  }
  return out;
}

describe('sparse products', () => {
  const rows = 23;
  const cols = 17;
  const width = 5;
  const { sparse, dense } = randomSparse(rows, cols, 3);
  const uniform = seededUniform(8);

  it('X·M equals the dense product', () => {
    const m = Float64Array.from({ length: cols * width }, () => uniform() - 0.5);
    const expected = denseProduct(dense, rows, cols, m, width);
    const got = multiplyDense(sparse, m, width);
    expected.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 10));
  });

  it('transposeRows gives Xᵀ, so Xᵀ·M equals the dense product', () => {
    const xt = transposeRows(sparse);
    expect(xt.rows).toBe(cols);
    expect(xt.cols).toBe(rows);
    const transposed = new Float64Array(cols * rows);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) transposed[j * rows + i] = dense[i * cols + j];
    const m = Float64Array.from({ length: rows * width }, () => uniform() - 0.5);
    const expected = denseProduct(transposed, cols, rows, m, width);
    const got = multiplyDense(xt, m, width);
    expected.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 10));
  });
});

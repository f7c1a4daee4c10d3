import { describe, expect, it } from 'vitest';
import { seededUniform } from '../../../src/numerics/random.js';
import { projectClaimedRows } from '../../../src/embed/lexical/projection.js';
import { SparseRowsBuilder, transposeRows, type SparseRows } from '../../../src/embed/lexical/sparse.js';
import { fillSigns } from '../../../src/embed/lexical/svd.js';
import { PARALLEL_SVD_MIN_ROWS, SvdProducts, svdThreads } from '../../../src/embed/lexical/svd-threads.js';
import { claimBlocks } from '../../../src/numerics/threads.js';
import { gramRows } from '../../../src/embed/lexical/svd-kernels.js';

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
    for (let p = 0; p < inner; p++)
      for (let c = 0; c < width; c++) out[i * width + c] += a[i * inner + p] * m[p * width + c];
  }
  return out;
}

describe('sparse products, on one thread and on two', () => {
  const rows = 23;
  const cols = 17;
  const width = 5;
  const { sparse, dense } = randomSparse(rows, cols, 3);
  const xt = transposeRows(sparse);
  const uniform = seededUniform(8);

  it('transposeRows gives Xᵀ', () => {
    expect(xt.rows).toBe(cols);
    expect(xt.cols).toBe(rows);
    const back = new Float64Array(rows * cols);
    for (let j = 0; j < cols; j++)
      for (let p = xt.indptr[j]; p < xt.indptr[j + 1]; p++) back[xt.indices[p] * cols + j] = xt.values[p];
    expect(Array.from(back)).toEqual(Array.from(dense));
  });

  it.each([1, 2])('X·M and Xᵀ·M equal the dense products (%i threads)', (threads) => {
    const transposed = new Float64Array(cols * rows);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) transposed[j * rows + i] = dense[i * cols + j];
    const m = Float32Array.from({ length: cols * width }, () => uniform() - 0.5);
    const mt = Float32Array.from({ length: rows * width }, () => uniform() - 0.5);
    const products = new SvdProducts(sparse, xt, threads);
    try {
      // Float32 results of float64 sums: within float32's rounding of the exact product.
      const got = products.times('x', m, width);
      denseProduct(dense, rows, cols, Float64Array.from(m), width).forEach((v, i) => expect(got[i]).toBeCloseTo(v, 6));
      const gotT = products.times('xt', mt, width);
      denseProduct(transposed, cols, rows, Float64Array.from(mt), width).forEach((v, i) =>
        expect(gotT[i]).toBeCloseTo(v, 6),
      );
    } finally {
      products.close();
    }
  });

  it('projectClaimedRows adds each row times the float32 projection at its place in the output, and nowhere else', () => {
    const projection = Float32Array.from({ length: cols * width }, () => uniform() - 0.5);
    const first = 4;
    const stride = width + 2;
    const out = new Float32Array((first + rows + 3) * stride).fill(0);
    out[0] = 7; // a row outside the projected ones keeps its value
    const next = new Int32Array(new SharedArrayBuffer(4));
    const rowAt = Int32Array.from({ length: rows }, (_, r) => first + r);
    projectClaimedRows(sparse.indptr, sparse.indices, sparse.values, rows, projection, width, out, stride, rowAt, next);
    const expected = denseProduct(dense, rows, cols, Float64Array.from(projection), width);
    for (let i = 0; i < rows; i++) {
      for (let c = 0; c < width; c++) expect(out[(first + i) * stride + c]).toBeCloseTo(expected[i * width + c], 5);
      expect(Array.from(out.subarray((first + i) * stride + width, (first + i + 1) * stride))).toEqual([0, 0]);
    }
    expect(out[0]).toBe(7);
    expect(Array.from(out.subarray((first + rows) * stride))).toEqual(new Array(3 * stride).fill(0));
    // Every row was claimed: the counter went past the row count.
    expect(next[0]).toBeGreaterThanOrEqual(rows);
  });

  it('two threads give the one-thread products bit for bit', () => {
    // Several blocks of rows to claim, and AᵀA 37 wide: three blocks of its rows, the last one odd.
    const { sparse: big } = randomSparse(301, 57, 5);
    const bigT = transposeRows(big);
    const m = Float32Array.from({ length: 57 * 7 }, () => uniform() - 0.5);
    const a = Float32Array.from({ length: 301 * 7 }, () => uniform() - 0.5);
    const wide = Float32Array.from({ length: 301 * 37 }, () => uniform() - 0.5);
    const t = Float64Array.from({ length: 7 * 3 }, () => uniform() - 0.5);
    const run = (threads: number) => {
      const products = new SvdProducts(big, bigT, threads);
      try {
        return [
          products.times('x', m, 7),
          products.times('xt', a, 7),
          products.gram(a, 301, 7),
          products.gram(wide, 301, 37),
          products.timesSmall(a, 301, 7, t, 3),
        ].map((r) => Array.from(r));
      } finally {
        products.close();
      }
    };
    expect(run(2)).toEqual(run(1));
  });
});

describe('work claimed in blocks', () => {
  it('claimBlocks hands out every block once, the last one short', () => {
    const next = new Int32Array(new SharedArrayBuffer(4));
    const seen: number[][] = [];
    claimBlocks(next, 70, 16, (i0, i1) => seen.push([i0, i1]));
    expect(seen).toEqual([
      [0, 16],
      [16, 32],
      [32, 48],
      [48, 64],
      [64, 70],
    ]);
  });

  it('AᵀA summed by blocks of its rows gives the same bits as summed whole', () => {
    const width = 37;
    const uniform = seededUniform(21);
    const a = Float32Array.from({ length: 103 * width }, () => uniform() - 0.5);
    const whole = new Float64Array(width * width);
    gramRows(a, width, whole, 6, 103);
    const blocks = new Float64Array(width * width);
    for (const [p0, p1] of [
      [16, 32],
      [0, 16],
      [32, 37],
    ])
      gramRows(a, width, blocks, 6, 103, p0, p1);
    expect(Array.from(blocks)).toEqual(Array.from(whole));
  });
});

describe('products into a reused block', () => {
  it.each([1, 2])(
    'overwrite a dead block of the same shape: the fresh product, in that memory (%i threads)',
    (threads) => {
      const { sparse: x } = randomSparse(301, 57, 12);
      const products = new SvdProducts(x, transposeRows(x), threads);
      try {
        const m = Float32Array.from({ length: 57 * 6 }, (_, i) => Math.sin(i));
        const fresh = products.times('x', m, 6);
        const dead = products.zeros(301 * 7).fill(123);
        const reused = products.times('x', m, 6, dead);
        expect(reused.buffer).toBe(dead.buffer);
        expect(Array.from(reused)).toEqual(Array.from(fresh));
      } finally {
        products.close();
      }
    },
  );
});

describe('the ±1 test matrix in int8', () => {
  it.each([1, 2])('X·S gives the float32 product with S stored as ±1.0, bit for bit (%i threads)', (threads) => {
    const { sparse: x } = randomSparse(301, 57, 9);
    const products = new SvdProducts(x, transposeRows(x), threads);
    try {
      const signs = products.signs(57 * 6);
      fillSigns(signs, 4);
      expect(new Set(signs)).toEqual(new Set([1, -1]));
      const asFloats = Float32Array.from(signs);
      expect(Array.from(products.timesSigns(signs, 6))).toEqual(Array.from(products.times('x', asFloats, 6)));
    } finally {
      products.close();
    }
  });
});

describe('SparseRowsBuilder', () => {
  it('keeps the rows through reserve() and growth, and hands over a well-filled buffer without a copy', () => {
    const builder = new SparseRowsBuilder(1, 2);
    builder.append(Int32Array.of(1, 4), Float32Array.of(0.5, 0.25), 2);
    builder.reserve(7);
    builder.append(Int32Array.of(0, 2, 3), Float32Array.of(1, 2, 3), 3);
    builder.append(Int32Array.of(9, 9, 9), Float32Array.of(7, 8, 9), 2); // only the first two entries
    const rows = builder.finish(10);
    expect(rows.rows).toBe(3);
    expect(Array.from(rows.indptr)).toEqual([0, 2, 5, 7]);
    expect(Array.from(rows.indices)).toEqual([1, 4, 0, 2, 3, 9, 9]);
    expect(Array.from(rows.values)).toEqual([0.5, 0.25, 1, 2, 3, 7, 8]);
    expect(rows.indices.buffer.byteLength).toBe(7 * 4); // exactly reserved: no copy
    builder.append(Int32Array.of(5), Float32Array.of(1), 1); // grows by doubling: 14 for 8 entries
    expect(builder.finish(10).indices.buffer.byteLength).toBe(8 * 4); // much room unused: copied to fit
  });
});

describe('rows in shared memory', () => {
  it('builds and transposes rows in shared memory when asked, with the same values as in ordinary memory', () => {
    const build = (shared: boolean) => {
      const builder = new SparseRowsBuilder(1, 2, shared);
      builder.append(Int32Array.of(1, 4), Float32Array.of(0.5, 0.25), 2);
      builder.append(Int32Array.of(0, 2, 3), Float32Array.of(1, 2, 3), 3); // grows past the reserved room
      builder.append(Int32Array.of(2), Float32Array.of(4), 1);
      return builder.finish(5);
    };
    const plain = build(false);
    const shared = build(true);
    const xt = transposeRows(shared, true);
    for (const rows of [shared, xt]) {
      for (const a of [rows.indptr, rows.indices, rows.values]) expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
    for (const a of [plain.indptr, plain.indices, transposeRows(plain).values])
      expect(a.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(shared.indptr)).toEqual(Array.from(plain.indptr));
    expect(Array.from(shared.indices)).toEqual(Array.from(plain.indices));
    expect(Array.from(shared.values)).toEqual(Array.from(plain.values));
    expect(Array.from(xt.indptr)).toEqual(Array.from(transposeRows(plain).indptr));
    expect(Array.from(xt.values)).toEqual(Array.from(transposeRows(plain).values));
  });
});

describe('float32 blocks, float64 sums', () => {
  it('sums a long row in float64 and rounds once: small entries after a large one still count', () => {
    // One entry of 10,000 then 999 of 0.0001: summed in float32 the small ones vanish (its step at
    // 10,000 is 0.001); in float64 they add 0.0999.
    const builder = new SparseRowsBuilder(1, 1000);
    builder.append(
      Int32Array.from({ length: 1000 }, (_, j) => j),
      Float32Array.from({ length: 1000 }, (_, j) => (j === 0 ? 10_000 : 0.0001)),
      1000,
    );
    const x = builder.finish(1000);
    const products = new SvdProducts(x, transposeRows(x), 1);
    const ones = new Float32Array(1000).fill(1);
    expect(products.times('x', ones, 1)[0]).toBeCloseTo(10_000.0999, 2);
    products.close();
  });
});

describe('svdThreads', () => {
  it('takes a second thread only for a large fit and when TICKETS_THREADS allows it', () => {
    const saved = process.env.TICKETS_THREADS;
    try {
      process.env.TICKETS_THREADS = '2';
      expect(svdThreads(PARALLEL_SVD_MIN_ROWS)).toBe(2);
      expect(svdThreads(PARALLEL_SVD_MIN_ROWS - 1)).toBe(1);
      process.env.TICKETS_THREADS = '1';
      expect(svdThreads(100_000)).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.TICKETS_THREADS;
      else process.env.TICKETS_THREADS = saved;
    }
  });
});

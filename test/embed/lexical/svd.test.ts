import { describe, expect, it } from 'vitest';
import { SparseRowsBuilder } from '../../../src/embed/lexical/sparse.js';
import { randomizedSvd } from '../../../src/embed/lexical/svd.js';
import { DenseProducts } from '../../../src/embed/lexical/svd-threads.js';
import { seededUniform } from '../../../src/numerics/random.js';

// The one-thread products.
const oneThread = new DenseProducts(null);

/** Dense rows×cols matrix Σ σ_k u_k v_kᵀ with orthonormal u_k (rows) and v_k (cols) built by Gram–Schmidt. */
function lowRank(rows: number, cols: number, sigmas: number[], seed: number): Float64Array {
  const uniform = seededUniform(seed);
  const basis = (length: number): Float64Array[] => {
    const out: Float64Array[] = [];
    while (out.length < sigmas.length) {
      const v = Float64Array.from({ length }, () => uniform() - 0.5);
      for (const b of out) {
        let dot = 0;
        for (let i = 0; i < length; i++) dot += v[i] * b[i];
        for (let i = 0; i < length; i++) v[i] -= dot * b[i];
      }
      const norm = Math.hypot(...v);
      out.push(v.map((x) => x / norm));
    }
    return out;
  };
  const u = basis(rows);
  const v = basis(cols);
  const m = new Float64Array(rows * cols);
  sigmas.forEach((s, k) => {
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m[i * cols + j] += s * u[k][i] * v[k][j];
  });
  return m;
}

function toSparse(m: Float64Array, rows: number, cols: number) {
  const builder = new SparseRowsBuilder(rows, rows * cols);
  for (let i = 0; i < rows; i++) {
    builder.append(
      Int32Array.from({ length: cols }, (_, j) => j),
      Float32Array.from(m.subarray(i * cols, (i + 1) * cols)),
      cols,
    );
  }
  return builder.finish(cols);
}

describe('randomizedSvd', () => {
  it('recovers the singular values of a constructed low-rank matrix', async () => {
    const sigmas = [10, 6, 3, 1.5, 0.5];
    const x = toSparse(lowRank(40, 30, sigmas, 11), 40, 30);
    const svd = await randomizedSvd(x, 5, { seed: 1 });
    expect(svd.rank).toBe(5);
    sigmas.forEach((s, k) => expect(svd.singularValues[k]).toBeCloseTo(s, 4));
  });

  it('finds no more components than the rank, and unit right singular vectors', async () => {
    const x = toSparse(lowRank(25, 20, [4, 2], 5), 25, 20);
    const svd = await randomizedSvd(x, 10, { seed: 9 });
    expect(svd.rank).toBe(2);
    for (let c = 0; c < svd.rank; c++) {
      let norm = 0;
      for (let j = 0; j < 20; j++) norm += svd.right[j * svd.rank + c] ** 2;
      expect(norm).toBeCloseTo(1, 5);
    }
  });

  it('returns left vectors consistent with the right ones (U·Σ = X·V)', async () => {
    const dense = lowRank(20, 15, [5, 3, 1], 8);
    const x = toSparse(dense, 20, 15);
    const right = await randomizedSvd(x, 3, { seed: 2 });
    const left = await randomizedSvd(x, 3, { seed: 2, vectors: 'left' });
    for (let i = 0; i < 20; i++) {
      for (let c = 0; c < 3; c++) {
        let xv = 0;
        for (let j = 0; j < 15; j++) xv += dense[i * 15 + j] * right.right[j * 3 + c];
        expect(left.left[i * 3 + c] * left.singularValues[c]).toBeCloseTo(xv, 4);
      }
    }
  });

  it('gives the same factors bit for bit on one thread and on two', async () => {
    const x = toSparse(lowRank(120, 40, [9, 7, 5, 3, 2, 1, 0.5], 6), 120, 40);
    for (const vectors of ['left', 'right'] as const) {
      const one = await randomizedSvd(x, 5, { seed: 3, powerIterations: 3, vectors, threads: 1 });
      const two = await randomizedSvd(x, 5, { seed: 3, powerIterations: 3, vectors, threads: 2 });
      expect(Array.from(two.singularValues)).toEqual(Array.from(one.singularValues));
      expect(Array.from(two.left)).toEqual(Array.from(one.left));
      expect(Array.from(two.right)).toEqual(Array.from(one.right));
    }
  });

  it('reports its passes over X in order up to 1, yielding to the event loop between them', async () => {
    const x = toSparse(lowRank(30, 20, [5, 3, 1], 4), 30, 20);
    const shares: number[] = [];
    // Each report queues a callback for the event loop's next turn; if the SVD yields between passes,
    // every earlier callback has run by the time of the next report.
    let ran = 0;
    const ranAtReport: number[] = [];
    await randomizedSvd(x, 2, {
      seed: 1,
      powerIterations: 2,
      onProgress: (share) => {
        shares.push(share);
        ranAtReport.push(ran);
        setImmediate(() => ran++);
      },
    });
    expect(shares).toEqual([1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6, 1]);
    expect(ranAtReport).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('recovers a planted subspace to float32 accuracy from its float32 blocks', async () => {
    // Rank 8, singular values over a decade and more (TF-IDF's top 256 span about six times): one power
    // iteration on float32 blocks finds them within 1e-4 and U·Σ·Vᵀ rebuilds X (entries about 0.1) within 1e-4.
    const sigmas = [30, 20, 14, 10, 7, 5, 3, 2];
    const rows = 200;
    const cols = 150;
    const dense = lowRank(rows, cols, sigmas, 13);
    const x = toSparse(dense, rows, cols);
    const left = await randomizedSvd(x, 8, { seed: 5, vectors: 'left' });
    const right = await randomizedSvd(x, 8, { seed: 5 });
    sigmas.forEach((s, k) => expect(Math.abs(left.singularValues[k] / s - 1)).toBeLessThan(1e-4));
    let worst = 0;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        let sum = 0;
        for (let c = 0; c < 8; c++) sum += left.left[i * 8 + c] * left.singularValues[c] * right.right[j * 8 + c];
        worst = Math.max(worst, Math.abs(sum - dense[i * cols + j]));
      }
    }
    expect(worst).toBeLessThan(1e-4);
  });

  it('is deterministic for a seed', async () => {
    const x = toSparse(lowRank(30, 30, [5, 4, 3, 2, 1, 0.5, 0.25], 2), 30, 30);
    const a = await randomizedSvd(x, 3, { seed: 4, powerIterations: 0, oversample: 1 });
    const b = await randomizedSvd(x, 3, { seed: 4, powerIterations: 0, oversample: 1 });
    expect(Array.from(a.right)).toEqual(Array.from(b.right));
  });
});

describe('dense kernels', () => {
  // Odd sizes so every blocked loop runs its remainder too.
  const uniform = seededUniform(21);
  const m = 11;
  const width = 7;
  const out = 6;
  const a = Float32Array.from({ length: m * width }, () => uniform() - 0.5);

  it('DenseProducts.gram equals AᵀA computed entry by entry', () => {
    const g = oneThread.gram(a, m, width);
    for (let p = 0; p < width; p++) {
      for (let c = 0; c < width; c++) {
        let sum = 0;
        for (let i = 0; i < m; i++) sum += a[i * width + p] * a[i * width + c];
        expect(g[p * width + c]).toBeCloseTo(sum, 12);
      }
    }
  });

  it('DenseProducts.timesSmall equals A·T computed entry by entry', () => {
    const t = Float64Array.from({ length: width * out }, () => uniform() - 0.5);
    const product = oneThread.timesSmall(a, m, width, t, out);
    for (let i = 0; i < m; i++) {
      for (let c = 0; c < out; c++) {
        let sum = 0;
        for (let p = 0; p < width; p++) sum += a[i * width + p] * t[p * out + c];
        // Summed in float64, stored in float32.
        expect(product[i * out + c]).toBeCloseTo(sum, 6);
      }
    }
  });
});

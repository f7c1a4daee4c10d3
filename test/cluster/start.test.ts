import { describe, expect, it } from 'vitest';
import { exactKnn } from '../../src/cluster/knn.js';
import { fuzzyGraph } from '../../src/cluster/layout.js';
import { seededRandom } from '../../src/numerics/random.js';
import { covarianceBlocks, graphStart, principalScores, type EdgeList } from '../../src/cluster/start.js';
import { orthonormalizeColumns } from '../../src/numerics/linear-algebra.js';
import { topicMixture } from './mixtures.js';

describe('deterministic layout start', () => {
  it('cuts the covariance into blocks of rows with about equal shares of its upper triangle', () => {
    const dims = 257;
    const bounds = covarianceBlocks(dims, 8);
    expect(bounds[0]).toBe(0);
    expect(bounds[8]).toBe(dims);
    const entries = (a0: number, a1: number) => ((dims - a0 + dims - a1 + 1) * (a1 - a0)) / 2;
    for (let k = 0; k < 8; k++) {
      expect(bounds[k + 1]).toBeGreaterThan(bounds[k]);
      // Each block within a row's worth of an eighth of the 33,153 entries.
      expect(Math.abs(entries(bounds[k], bounds[k + 1]) - (dims * (dims + 1)) / 16)).toBeLessThan(dims);
    }
  });

  it('gives the same principal scores bit for bit with the covariance split between two threads', () => {
    // 41 dimensions: eight blocks of covariance rows, claimed by either thread.
    const random = seededRandom(9);
    const n = 403;
    const dims = 41;
    const data = Float32Array.from({ length: n * dims }, () => random() - 0.5);
    const vectors = { rows: n, dims, data };
    const one = principalScores(vectors, 5, 1);
    const two = principalScores(vectors, 5, 2);
    expect(Array.from(two)).toEqual(Array.from(one));
  });

  it('finds the dominant principal direction of the tickets', () => {
    // Points along direction (3,4,0)/5 with small noise in every dimension.
    const random = seededRandom(4);
    const n = 300;
    const data = new Float32Array(n * 3);
    const along = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      along[i] = random() * 2 - 1;
      data[i * 3] = 0.6 * along[i] + 0.01 * (random() - 0.5);
      data[i * 3 + 1] = 0.8 * along[i] + 0.01 * (random() - 0.5);
      data[i * 3 + 2] = 0.01 * (random() - 0.5);
    }
    const scores = principalScores({ rows: n, dims: 3, data }, 1);
    let dot = 0;
    let a2 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      dot += scores[i] * along[i];
      a2 += along[i] ** 2;
      s2 += scores[i] ** 2;
    }
    expect(Math.abs(dot) / Math.sqrt(a2 * s2)).toBeGreaterThan(0.99);
  });

  it('is identical on every call (no seed) and separates graph clusters', () => {
    const m = topicMixture(3, 60, 24, 0.6, 0, 5);
    const fuzzy = fuzzyGraph(exactKnn(m.vectors, 10), m.vectors.rows);
    const a = graphStart(m.vectors, fuzzy, 2, 50);
    expect(graphStart(m.vectors, fuzzy, 2, 50)).toEqual(a);
    // Each topic's start points sit closer to their own mean than to the other topics' means.
    const mean = Array.from({ length: 3 }, (_, t) =>
      [0, 1].map((c) => {
        let s = 0;
        for (let i = t * 60; i < (t + 1) * 60; i++) s += a[i * 2 + c];
        return s / 60;
      }),
    );
    let right = 0;
    for (let i = 0; i < 180; i++) {
      const d = mean.map((c) => (a[i * 2] - c[0]) ** 2 + (a[i * 2 + 1] - c[1]) ** 2);
      if (d.indexOf(Math.min(...d)) === Math.floor(i / 60)) right++;
    }
    expect(right / 180).toBeGreaterThan(0.95);
  });
});

/** The smoothing as first written: one pass over the edges per column (the reference for the row-major one). */
function columnByColumnStart(
  vectors: Parameters<typeof principalScores>[0],
  graph: EdgeList,
  dims: number,
  iterations: number,
) {
  const n = vectors.rows;
  let block: Float64Array = principalScores(vectors, dims);
  const degree = new Float64Array(n);
  const m = graph.weight.length;
  for (let e = 0; e < m; e++) {
    degree[graph.head[e]] += graph.weight[e];
    degree[graph.tail[e]] += graph.weight[e];
  }
  const invSqrt = degree.map((d) => (d > 0 ? 1 / Math.sqrt(d) : 0));
  const total = Math.sqrt(degree.reduce((a, b) => a + b, 0));
  const trivial = degree.map((d) => (total > 0 ? Math.sqrt(d) / total : 0));
  orthonormalizeColumns(block, n, dims);
  let next: Float64Array = new Float64Array(n * dims);
  const w = Float64Array.from(
    { length: m },
    (_, e) => 0.5 * graph.weight[e] * invSqrt[graph.head[e]] * invSqrt[graph.tail[e]],
  );
  for (let iter = 0; iter < iterations; iter++) {
    for (let c = 0; c < dims; c++) {
      const base = c * n;
      for (let i = 0; i < n; i++) next[base + i] = 0.5 * block[base + i];
      for (let e = 0; e < m; e++) {
        next[base + graph.head[e]] += w[e] * block[base + graph.tail[e]];
        next[base + graph.tail[e]] += w[e] * block[base + graph.head[e]];
      }
      let dot = 0;
      for (let i = 0; i < n; i++) dot += next[base + i] * trivial[i];
      for (let i = 0; i < n; i++) next[base + i] -= dot * trivial[i];
    }
    orthonormalizeColumns(next, n, dims);
    [block, next] = [next, block];
  }
  return block;
}

describe('layout start smoothing', () => {
  it('the row-major edge pass gives the column-by-column smoothing bit for bit (five and other dimensions)', () => {
    const m = topicMixture(5, 50, 20, 0.9, 10, 8);
    const fuzzy = fuzzyGraph(exactKnn(m.vectors, 12), m.vectors.rows);
    const n = m.vectors.rows;
    for (const dims of [5, 3]) {
      const block = columnByColumnStart(m.vectors, fuzzy, dims, 30);
      const start = graphStart(m.vectors, fuzzy, dims, 30);
      // graphStart then fixes signs and scales each column to ±10: the same map applied to the reference.
      for (let c = 0; c < dims; c++) {
        let best = 0;
        let max = 0;
        for (let i = 0; i < n; i++) {
          const v = block[c * n + i];
          if (Math.abs(v) > Math.abs(best)) best = v;
          max = Math.max(max, Math.abs(v));
        }
        for (let i = 0; i < n; i++) {
          const v = best < 0 ? -block[c * n + i] : block[c * n + i];
          expect(start[i * dims + c]).toBe(Math.fround((10 * v) / max));
        }
      }
    }
  });
});

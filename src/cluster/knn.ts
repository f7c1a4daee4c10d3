// k-nearest-neighbour graphs over L2-normalized ticket vectors.
// Exact: blocked brute force (each pair once, O(n²·d) time, O(n·k) memory) for small sets.
// Approximate (nn-descent.ts): random-projection forest, then NN-descent on int8 rows on both cores, re-ranked
// on the floats; O(n·log n) projections + O(n·c²) keys per round for 3–5 rounds, O(n·(k + c)) memory.
// Low-dimensional layouts (euclidean, few dims): exact with a k-d tree (kdtree.ts).
import type { EmbeddingMatrix } from '../types.js';
import { KD_TREE_MAX_DIMS, kdTreeKnn } from './kdtree.js';
import { rowDot4, rowKey, type Metric } from './knn-kernels.js';
import { NeighbourHeaps, type KnnGraph } from './neighbour-heaps.js';
import { approximateKnn } from './nn-descent.js';

export { keyToDistance, rowKey, type Metric } from './knn-kernels.js';
export type { KnnGraph } from './neighbour-heaps.js';
export { approximateKnn } from './nn-descent.js';

/** Exact kNN by blocked brute force; each pair's dot product is computed once. */
export function exactKnn(vectors: EmbeddingMatrix, k: number, metric: Metric = 'cosine'): KnnGraph {
  const { rows: n, dims, data } = vectors;
  const kk = Math.min(k, Math.max(1, n - 1));
  const heaps = new NeighbourHeaps(n, kk);
  // Blocks keep a strip of rows in cache while it meets every later strip.
  const block = 64;
  const dots = new Float64Array(4);
  for (let i0 = 0; i0 < n; i0 += block) {
    const i1 = Math.min(n, i0 + block);
    for (let j0 = i0; j0 < n; j0 += block) {
      const j1 = Math.min(n, j0 + block);
      for (let i = i0; i < i1; i++) {
        const ai = i * dims;
        let j = j0 === i0 ? i + 1 : j0;
        if (metric === 'cosine') {
          for (; j + 3 < j1; j += 4) {
            rowDot4(data, ai, j * dims, (j + 1) * dims, (j + 2) * dims, (j + 3) * dims, dims, dots);
            for (let q = 0; q < 4; q++) {
              const d = 1 - dots[q];
              heaps.push(i, j + q, d);
              heaps.push(j + q, i, d);
            }
          }
        }
        for (; j < j1; j++) {
          const d = rowKey(data, ai, j * dims, dims, metric);
          heaps.push(i, j, d);
          heaps.push(j, i, d);
        }
      }
    }
  }
  return heaps.toGraph(metric);
}

/** kNN graph: exact up to `exactLimit` tickets (any count for a low-dimensional layout), approximate above. */
export function nearestNeighbours(
  vectors: EmbeddingMatrix,
  k: number,
  seed: number,
  exactLimit: number,
  metric: Metric = 'cosine',
  onProgress?: (done: number, total: number) => void,
): KnnGraph {
  // A low-dimensional layout: exact and fast with a k-d tree, whatever the ticket count.
  if (metric === 'euclidean' && vectors.dims <= KD_TREE_MAX_DIMS && vectors.rows > 64) return kdTreeKnn(vectors, k);
  if (vectors.rows > exactLimit) return approximateKnn(vectors, k, { seed, metric, onProgress });
  const graph = exactKnn(vectors, k, metric);
  onProgress?.(1, 1);
  return graph;
}

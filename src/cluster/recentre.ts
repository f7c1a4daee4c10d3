// Recentring: the layout finds the topics; which topic a clustered ticket joins is then settled on the
// original vectors, by spherical k-means in which each ticket may only move to the centre of a cluster
// one of its neighbours is in (cost O(n·k·d) a pass, not O(n·clusters·d)). The layout bends
// boundaries; this straightens them (measured in docs/benchmarks.md). Written here rather than with
// ml-kmeans: see docs/decisions.md.
import type { EmbeddingMatrix } from '../types.js';
import { clusterCentroids, cosineToCentroid } from './centroids.js';
import type { KnnGraph } from './knn.js';

/**
 * Up to `passes` passes; noise stays noise. Moves are decided from the pass's centres and applied
 * together, so ticket order does not matter. Returns the new labels.
 */
export function recentreMembers(
  vectors: EmbeddingMatrix,
  graph: KnnGraph,
  labels: Int32Array,
  count: number,
  passes: number,
): Int32Array {
  const n = vectors.rows;
  const k = graph.k;
  const current = labels.slice();
  const seen = new Int32Array(count).fill(-1);
  const target = new Int32Array(n);
  for (let pass = 0; pass < passes && count > 1; pass++) {
    const centroids = clusterCentroids(vectors, current, count);
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const own = current[i];
      target[i] = own;
      if (own < 0) continue;
      seen[own] = i;
      let best = own;
      let bestCos = cosineToCentroid(vectors, i, centroids, own);
      for (let s = 0; s < k; s++) {
        const j = graph.indices[i * k + s];
        const c = j < 0 ? -1 : current[j];
        if (c < 0 || seen[c] === i) continue;
        seen[c] = i;
        const cos = cosineToCentroid(vectors, i, centroids, c);
        if (cos > bestCos) {
          bestCos = cos;
          best = c;
        }
      }
      if (best !== own) {
        target[i] = best;
        moved++;
      }
    }
    if (moved === 0) break;
    current.set(target);
  }
  return current;
}

// Merging: HDBSCAN can split one topic into clusters whose centres point the same way (a dense core
// and its fringe, or a topic the layout drew in two pieces). Those are one topic to a reader.
// Cost: O(n·d) for the centres, O(clusters²·d) for the pairs (clusters ≪ n).
import { DisjointSets } from '../numerics/disjoint-sets.js';
import type { EmbeddingMatrix } from '../types.js';
import { clusterCentroids } from './centroids.js';
import { rowDot } from './knn-kernels.js';

/**
 * Merges clusters whose centres have cosine ≥ threshold (transitively), then numbers the clusters
 * 0.. by size. Returns the new labels and cluster count.
 */
export function mergeNearDuplicates(
  vectors: EmbeddingMatrix,
  labels: Int32Array,
  count: number,
  threshold: number,
): { labels: Int32Array; count: number } {
  const out = labels.slice();
  if (count < 2) return { labels: out, count: renumberBySize(out) };
  const { dims } = vectors;
  const centroids = clusterCentroids(vectors, labels, count);
  const sets = new DisjointSets(count);
  for (let a = 0; a < count; a++) {
    for (let b = a + 1; b < count; b++) {
      if (rowDot(centroids, a * dims, b * dims, dims) >= threshold) sets.union(a, b);
    }
  }
  const map = new Int32Array(count);
  for (let c = 0; c < count; c++) map[c] = sets.find(c);
  for (let i = 0; i < out.length; i++) if (out[i] >= 0) out[i] = map[out[i]];
  return { labels: out, count: renumberBySize(out) };
}

/** Renumbers clusters 0.. in place by descending size (ties: first ticket first). Returns the cluster count. */
export function renumberBySize(labels: Int32Array): number {
  const size = new Map<number, number>();
  const first = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (c < 0) continue;
    size.set(c, (size.get(c) ?? 0) + 1);
    if (!first.has(c)) first.set(c, i);
  }
  const order = [...size.keys()].sort((a, b) => size.get(b)! - size.get(a)! || first.get(a)! - first.get(b)!);
  const map = new Map<number, number>();
  order.forEach((c, rank) => map.set(c, rank));
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) labels[i] = map.get(labels[i])!;
  return order.length;
}

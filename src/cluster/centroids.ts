// Cluster centres on the original vectors, and the spread of each cluster's members around its centre:
// what the passes after HDBSCAN (outliers, noise, recentring, merging, topics) and the confidence measure by.
import type { EmbeddingMatrix } from '../types.js';

/** Sum of member vectors per cluster, row-major count × dims (its direction is the cluster's centre). */
export function clusterSums(vectors: EmbeddingMatrix, labels: Int32Array, count: number): Float64Array {
  const { dims, data } = vectors;
  const sums = new Float64Array(count * dims);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (c < 0) continue;
    for (let t = 0; t < dims; t++) sums[c * dims + t] += data[i * dims + t];
  }
  return sums;
}

/** Unit-length mean vector of each cluster (row c), zero rows for empty clusters. */
export function clusterCentroids(vectors: EmbeddingMatrix, labels: Int32Array, count: number): Float32Array {
  const { dims } = vectors;
  const sums = clusterSums(vectors, labels, count);
  const out = new Float32Array(count * dims);
  for (let c = 0; c < count; c++) {
    let norm = 0;
    for (let t = 0; t < dims; t++) norm += sums[c * dims + t] ** 2;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let t = 0; t < dims; t++) out[c * dims + t] = sums[c * dims + t] / norm;
  }
  return out;
}

/** Cosine of ticket i (a unit vector) to the centre of cluster c. */
export function cosineToCentroid(vectors: EmbeddingMatrix, i: number, centroids: Float32Array, c: number): number {
  const { dims, data } = vectors;
  let s = 0;
  for (let t = 0; t < dims; t++) s += data[i * dims + t] * centroids[c * dims + t];
  return s;
}

/** Value at quantile q (0..1) of an ascending list; 1 for an empty one. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))];
}

/**
 * Lowest cosine to the centre a member may have: median − 3·(median − 10th percentile) of the
 * members' own cosines, a robust "far below this cluster's usual spread".
 */
export function membershipFloor(sorted: Float64Array): number {
  const median = quantileSorted(sorted, 0.5);
  return median - 3 * (median - quantileSorted(sorted, 0.1));
}

/** Cluster centres, each member's cosine to its own centre, and those cosines per cluster, ascending. */
export interface MemberSpread {
  centroids: Float32Array;
  cosine: Float64Array;
  sorted: Float64Array[];
}

export function memberSpread(vectors: EmbeddingMatrix, labels: Int32Array, count: number): MemberSpread {
  const centroids = clusterCentroids(vectors, labels, count);
  const cosine = new Float64Array(labels.length);
  const size = new Int32Array(count);
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) size[labels[i]]++;
  const sorted = Array.from(size, (m) => new Float64Array(m));
  const filled = new Int32Array(count);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (c < 0) continue;
    cosine[i] = cosineToCentroid(vectors, i, centroids, c);
    sorted[c][filled[c]++] = cosine[i];
  }
  for (const list of sorted) list.sort();
  return { centroids, cosine, sorted };
}

// Cluster centres on the original vectors, and the spread of each cluster's members around its centre:
// what the passes after HDBSCAN (outliers, noise, recentring, merging, topics) and the confidence measure by.
import type { EmbeddingMatrix } from '../types.js';
import { rowDot4 } from './knn-kernels.js';

/** Scratch for nearestCentroid's four cosines at a time (the process runs one search at a time). */
const dots = new Float64Array(4);

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

/**
 * The centre nearest to ticket i (the first of equals) and its cosine, written to `out` as [centre, cosine]:
 * four centres per pass over the ticket's row, each cosine summed in the same order as cosineToCentroid's
 * (the same values), for the O(noise·clusters·d) search of noise.ts, a few seconds at 300,000 tickets.
 */
export function nearestCentroid(
  vectors: EmbeddingMatrix,
  i: number,
  centroids: Float32Array,
  count: number,
  out: Float64Array,
): void {
  const { dims, data } = vectors;
  const a = i * dims;
  let best = -1;
  let bestCos = -2;
  let c = 0;
  for (; c + 3 < count; c += 4) {
    const b0 = c * dims;
    rowDot4(data, a, b0, b0 + dims, b0 + 2 * dims, b0 + 3 * dims, dims, dots, centroids);
    const s0 = dots[0];
    const s1 = dots[1];
    const s2 = dots[2];
    const s3 = dots[3];
    if (s0 > bestCos) {
      bestCos = s0;
      best = c;
    }
    if (s1 > bestCos) {
      bestCos = s1;
      best = c + 1;
    }
    if (s2 > bestCos) {
      bestCos = s2;
      best = c + 2;
    }
    if (s3 > bestCos) {
      bestCos = s3;
      best = c + 3;
    }
  }
  for (; c < count; c++) {
    const x = cosineToCentroid(vectors, i, centroids, c);
    if (x > bestCos) {
      bestCos = x;
      best = c;
    }
  }
  out[0] = best;
  out[1] = bestCos;
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

// Which tickets best represent a cluster: the ones whose vectors are closest to its centroid.
import type { EmbeddingMatrix } from '../types.js';

/** The unit-length centre of cluster `c`, rounded for the run file (what cross-run matching compares). */
export function unitCentroid(centroids: Float64Array, dims: number, c: number): number[] {
  const at = c * dims;
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += centroids[at + d] * centroids[at + d];
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return Array.from({ length: dims }, (_, d) => Math.round(centroids[at + d] * scale * 1e5) / 1e5);
}

/**
 * Member indices of every cluster, ordered by cosine to the cluster centroid (closest first,
 * ties by index). Noise (label < 0) belongs to no cluster. `sums` are the per-cluster vector sums
 * (clusterSums): the centroid's length does not change the order, so they are used unnormalized.
 */
export function membersByCloseness(
  labels: Int32Array,
  clusterCount: number,
  vectors: EmbeddingMatrix,
  sums: Float64Array,
): Int32Array[] {
  const { dims, data } = vectors;
  const sizes = new Int32Array(clusterCount);
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) sizes[labels[i]]++;
  const closeness = new Float64Array(labels.length);
  const members = Array.from({ length: clusterCount }, (_, c) => new Int32Array(sizes[c]));
  const filled = new Int32Array(clusterCount);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (c < 0) continue;
    const row = i * dims;
    const at = c * dims;
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += data[row + d] * sums[at + d];
    closeness[i] = dot;
    members[c][filled[c]++] = i;
  }
  for (const list of members) list.sort((a, b) => closeness[b] - closeness[a] || a - b);
  return members;
}

/** The first `count` members whose text differs from the ones already picked (duplicates teach nothing). */
export function distinctExamples(memberOrder: ArrayLike<number>, texts: readonly string[], count: number): number[] {
  const picked: number[] = [];
  const seen = new Set<string>();
  for (let k = 0; k < memberOrder.length && picked.length < count; k++) {
    const i = memberOrder[k];
    const key = texts[i].trim().toLowerCase().replace(/\s+/g, ' ');
    if (seen.has(key)) continue;
    seen.add(key);
    picked.push(i);
  }
  return picked;
}

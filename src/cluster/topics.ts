// The two-level hierarchy: clusters grouped under parent topics, so a reader scans a short list of
// themes before the clusters in each.
// Cost: O(n·d) for the centres, O(clusters³) for the agglomeration (clusters ≪ n: tens to hundreds).
import type { EmbeddingMatrix } from '../types.js';
import { clusterCentroids } from './centroids.js';
import { rowDot } from './knn-kernels.js';

/**
 * Parent topics: size-weighted average-linkage agglomeration of cluster centroids, stopped at
 * ⌈√count⌉ parents, so a reader scans a short list of themes. Returns the parent of each cluster (0..).
 */
export function parentTopics(vectors: EmbeddingMatrix, labels: Int32Array, count: number): Int32Array {
  const parentOf = new Int32Array(count);
  for (let c = 0; c < count; c++) parentOf[c] = c;
  if (count < 4) return parentOf;
  const { dims } = vectors;
  const centroids = clusterCentroids(vectors, labels, count);
  // Average linkage on cosine similarity: sim[A∪B, C] = (|A|sim[A,C] + |B|sim[B,C]) / (|A|+|B|).
  const sim = new Float64Array(count * count);
  for (let a = 0; a < count; a++) {
    for (let b = a + 1; b < count; b++) {
      const s = rowDot(centroids, a * dims, b * dims, dims);
      sim[a * count + b] = s;
      sim[b * count + a] = s;
    }
  }
  const size = new Float64Array(count);
  for (const c of labels) if (c >= 0) size[c]++;
  const alive = new Uint8Array(count).fill(1);
  const target = Math.ceil(Math.sqrt(count));
  for (let groups = count; groups > target; groups--) {
    let ba = -1;
    let bb = -1;
    let best = -Infinity;
    for (let a = 0; a < count; a++) {
      if (!alive[a]) continue;
      for (let b = a + 1; b < count; b++) {
        if (alive[b] && sim[a * count + b] > best) {
          best = sim[a * count + b];
          ba = a;
          bb = b;
        }
      }
    }
    for (let c = 0; c < count; c++) {
      if (!alive[c] || c === ba || c === bb) continue;
      const s = (size[ba] * sim[ba * count + c] + size[bb] * sim[bb * count + c]) / (size[ba] + size[bb]);
      sim[ba * count + c] = s;
      sim[c * count + ba] = s;
    }
    size[ba] += size[bb];
    alive[bb] = 0;
    for (let c = 0; c < count; c++) if (parentOf[c] === bb) parentOf[c] = ba;
  }
  // Parents numbered 0.. in order of their first (largest) cluster.
  const remap = new Map<number, number>();
  for (let c = 0; c < count; c++) {
    if (!remap.has(parentOf[c])) remap.set(parentOf[c], remap.size);
    parentOf[c] = remap.get(parentOf[c])!;
  }
  return parentOf;
}

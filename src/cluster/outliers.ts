// Outliers after HDBSCAN. The layout pulls every ticket next to its graph neighbours, so a true
// outlier can land inside a cluster; on the original vectors it is still far from the cluster's centre.
// Cost: O(n·d) plus sorting each cluster's cosines, O(n log n).
import type { EmbeddingMatrix } from '../types.js';
import { memberSpread, membershipFloor } from './centroids.js';

/**
 * The labels with members far below their cluster's own spread (cosine to the centre under the
 * cluster's membershipFloor) put back in noise (−1).
 */
export function dropFarMembers(vectors: EmbeddingMatrix, labels: Int32Array, count: number): Int32Array {
  const out = labels.slice();
  if (count === 0) return out;
  const { cosine, sorted } = memberSpread(vectors, labels, count);
  const floor = sorted.map(membershipFloor);
  for (let i = 0; i < out.length; i++) if (out[i] >= 0 && cosine[i] < floor[out[i]]) out[i] = -1;
  return out;
}

// Noise reassignment: HDBSCAN leaves many tickets that belong to a topic as noise (its density
// threshold is strict at a topic's fringe). Those close enough to a cluster on the original vectors join it.
// Cost: two sweeps of O(n·k) votes plus O(noise·clusters·d) for the nearest centre of each noise ticket.
import type { EmbeddingMatrix } from '../types.js';
import { cosineToCentroid, memberSpread, membershipFloor, nearestCentroid, quantileSorted } from './centroids.js';
import type { KnnGraph } from './knn.js';
import { neighbourVote } from './settle.js';

export interface ReassignOptions {
  /**
   * A noise ticket may join cluster c by closeness when its cosine to c's centre reaches this
   * quantile of c's own members' cosines (it would not be an outlier among them).
   */
  memberQuantile: number;
  /**
   * A noise ticket joins the cluster holding at least this share of its kNN neighbours' similarity
   * (noise neighbours included in the total), whatever its centre cosine.
   */
  majority: number;
}

/**
 * One sweep: noise tickets join a cluster by one of two rules:
 * 1. that cluster holds the largest share of its neighbours (similarity-weighted, at least `majority`)
 *    and the ticket is not below the cluster's membership floor;
 * 2. its cosine to the nearest centre is within that cluster's own spread (memberQuantile).
 * Real outliers (scattered neighbours, far from every centre) stay noise. Decided for every ticket
 * from the labels given, then applied together, so the result does not depend on ticket order.
 */
export function joinNoise(
  vectors: EmbeddingMatrix,
  graph: KnnGraph,
  labels: Int32Array,
  count: number,
  options: ReassignOptions,
): Int32Array {
  const n = vectors.rows;
  const out = labels.slice();
  if (count === 0) return out;
  const { centroids, sorted } = memberSpread(vectors, labels, count);
  const threshold = new Float64Array(count);
  const floor = new Float64Array(count);
  for (let c = 0; c < count; c++) {
    threshold[c] = quantileSorted(sorted[c], options.memberQuantile);
    floor[c] = membershipFloor(sorted[c]);
  }
  const votes = new Float64Array(count);
  const shareOf = new Float64Array(1);
  const nearestOf = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    if (labels[i] >= 0) continue;
    const best = neighbourVote(graph, labels, i, -1, votes, shareOf);
    if (shareOf[0] >= options.majority && cosineToCentroid(vectors, i, centroids, best) >= floor[best]) {
      out[i] = best;
      continue;
    }
    nearestCentroid(vectors, i, centroids, count, nearestOf);
    const nearest = nearestOf[0];
    if (nearest >= 0 && nearestOf[1] >= threshold[nearest]) out[i] = nearest;
  }
  return out;
}

/** Two sweeps of joinNoise: the second lets tickets whose neighbours only just joined follow them. */
export function reassignNoise(
  vectors: EmbeddingMatrix,
  graph: KnnGraph,
  labels: Int32Array,
  count: number,
  options: ReassignOptions,
): Int32Array {
  let current = labels;
  for (let sweep = 0; sweep < 2; sweep++) {
    const next = joinNoise(vectors, graph, current, count, options);
    const joined = next.some((c, i) => c !== current[i]);
    current = next;
    if (!joined) break;
  }
  return current;
}

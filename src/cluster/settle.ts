// Boundary and noise tickets settled by the ORIGINAL kNN graph (one or more synchronous sweeps).
// The layout seed moves tickets near a cluster's edge in or out of it (and in or out of noise);
// a vote among the ticket's nearest neighbours in the original vectors does not depend on it, and
// outliers are told by the graph alone (isolatedTickets), not by HDBSCAN's seed-dependent noise.
// Cost: O(n·k) per sweep.
import type { KnnGraph } from './knn.js';

export interface SettleOptions {
  /** A ticket keeps a cluster only when that cluster holds at least this share of its neighbour similarity. */
  minShare: number;
  /** Most sweeps; stops earlier at a fixed point. */
  maxSweeps: number;
  /**
   * Tickets that stay noise whatever their neighbours vote (see isolatedTickets): a random outlier's
   * neighbours split over many clusters, and one of them can still hold minShare.
   */
  isolated?: Uint8Array;
}

/**
 * Tickets far less similar to their neighbours than those neighbours are to theirs: mean neighbour
 * cosine below `ratio` × the mean of their neighbours' mean neighbour cosines (a local outlier
 * factor on the original kNN graph, so it does not depend on the layout or its seed).
 */
export function isolatedTickets(graph: KnnGraph, n: number, ratio: number): Uint8Array {
  const { k, indices, distances } = graph;
  const closeness = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let m = 0;
    for (let s = 0; s < k; s++) {
      if (indices[i * k + s] < 0) continue;
      sum += neighbourWeight(distances[i * k + s]);
      m++;
    }
    closeness[i] = m > 0 ? sum / m : 0;
  }
  const isolated = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let m = 0;
    for (let s = 0; s < k; s++) {
      const j = indices[i * k + s];
      if (j < 0) continue;
      sum += closeness[j];
      m++;
    }
    if (m === 0 || closeness[i] < ratio * (sum / m)) isolated[i] = 1;
  }
  return isolated;
}

/** A neighbour's weight in a vote: the cosine of two unit vectors at Euclidean distance d, negatives as 0. */
export function neighbourWeight(d: number): number {
  return Math.max(0, 1 - (d * d) / 2);
}

/**
 * The cluster with the largest similarity-weighted vote among ticket i's kNN neighbours (ties go to
 * the lower id; `own`, when ≥ 0, stands until a neighbour's cluster outvotes it), or −1 when no
 * neighbour is clustered. Its share of the total weight goes to share[0]. `votes` (one slot per
 * cluster) must be all zero on entry and is zero again on return.
 */
export function neighbourVote(
  graph: KnnGraph,
  labels: Int32Array,
  i: number,
  own: number,
  votes: Float64Array,
  share: Float64Array,
): number {
  const { k, indices, distances } = graph;
  let total = 0;
  for (let s = 0; s < k; s++) {
    const j = indices[i * k + s];
    if (j < 0) continue;
    const w = neighbourWeight(distances[i * k + s]);
    total += w;
    const c = labels[j];
    if (c >= 0) votes[c] += w;
  }
  let best = own;
  for (let s = 0; s < k; s++) {
    const j = indices[i * k + s];
    const c = j < 0 ? -1 : labels[j];
    if (c < 0) continue;
    if (best < 0 || votes[c] > votes[best] || (votes[c] === votes[best] && c < best)) best = c;
  }
  share[0] = best >= 0 && total > 0 ? votes[best] / total : 0;
  for (let s = 0; s < k; s++) {
    const j = indices[i * k + s];
    if (j >= 0 && labels[j] >= 0) votes[labels[j]] = 0;
  }
  return best;
}

/**
 * Every ticket takes the cluster with the largest similarity-weighted vote among its kNN neighbours,
 * or noise when no cluster reaches minShare of the total.
 * Sweeps are synchronous (all tickets read the previous sweep), so ticket order does not matter;
 * ties go to the lower cluster id. Returns the new labels and the sweeps run.
 */
export function settleLabels(
  graph: KnnGraph,
  labels: Int32Array,
  count: number,
  options: SettleOptions,
): { labels: Int32Array; sweeps: number } {
  const n = labels.length;
  const votes = new Float64Array(count);
  const share = new Float64Array(1);
  let current = labels.slice();
  let next = new Int32Array(n);
  let sweeps = 0;
  for (; sweeps < options.maxSweeps; sweeps++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const best = neighbourVote(graph, current, i, current[i], votes, share);
      next[i] = share[0] >= options.minShare && !options.isolated?.[i] ? best : -1;
      if (next[i] !== current[i]) changed++;
    }
    [current, next] = [next, current];
    if (changed === 0) break;
  }
  return { labels: current, sweeps };
}

/** Boundary settling as the cluster stage runs it: isolated tickets found on the graph, then settleLabels. */
export function settleBoundaries(
  graph: KnnGraph,
  labels: Int32Array,
  count: number,
  options: { minShare: number; maxSweeps: number; isolationRatio: number },
): Int32Array {
  const isolated = isolatedTickets(graph, labels.length, options.isolationRatio);
  return settleLabels(graph, labels, count, { minShare: options.minShare, maxSweeps: options.maxSweeps, isolated })
    .labels;
}

// The k best neighbours found so far for every ticket, and the finished kNN graph they become.
import { keyToDistance, type Metric } from './knn-kernels.js';

/** Neighbours of each ticket, nearest first; distances are Euclidean between unit vectors (√(2−2cos)). */
export interface KnnGraph {
  k: number;
  indices: Int32Array;
  distances: Float32Array;
}

/**
 * Per-ticket bounded max-heaps of the k best candidates, keyed by cosine distance (1 − dot).
 * `fresh` marks neighbours not yet used in an NN-descent join.
 */
export class NeighbourHeaps {
  readonly ids: Int32Array;
  readonly dist: Float32Array;
  readonly fresh: Uint8Array;
  constructor(
    readonly n: number,
    readonly k: number,
  ) {
    this.ids = new Int32Array(n * k).fill(-1);
    this.dist = new Float32Array(n * k).fill(Infinity);
    this.fresh = new Uint8Array(n * k);
  }

  /** Offers j as a neighbour of i; returns 1 when the heap changed. */
  push(i: number, j: number, key: number): number {
    const k = this.k;
    const base = i * k;
    const dist = this.dist;
    // Compared as stored (float32): a double key just below its own rounded value would otherwise pass the
    // root test and swap one of many equally distant duplicates for another, round after round.
    const d = Math.fround(key);
    if (d >= dist[base]) return 0;
    const ids = this.ids;
    for (let s = 0; s < k; s++) if (ids[base + s] === j) return 0;
    // Replace the root (worst) and sift down.
    let pos = 0;
    for (;;) {
      const l = 2 * pos + 1;
      if (l >= k) break;
      const r = l + 1;
      const c = r < k && dist[base + r] > dist[base + l] ? r : l;
      if (dist[base + c] <= d) break;
      dist[base + pos] = dist[base + c];
      ids[base + pos] = ids[base + c];
      this.fresh[base + pos] = this.fresh[base + c];
      pos = c;
    }
    dist[base + pos] = d;
    ids[base + pos] = j;
    this.fresh[base + pos] = 1;
    return 1;
  }

  /** Sorted graph, nearest first, with Euclidean distances between unit vectors. */
  toGraph(metric: Metric): KnnGraph {
    const { n, k } = this;
    const indices = new Int32Array(n * k);
    const distances = new Float32Array(n * k);
    const order = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const base = i * k;
      for (let s = 0; s < k; s++) order[s] = s;
      order.sort((a, b) => this.dist[base + a] - this.dist[base + b] || this.ids[base + a] - this.ids[base + b]);
      for (let s = 0; s < k; s++) {
        const d = this.dist[base + order[s]];
        indices[base + s] = this.ids[base + order[s]];
        distances[base + s] = Number.isFinite(d) ? keyToDistance(d, metric) : Infinity;
      }
    }
    return { k, indices, distances };
  }
}

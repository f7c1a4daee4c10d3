// The k best neighbours found so far for every ticket, and the finished kNN graph they become.
// Memory: n·k·9 bytes (ids, float32 keys, fresh flags); toGraph O(n·k²) worst case, k ≈ 25 (insertion sort).
import { keyToDistance, type Metric } from './knn-kernels.js';
import { heapPush, type HeapArrays } from './nn-descent-kernels.js';

/** Neighbours of each ticket, nearest first; distances are Euclidean between unit vectors (√(2−2cos)). */
export interface KnnGraph {
  k: number;
  indices: Int32Array;
  distances: Float32Array;
}

/**
 * Per-ticket bounded max-heaps of the k best candidates, keyed by cosine distance (1 − dot) or squared
 * distance. `fresh` marks neighbours not yet used in an NN-descent join. In shared memory when asked,
 * so a helper thread updates them in place.
 */
export class NeighbourHeaps implements HeapArrays {
  readonly ids: Int32Array;
  readonly dist: Float32Array;
  readonly fresh: Uint8Array;
  constructor(
    readonly n: number,
    readonly k: number,
    sharedMemory = false,
  ) {
    const buffer = (bytes: number) => (sharedMemory ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    this.ids = new Int32Array(buffer(4 * n * k)).fill(-1);
    this.dist = new Float32Array(buffer(4 * n * k)).fill(Infinity);
    this.fresh = new Uint8Array(buffer(n * k));
  }

  /** Offers j as a neighbour of i; returns 1 when the heap changed (nn-descent-kernels.ts: heapPush). */
  push(i: number, j: number, key: number): number {
    return heapPush(this, i, j, key);
  }

  /**
   * The nearest `kOut` (≤ k) of each heap, nearest first (ties by ticket index), with Euclidean distances.
   * An insertion sort per ticket: k is small, and a comparator callback per pair cost 10× more. `orig`
   * maps heap numbers to ticket rows when the search renumbered the tickets.
   */
  toGraph(metric: Metric, kOut = this.k, orig?: Int32Array): KnnGraph {
    const { n, k } = this;
    const indices = new Int32Array(n * kOut);
    const distances = new Float32Array(n * kOut);
    const keys = new Float32Array(k);
    const ids = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const base = i * k;
      for (let s = 0; s < k; s++) {
        const d = this.dist[base + s];
        const j = this.ids[base + s];
        let t = s;
        while (t > 0 && (keys[t - 1] > d || (keys[t - 1] === d && ids[t - 1] > j))) {
          keys[t] = keys[t - 1];
          ids[t] = ids[t - 1];
          t--;
        }
        keys[t] = d;
        ids[t] = j;
      }
      const row = orig ? orig[i] : i;
      for (let s = 0; s < kOut; s++) {
        indices[row * kOut + s] = orig && ids[s] >= 0 ? orig[ids[s]] : ids[s];
        distances[row * kOut + s] = Number.isFinite(keys[s]) ? keyToDistance(keys[s], metric) : Infinity;
      }
    }
    return { k: kOut, indices, distances };
  }
}

// Exact k nearest neighbours in a low-dimensional layout (≤ 8 dims) with a k-d tree: O(n log n)
// per query on average, no randomness, so the clusters drawn from a layout never depend on a
// second round of approximate search.
import type { EmbeddingMatrix } from '../types.js';
import type { KnnGraph } from './knn.js';

/** Layouts up to this many dimensions use the k-d tree; above it, pruning stops paying off. */
export const KD_TREE_MAX_DIMS = 8;

const LEAF_SIZE = 16;

interface KdTree {
  /** Ticket order: every node covers order[start[node]..end[node]). */
  order: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** Split dimension (−1 for a leaf) and value; children are 2·node+1 and 2·node+2. */
  splitDim: Int32Array;
  splitValue: Float64Array;
}

function buildTree(points: EmbeddingMatrix): KdTree {
  const { rows: n, dims, data } = points;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // A tree with leaves ≥ LEAF_SIZE/2 has fewer than 4n/LEAF_SIZE nodes in heap numbering.
  let capacity = 1;
  while (capacity * LEAF_SIZE < 2 * n) capacity *= 2;
  capacity = 2 * capacity + 1;
  const tree: KdTree = {
    order,
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    splitDim: new Int32Array(capacity).fill(-1),
    splitValue: new Float64Array(capacity),
  };
  const stack: number[] = [0, 0, n];
  const keys = new Float64Array(n);
  while (stack.length > 0) {
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    const node = stack.pop()!;
    tree.start[node] = lo;
    tree.end[node] = hi;
    if (hi - lo <= LEAF_SIZE || 2 * node + 2 >= capacity) continue;
    // Split the widest dimension at the median (sort by value, then ticket index: deterministic).
    let best = 0;
    let bestSpread = -1;
    for (let t = 0; t < dims; t++) {
      let min = Infinity;
      let max = -Infinity;
      for (let s = lo; s < hi; s++) {
        const x = data[order[s] * dims + t];
        if (x < min) min = x;
        if (x > max) max = x;
      }
      if (max - min > bestSpread) {
        bestSpread = max - min;
        best = t;
      }
    }
    if (bestSpread <= 0) continue;
    for (let s = lo; s < hi; s++) keys[order[s]] = data[order[s] * dims + best];
    const part = order.subarray(lo, hi);
    part.sort((a, b) => keys[a] - keys[b] || a - b);
    const mid = (lo + hi) >> 1;
    tree.splitDim[node] = best;
    tree.splitValue[node] = keys[order[mid]];
    stack.push(2 * node + 1, lo, mid, 2 * node + 2, mid, hi);
  }
  return tree;
}

/** Exact Euclidean kNN of every point (itself excluded), nearest first; ties by lower index. */
export function kdTreeKnn(points: EmbeddingMatrix, k: number): KnnGraph {
  const { rows: n, dims, data } = points;
  const kk = Math.min(k, Math.max(1, n - 1));
  const tree = buildTree(points);
  const indices = new Int32Array(n * kk).fill(-1);
  const distances = new Float32Array(n * kk).fill(Infinity);
  // Sorted insertion list of the current best (k is small).
  const bestIds = new Int32Array(kk);
  const bestD = new Float64Array(kk);
  const nodeStack = new Int32Array(256);
  const boundStack = new Float64Array(256);
  // The points copied in the tree's order, so a leaf's points are read from one run of memory; and the
  // queries in that order, so consecutive queries visit the same leaves while they are in the caches (the
  // answers are the same in any order).
  const placed = new Float32Array(n * dims);
  for (let s = 0; s < n; s++) for (let t = 0; t < dims; t++) placed[s * dims + t] = data[tree.order[s] * dims + t];
  for (let r = 0; r < n; r++) {
    const q = tree.order[r];
    bestIds.fill(-1);
    bestD.fill(Infinity);
    const qb = q * dims;
    let top = 0;
    nodeStack[top] = 0;
    boundStack[top++] = 0;
    while (top > 0) {
      top--;
      const node = nodeStack[top];
      if (boundStack[top] > bestD[kk - 1]) continue;
      const dim = tree.splitDim[node];
      if (dim < 0) {
        for (let s = tree.start[node]; s < tree.end[node]; s++) {
          const p = tree.order[s];
          if (p === q) continue;
          let d = 0;
          const pb = s * dims;
          for (let t = 0; t < dims; t++) {
            const x = data[qb + t] - placed[pb + t];
            d += x * x;
          }
          if (d > bestD[kk - 1] || (d === bestD[kk - 1] && p > bestIds[kk - 1] && bestIds[kk - 1] >= 0)) continue;
          let pos = kk - 1;
          while (pos > 0 && (bestD[pos - 1] > d || (bestD[pos - 1] === d && bestIds[pos - 1] > p))) {
            bestD[pos] = bestD[pos - 1];
            bestIds[pos] = bestIds[pos - 1];
            pos--;
          }
          bestD[pos] = d;
          bestIds[pos] = p;
        }
        continue;
      }
      const diff = data[qb + dim] - tree.splitValue[node];
      const near = diff < 0 ? 2 * node + 1 : 2 * node + 2;
      const far = diff < 0 ? 2 * node + 2 : 2 * node + 1;
      // Far side first on the stack, so the near side is searched first.
      nodeStack[top] = far;
      boundStack[top++] = diff * diff;
      nodeStack[top] = near;
      boundStack[top++] = 0;
    }
    for (let s = 0; s < kk; s++) {
      indices[q * kk + s] = bestIds[s];
      distances[q * kk + s] = Math.sqrt(bestD[s]);
    }
  }
  return { k: kk, indices, distances };
}

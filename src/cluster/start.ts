// Deterministic start of the layout. The SGD of a UMAP-style layout mostly keeps the global
// arrangement it starts from (Kobak & Linderman 2021), so a start that depends on the seed gives
// layouts, and clusters, that depend on the seed. This start has no randomness at all: principal
// directions of the ticket vectors, then smoothed toward the leading eigenvectors of the normalized
// kNN graph (UMAP's spectral start) by subspace iteration. Signs are fixed by a rule, not by chance.
// Cost: O(min(n, 20,000)·d²) for the covariance (on two threads from about 6,000 tickets: most of the start's time
// at 20,000), O(n·d·p) for the scores, O(iterations·p·edges) for the smoothing (two threads from 6,000 tickets).
import { orthonormalizeColumns } from '../numerics/linear-algebra.js';
import { claimBlocks, HelperThread, sharedCopy, zeroed } from '../numerics/threads.js';
import type { EmbeddingMatrix } from '../types.js';
import { StartSmoothing } from './start-smoothing.js';

/** Sparse symmetric graph as an edge list, each undirected edge once. */
export interface EdgeList {
  head: Int32Array;
  tail: Int32Array;
  weight: Float32Array;
}

/** Most rows the covariance is estimated from (an even stride over the tickets, not a random sample). */
const COVARIANCE_ROWS = 20_000;

/** Multiply-adds (rows × dims²) from which the covariance is split between two threads. */
const PARALLEL_COVARIANCE_WORK = 4e8;

/** A fixed pseudo-random ±1 pattern (integer hash): a seed-free start block for power iteration. */
function fixedSign(a: number, b: number): number {
  let h = Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h & 1 ? 1 : -1;
}

/** Flips each column so that its largest-magnitude entry is positive (eigenvectors have no sign of their own). */
function fixSigns(block: Float64Array, rows: number, p: number): void {
  for (let c = 0; c < p; c++) {
    let best = 0;
    for (let r = 0; r < rows; r++) if (Math.abs(block[c * rows + r]) > Math.abs(best)) best = block[c * rows + r];
    if (best < 0) for (let r = 0; r < rows; r++) block[c * rows + r] = -block[c * rows + r];
  }
}

/**
 * Adds the rows at `rowsUsed`, centred, to rows a0..a1−1 of the upper triangle of `cov` (dims×dims). Four sampled
 * rows per sweep of the covariance (a quarter of the memory traffic: the 257×257 matrix does not stay in cache);
 * each entry still adds its rows one by one in row order, and belongs to one call only, so splitting the rows of
 * cov between threads gives the same sums bit for bit. Self-contained: a helper thread runs its source.
 */
export function covarianceRows(
  data: Float32Array,
  dims: number,
  rowsUsed: Int32Array,
  mean: Float64Array,
  cov: Float64Array,
  a0: number,
  a1: number,
): void {
  const centred = new Float64Array(4 * dims);
  for (let r = 0; r < rowsUsed.length; r += 4) {
    const take = Math.min(4, rowsUsed.length - r);
    centred.fill(0);
    for (let u = 0; u < take; u++) {
      const base = rowsUsed[r + u] * dims;
      for (let t = 0; t < dims; t++) centred[u * dims + t] = data[base + t] - mean[t];
    }
    for (let a = a0; a < a1; a++) {
      const x0 = centred[a];
      const x1 = centred[dims + a];
      const x2 = centred[2 * dims + a];
      const x3 = centred[3 * dims + a];
      const row = a * dims;
      for (let b = a; b < dims; b++) {
        cov[row + b] =
          cov[row + b] +
          x0 * centred[b] +
          x1 * centred[dims + b] +
          x2 * centred[2 * dims + b] +
          x3 * centred[3 * dims + b];
      }
    }
  }
}

/** Blocks of covariance rows the two threads claim (each block re-centres the sampled rows: a few % more work). */
const COVARIANCE_BLOCKS = 8;

/** Where each of `blocks` blocks of covariance rows starts, then dims: about equal shares of the upper triangle. */
export function covarianceBlocks(dims: number, blocks: number): Int32Array {
  const bounds = new Int32Array(blocks + 1);
  const total = (dims * (dims + 1)) / 2;
  let a = 0;
  let before = 0;
  for (let k = 1; k < blocks; k++) {
    while (a < dims && before + (dims - a) <= (total * k) / blocks) before += dims - a++;
    bounds[k] = a;
  }
  bounds[blocks] = dims;
  return bounds;
}

/**
 * Scores of every ticket on the top `p` principal directions (column-major, n·p). The covariance
 * (dims×dims) comes from an even stride of at most 20,000 tickets, its rows split between `threads` (1 or 2;
 * the same bits either way); its top subspace from block power iteration started at a fixed sign pattern.
 */
export function principalScores(vectors: EmbeddingMatrix, p: number, threads = 1): Float64Array {
  const { rows: n, dims, data } = vectors;
  const stride = Math.max(1, Math.ceil(n / COVARIANCE_ROWS));
  const two = threads >= 2;
  const mean = zeroed(Float64Array, dims, two);
  let used = 0;
  for (let i = 0; i < n; i += stride, used++) for (let t = 0; t < dims; t++) mean[t] += data[i * dims + t];
  for (let t = 0; t < dims; t++) mean[t] /= used;
  const cov = zeroed(Float64Array, dims * dims, two);
  const rowsUsed = new Int32Array(used);
  for (let i = 0, r = 0; i < n; i += stride) rowsUsed[r++] = i;
  if (two) {
    // Both threads claim blocks of the covariance's rows: a thread slowed by the machine's load does fewer.
    const bounds = covarianceBlocks(dims, COVARIANCE_BLOCKS);
    const next = new Int32Array(new SharedArrayBuffer(4));
    const helper = new HelperThread<object, object>(
      'covariance',
      [claimBlocks, covarianceRows],
      `(job, c) => claimBlocks(c.next, c.bounds.length - 1, 1, (k) =>
        covarianceRows(c.data, c.dims, c.rowsUsed, c.mean, c.cov, c.bounds[k], c.bounds[k + 1]))`,
      { data: sharedCopy(data), dims, rowsUsed: sharedCopy(rowsUsed), mean, cov, bounds, next },
    );
    try {
      helper.start({});
      claimBlocks(next, COVARIANCE_BLOCKS, 1, (k) =>
        covarianceRows(data, dims, rowsUsed, mean, cov, bounds[k], bounds[k + 1]),
      );
      helper.finish();
    } finally {
      helper.close();
    }
  } else covarianceRows(data, dims, rowsUsed, mean, cov, 0, dims);
  for (let a = 0; a < dims; a++) for (let b = 0; b < a; b++) cov[a * dims + b] = cov[b * dims + a];
  // Oversampled block: the top p directions converge faster when the block is wider than p.
  const q = Math.min(dims, p + 6);
  let block = new Float64Array(dims * q);
  for (let c = 0; c < q; c++) for (let t = 0; t < dims; t++) block[c * dims + t] = fixedSign(t, c);
  orthonormalizeColumns(block, dims, q);
  for (let iter = 0; iter < 60; iter++) {
    const next = new Float64Array(dims * q);
    for (let c = 0; c < q; c++) {
      for (let a = 0; a < dims; a++) {
        let s = 0;
        for (let b = 0; b < dims; b++) s += cov[a * dims + b] * block[c * dims + b];
        next[c * dims + a] = s;
      }
    }
    orthonormalizeColumns(next, dims, q);
    block = next;
  }
  const scores = new Float64Array(n * p);
  for (let c = 0; c < Math.min(p, q); c++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let t = 0; t < dims; t++) s += (data[i * dims + t] - mean[t]) * block[c * dims + t];
      scores[c * n + i] = s;
    }
  }
  return scores;
}

/**
 * Start coordinates (row-major n·dims, scaled to ±10): principal scores, then `iterations` steps of
 * subspace iteration with the lazy normalized adjacency (I + D^−½WD^−½)/2, its trivial √degree
 * direction removed, so the start follows the graph's clusters like a spectral embedding.
 */
export function graphStart(
  vectors: EmbeddingMatrix,
  graph: EdgeList,
  dims: number,
  iterations: number,
  threads = 1,
): Float32Array {
  const n = vectors.rows;
  // A second thread for the covariance once it is worth a thread's start (about 6,000 tickets at 257 dims).
  const covarianceWork = Math.min(n, COVARIANCE_ROWS) * vectors.dims * vectors.dims;
  let block = principalScores(vectors, dims, covarianceWork >= PARALLEL_COVARIANCE_WORK ? threads : 1);
  const degree = new Float64Array(n);
  const m = graph.weight.length;
  for (let e = 0; e < m; e++) {
    degree[graph.head[e]] += graph.weight[e];
    degree[graph.tail[e]] += graph.weight[e];
  }
  const invSqrt = new Float64Array(n);
  const trivial = new Float64Array(n);
  let trivialNorm = 0;
  for (let i = 0; i < n; i++) {
    invSqrt[i] = degree[i] > 0 ? 1 / Math.sqrt(degree[i]) : 0;
    trivial[i] = Math.sqrt(degree[i]);
    trivialNorm += degree[i];
  }
  trivialNorm = Math.sqrt(trivialNorm);
  for (let i = 0; i < n; i++) trivial[i] = trivialNorm > 0 ? trivial[i] / trivialNorm : 0;
  orthonormalizeColumns(block, n, dims);
  // Each pass runs on row-major copies (n·dims): a ticket's edges then touch one cache line per neighbour
  // instead of one per column (start-smoothing.ts, on two threads from 6,000 tickets, the same bits either way).
  let next: Float64Array = new Float64Array(n * dims);
  // Each edge's weight, computed once instead of once per column and iteration.
  const edgeWeight = new Float64Array(m);
  for (let e = 0; e < m; e++) edgeWeight[e] = 0.5 * graph.weight[e] * invSqrt[graph.head[e]] * invSqrt[graph.tail[e]];
  const smoothing = new StartSmoothing(graph, edgeWeight, n, dims, threads);
  const { rows, next: nextRows } = smoothing;
  try {
    for (let iter = 0; iter < iterations; iter++) {
      for (let c = 0; c < dims; c++) {
        const base = c * n;
        for (let i = 0; i < n; i++) rows[i * dims + c] = block[base + i];
      }
      smoothing.pass();
      for (let c = 0; c < dims; c++) {
        const base = c * n;
        for (let i = 0; i < n; i++) next[base + i] = nextRows[i * dims + c];
        let dot = 0;
        for (let i = 0; i < n; i++) dot += next[base + i] * trivial[i];
        for (let i = 0; i < n; i++) next[base + i] -= dot * trivial[i];
      }
      orthonormalizeColumns(next, n, dims);
      [block, next] = [next, block];
    }
  } finally {
    smoothing.close();
  }
  fixSigns(block, n, dims);
  const out = new Float32Array(n * dims);
  for (let c = 0; c < dims; c++) {
    let max = 0;
    for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(block[c * n + i]));
    for (let i = 0; i < n; i++) out[i * dims + c] = max > 0 ? (10 * block[c * n + i]) / max : 0;
  }
  return out;
}

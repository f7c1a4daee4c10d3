// k-nearest-neighbour graphs over L2-normalized ticket vectors.
// Exact: blocked brute force (each pair once, O(n²·d) time, O(n·k) memory) for small sets.
// Approximate: random-projection forest for a first guess, refined by NN-descent (Dong et al. 2011),
// for large sets; O(n·k) memory plus the int8 rows (n·d bytes), O(n·log n·d) for the forest and O(n·k²·d)
// per round (rounds stop early when the graph settles), the join on a second core. Cosine searches run on
// int8 rows with a SIMD dot product (numerics/int8-rows.ts, as EVōC does), then each ticket's candidates
// are re-ranked on the float vectors, so the graph's distances are exact.
import { seededRandom } from '../numerics/random.js';
import { int8DotModule, quantizeRows } from '../numerics/int8-rows.js';
import { sharedCopy } from '../numerics/threads.js';
import type { EmbeddingMatrix } from '../types.js';
import { KD_TREE_MAX_DIMS, kdTreeKnn } from './kdtree.js';
import { JoinHelper, parallelJoinWanted, type KeySource } from './knn-join.js';
import { floatKey, int8Key, joinRange, rowDot4, rowKey, type JoinCandidates, type Metric } from './knn-kernels.js';
import { NeighbourHeaps, type KnnGraph } from './neighbour-heaps.js';
import { projectionForest } from './projection-forest.js';

export { keyToDistance, rowKey, type Metric } from './knn-kernels.js';
export type { KnnGraph } from './neighbour-heaps.js';

/** Exact kNN by blocked brute force; each pair's dot product is computed once. */
export function exactKnn(vectors: EmbeddingMatrix, k: number, metric: Metric = 'cosine'): KnnGraph {
  const { rows: n, dims, data } = vectors;
  const kk = Math.min(k, Math.max(1, n - 1));
  const heaps = new NeighbourHeaps(n, kk);
  // Blocks keep a strip of rows in cache while it meets every later strip.
  const block = 64;
  const dots = new Float64Array(4);
  for (let i0 = 0; i0 < n; i0 += block) {
    const i1 = Math.min(n, i0 + block);
    for (let j0 = i0; j0 < n; j0 += block) {
      const j1 = Math.min(n, j0 + block);
      for (let i = i0; i < i1; i++) {
        const ai = i * dims;
        let j = j0 === i0 ? i + 1 : j0;
        if (metric === 'cosine') {
          for (; j + 3 < j1; j += 4) {
            rowDot4(data, ai, j * dims, (j + 1) * dims, (j + 2) * dims, (j + 3) * dims, dims, dots);
            for (let q = 0; q < 4; q++) {
              const d = 1 - dots[q];
              heaps.push(i, j + q, d);
              heaps.push(j + q, i, d);
            }
          }
        }
        for (; j < j1; j++) {
          const d = rowKey(data, ai, j * dims, dims, metric);
          heaps.push(i, j, d);
          heaps.push(j, i, d);
        }
      }
    }
  }
  return heaps.toGraph(metric);
}

export interface ApproximateKnnOptions {
  seed: number;
  metric?: Metric;
  /** Random-projection trees for the first guess (default 6). */
  trees?: number;
  /** Largest leaf of a projection tree (default max(2k, 24), k the neighbours returned: NN-descent widens the search). */
  leafSize?: number;
  /** NN-descent rounds at most (default 8). */
  maxRounds?: number;
  /** Candidates per ticket joined in a round (default k + 5): fewer is cheaper per round, with lower recall. */
  maxCandidates?: number;
  /** Stop when fewer than delta·n·k neighbours changed in a round (default 0.005). */
  delta?: number;
  /**
   * Neighbours kept per ticket during the search, of which the nearest k are returned (default k + 10).
   * The wider search finds more of the true nearest, and with them two seeds' clusters agree about as well
   * as on the exact graph (docs/decisions.md).
   */
  searchK?: number;
  /** Join on two threads (default: from 8,000 tickets when a second core is there). Same graph either way. */
  parallel?: boolean;
  /** Search cosine neighbours on int8 rows, then re-rank on the floats (default true; 'euclidean' never is). */
  int8?: boolean;
  /** Called after the forest, each NN-descent round and the re-rank: work units done of the total (for an ETA). */
  onProgress?: (done: number, total: number) => void;
}

/** Progress units of the forest start (about the cost of two rounds) and of the final re-rank. */
const FOREST_UNITS = 2;
const RERANK_UNITS = 1;

/** Bounded candidate lists keeping the entries with the smallest random priority. */
export class CandidateLists {
  readonly ids: Int32Array;
  readonly priority: Float32Array;
  readonly count: Int32Array;
  /** Slot of the largest priority of each full list (the one a better entry replaces). */
  private readonly worstSlot: Int32Array;
  constructor(
    n: number,
    readonly max: number,
    sharedMemory = false,
  ) {
    // Shared memory when a helper thread joins from these lists.
    this.ids = sharedMemory ? sharedCopy(new Int32Array(n * max)) : new Int32Array(n * max);
    this.priority = new Float32Array(n * max);
    this.count = sharedMemory ? sharedCopy(new Int32Array(n)) : new Int32Array(n);
    this.worstSlot = new Int32Array(n);
  }
  reset(): void {
    this.count.fill(0);
  }
  add(i: number, j: number, p: number): void {
    const base = i * this.max;
    const c = this.count[i];
    // A full list refuses most offers: test the priority before the duplicate scan (the same outcome).
    if (c === this.max && p >= this.priority[base + this.worstSlot[i]]) return;
    for (let s = 0; s < c; s++) if (this.ids[base + s] === j) return;
    if (c < this.max) {
      this.ids[base + c] = j;
      this.priority[base + c] = p;
      this.count[i] = c + 1;
      if (c + 1 === this.max) this.worstSlot[i] = this.findWorst(base);
      return;
    }
    const worst = this.worstSlot[i];
    this.ids[base + worst] = j;
    this.priority[base + worst] = p;
    this.worstSlot[i] = this.findWorst(base);
  }
  /** First slot holding the largest priority. */
  private findWorst(base: number): number {
    let worst = 0;
    for (let s = 1; s < this.max; s++) if (this.priority[base + s] > this.priority[base + worst]) worst = s;
    return worst;
  }
}

/** Approximate kNN: projection forest, then NN-descent rounds ("a neighbour of a neighbour is likely a neighbour"). */
export function approximateKnn(vectors: EmbeddingMatrix, k: number, options: ApproximateKnnOptions): KnnGraph {
  const { rows: n, dims, data } = vectors;
  const kOut = Math.min(k, Math.max(1, n - 1));
  const kk = Math.min(Math.max(kOut, options.searchK ?? kOut + 10), Math.max(1, n - 1));
  const random = seededRandom(options.seed);
  const heaps = new NeighbourHeaps(n, kk);
  const metric = options.metric ?? 'cosine';
  const parallel = options.parallel ?? parallelJoinWanted(n);
  let source: KeySource;
  if (metric === 'cosine' && (options.int8 ?? true)) {
    const rows = quantizeRows(vectors);
    source = { kind: 'int8', module: int8DotModule(), memory: rows.memory, stride: rows.stride, scale: rows.scale };
  } else {
    source = { kind: 'float', data: parallel ? sharedCopy(data) : data, dims, metric };
  }
  const key =
    source.kind === 'int8'
      ? int8Key(source.module, source.memory, source.stride, source.scale)
      : floatKey(data, dims, metric);
  projectionForest(vectors, heaps, random, options.trees ?? 6, options.leafSize ?? Math.max(2 * kOut, 24), key);

  const maxRounds = options.maxRounds ?? 8;
  const totalUnits = FOREST_UNITS + maxRounds + RERANK_UNITS;
  options.onProgress?.(FOREST_UNITS, totalUnits);
  const delta = options.delta ?? 0.005;
  const maxCandidates = Math.max(2, Math.min(kk, options.maxCandidates ?? kOut + 5));
  const fresh = new CandidateLists(n, maxCandidates, parallel);
  const old = new CandidateLists(n, maxCandidates, parallel);
  // The helper joins the upper half of the tickets against each ticket's worst neighbour at the round's start.
  const worst = parallel ? sharedCopy(new Float32Array(n)) : new Float32Array(0);
  const lists: JoinCandidates = {
    freshIds: fresh.ids,
    freshCount: fresh.count,
    oldIds: old.ids,
    oldCount: old.count,
    max: maxCandidates,
  };
  const helper = parallel ? new JoinHelper(source, lists, worst) : undefined;
  // Share of the tickets the main thread joins itself (adjusted each round; the graph does not depend on it).
  let mainShare = 0.5;
  try {
    for (let round = 0; round < maxRounds; round++) {
      fresh.reset();
      old.reset();
      for (let i = 0; i < n; i++) {
        const base = i * kk;
        for (let s = 0; s < kk; s++) {
          const j = heaps.ids[base + s];
          if (j < 0) continue;
          const p = random();
          const target = heaps.fresh[base + s] ? fresh : old;
          target.add(i, j, p);
          target.add(j, i, p);
        }
      }
      // Sampled fresh neighbours become old: they will have been joined after this round.
      for (let i = 0; i < n; i++) {
        const base = i * kk;
        const cBase = i * fresh.max;
        for (let s = 0; s < kk; s++) {
          if (!heaps.fresh[base + s]) continue;
          const j = heaps.ids[base + s];
          for (let c = 0; c < fresh.count[i]; c++) {
            if (fresh.ids[cBase + c] === j) {
              heaps.fresh[base + s] = 0;
              break;
            }
          }
        }
      }
      let updates = 0;
      const split = helper ? Math.round(n * mainShare) : n;
      if (helper) {
        for (let i = 0; i < n; i++) worst[i] = heaps.dist[i * kk];
        helper.start(split, n);
      }
      const started = performance.now();
      joinRange(lists, 0, split, key, (p, q, d) => {
        updates += heaps.push(p, q, d) + heaps.push(q, p, d);
      });
      if (helper) {
        const mainMs = performance.now() - started;
        // Offered in the order the one-thread join meets them: the same heaps, pair for pair.
        const pairs = helper.finish();
        // The main thread also pushes every pair into the heaps: give it the share that makes both joins
        // take equally long next round (per-ticket costs of this round).
        const mainCost = mainMs / Math.max(1, split);
        const helperCost = pairs.ms / Math.max(1, n - split);
        if (mainCost > 0 && helperCost > 0)
          mainShare = Math.min(0.75, Math.max(0.25, helperCost / (mainCost + helperCost)));
        for (let e = 0; e < pairs.count; e++) {
          updates += heaps.push(pairs.p[e], pairs.q[e], pairs.d[e]) + heaps.push(pairs.q[e], pairs.p[e], pairs.d[e]);
        }
      }
      if (updates <= delta * n * kk) break;
      if (round < maxRounds - 1) options.onProgress?.(FOREST_UNITS + round + 1, totalUnits);
    }
  } finally {
    helper?.close();
  }
  // The int8 keys found the candidates; the float keys order them and give the graph its distances.
  if (source.kind === 'int8') {
    for (let i = 0; i < n; i++) {
      for (let s = 0; s < kk; s++) {
        const j = heaps.ids[i * kk + s];
        if (j >= 0) heaps.dist[i * kk + s] = rowKey(data, i * dims, j * dims, dims, metric);
      }
    }
  }
  const graph = truncateGraph(heaps.toGraph(metric), kOut);
  options.onProgress?.(totalUnits, totalUnits);
  return graph;
}

/** The nearest `k` of each sorted row. */
function truncateGraph(graph: KnnGraph, k: number): KnnGraph {
  if (k >= graph.k) return graph;
  const n = graph.indices.length / graph.k;
  const indices = new Int32Array(n * k);
  const distances = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    indices.set(graph.indices.subarray(i * graph.k, i * graph.k + k), i * k);
    distances.set(graph.distances.subarray(i * graph.k, i * graph.k + k), i * k);
  }
  return { k, indices, distances };
}

/** kNN graph: exact up to `exactLimit` tickets (any count for a low-dimensional layout), approximate above. */
export function nearestNeighbours(
  vectors: EmbeddingMatrix,
  k: number,
  seed: number,
  exactLimit: number,
  metric: Metric = 'cosine',
  onProgress?: (done: number, total: number) => void,
): KnnGraph {
  // A low-dimensional layout: exact and fast with a k-d tree, whatever the ticket count.
  if (metric === 'euclidean' && vectors.dims <= KD_TREE_MAX_DIMS && vectors.rows > 64) return kdTreeKnn(vectors, k);
  if (vectors.rows > exactLimit) return approximateKnn(vectors, k, { seed, metric, onProgress });
  const graph = exactKnn(vectors, k, metric);
  onProgress?.(1, 1);
  return graph;
}

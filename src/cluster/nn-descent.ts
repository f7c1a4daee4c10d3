// The approximate kNN graph: a random-projection forest for a first guess, refined by NN-descent
// (Dong et al. 2011; pynndescent's and EVōC's design: new/old candidate flags, sampled candidate lists,
// early stop at delta·n·k updates), on int8 rows with a SIMD dot product for cosine, then re-ranked on the
// floats so the graph's distances are exact. Both cores work through every step (knn-join.ts); the graph
// is the same on one thread or two (nn-descent-kernels.ts says why). Beyond EVōC: the tickets are renumbered
// in the first tree's leaf order, so neighbours sit near each other in memory (rows, heaps, lists): 1.8×
// less CPU at 100,000 tickets, more at 1,000,000 where the rows no longer fit in the caches.
// Cost, n tickets, d dims, k kept per ticket (searchK), c candidates per list:
//   quantize O(n·d), n·⌈d/16⌉·16 bytes; forest O(trees·n·log(n/leaf)) int8 dots + O(trees·n·leaf) keys,
//   2·trees·n int32; each round O(n·k) to sample + O(n·c²) keys to join (3–5 rounds: a good forest start
//   leaves little to do), 2 lists × n·c·12 bytes; heaps n·k·9 bytes; pair buffers 2 × 2048·(1.5c²) × 12 bytes;
//   re-rank O(n·k·d). At 1,000,000 tickets × 256 dims: ~0.8 GB of arrays besides the vectors.
import { int8DotModule, int8Stride, permuteRows, quantizeRows } from '../numerics/int8-rows.js';
import { sharedCopy } from '../numerics/threads.js';
import type { EmbeddingMatrix } from '../types.js';
import { parallelJoinWanted, SearchHelper, type SearchJob, type SearchReply, type SearchState } from './knn-join.js';
import { floatKey, int8Key, type Metric } from './knn-kernels.js';
import { NeighbourHeaps, type KnnGraph } from './neighbour-heaps.js';
import {
  applyPairs,
  generatePairs,
  markSampled,
  mix32,
  pairsPerTicket,
  rerankRange,
  sampleCandidates,
  type ListArrays,
  type PairBuffer,
} from './nn-descent-kernels.js';
import { floatSplit, growTree, int8Split, joinLeaves, splitScratchBytes } from './projection-forest.js';

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
  /** Work on two threads (default: from 8,000 tickets when a second core is there). Same graph either way. */
  parallel?: boolean;
  /** Search cosine neighbours on int8 rows, then re-rank on the floats (default true; 'euclidean' never is). */
  int8?: boolean;
  /** Called after the forest, each NN-descent round and the re-rank: work units done of the total (for an ETA). */
  onProgress?: (done: number, total: number) => void;
  /** Share of each step the main thread starts with, the helper doing the rest (default 0.5; for tests). */
  initialShare?: number;
  /** Called after each step with its name, wall ms and a count (updates of a round); for the profile scripts. */
  onStep?: (step: string, ms: number, count?: number) => void;
}

/** Progress units of the forest start (about the cost of two rounds) and of the final re-rank. */
const FOREST_UNITS = 2;
const RERANK_UNITS = 1;
/** Tickets joined per block: bounds the pair buffers (the worst case, 1.5·c² pairs a ticket, must fit). */
const BLOCK_TICKETS = 2048;
/** The float rows are copied to shared memory for a two-thread re-rank only up to this size. */
const SHARED_RERANK_BYTES = 512 * 2 ** 20;

function listArrays(n: number, max: number, shared: boolean): ListArrays {
  const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  return {
    ids: new Int32Array(buffer(4 * n * max)),
    priority: new Uint32Array(buffer(4 * n * max)),
    count: new Int32Array(buffer(4 * n)),
    worst: new Int32Array(buffer(4 * n)),
    max,
  };
}

function pairBuffer(capacity: number, shared: boolean): PairBuffer {
  const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  return {
    p: new Int32Array(buffer(4 * capacity)),
    q: new Int32Array(buffer(4 * capacity)),
    d: new Float32Array(buffer(4 * capacity)),
  };
}

/** Approximate kNN: projection forest, then NN-descent rounds ("a neighbour of a neighbour is likely a neighbour"). */
export function approximateKnn(vectors: EmbeddingMatrix, k: number, options: ApproximateKnnOptions): KnnGraph {
  const { rows: n, dims, data } = vectors;
  const kOut = Math.min(k, Math.max(1, n - 1));
  const kk = Math.min(Math.max(kOut, options.searchK ?? kOut + 10), Math.max(1, n - 1));
  const metric = options.metric ?? 'cosine';
  const parallel = options.parallel ?? parallelJoinWanted(n);
  const int8 = metric === 'cosine' && (options.int8 ?? true);
  const trees = options.trees ?? 6;
  const maxRounds = options.maxRounds ?? 8;
  const delta = options.delta ?? 0.005;
  const maxCandidates = Math.max(2, Math.min(kk, options.maxCandidates ?? kOut + 5));
  const shareFloats = parallel && (data.buffer instanceof SharedArrayBuffer || data.byteLength <= SHARED_RERANK_BYTES);
  const totalUnits = FOREST_UNITS + maxRounds + RERANK_UNITS;
  let clock = performance.now();
  const step = (name: string, count?: number) => {
    const now = performance.now();
    options.onStep?.(name, now - clock, count);
    clock = now;
  };

  // After the int8 rows, each thread's scratch space for its projection trees (main first, then the helper).
  const scratch = splitScratchBytes(n, int8Stride(dims));
  const rows = int8 ? quantizeRows(vectors, 2 * scratch) : undefined;
  const floats = !int8 && parallel ? sharedCopy(data) : data;
  const state: SearchState = {
    n,
    seed: options.seed,
    leafSize: options.leafSize ?? Math.max(2 * kOut, 24),
    source: rows
      ? { kind: 'int8', module: int8DotModule(), memory: rows.memory, stride: rows.stride, scale: rows.scale }
      : { kind: 'float', data: floats, dims, metric },
    ...(int8 && shareFloats ? { rerank: { data: sharedCopy(data), dims, metric } } : {}),
    // An int8 search renumbers the tickets in its first tree's leaf order (filled in below).
    ...(int8 ? { orig: new Int32Array(parallel ? new SharedArrayBuffer(4 * n) : new ArrayBuffer(4 * n)) } : {}),
    heaps: new NeighbourHeaps(n, kk, parallel),
    fresh: listArrays(n, maxCandidates, parallel),
    old: listArrays(n, maxCandidates, parallel),
    buffers: [0, 1].map(() => pairBuffer(BLOCK_TICKETS * pairsPerTicket(maxCandidates), parallel)),
    orders: Array.from(
      { length: trees },
      () => new Int32Array(parallel ? new SharedArrayBuffer(4 * n) : new ArrayBuffer(4 * n)),
    ),
    leafEnds: Array.from(
      { length: trees },
      () => new Int32Array(parallel ? new SharedArrayBuffer(4 * n) : new ArrayBuffer(4 * n)),
    ),
  };
  const heaps = state.heaps as NeighbourHeaps;
  const key = rows ? int8Key(int8DotModule(), rows.memory, rows.stride, rows.scale) : floatKey(floats, dims, metric);
  const split = rows
    ? int8Split(int8DotModule(), rows.memory, rows.stride, rows.scale, n * rows.stride, n)
    : floatSplit(floats, dims);
  step('quantize');

  const helper = parallel ? new SearchHelper(state) : undefined;
  // Share of each kind of job the main thread does itself (moved so both threads finish together).
  const shares = new Map<string, number>();
  /** Runs a job over tickets lo..hi−1, split with the helper when there is one; the main part runs `local`. */
  const both = (
    kind: string,
    lo: number,
    hi: number,
    job: (a: number, b: number) => SearchJob,
    local: (a: number, b: number) => number,
  ): [number, number] => {
    if (!helper || hi - lo < 2) return [local(lo, hi), 0];
    const share = shares.get(kind) ?? options.initialShare ?? 0.5;
    const mid = lo + Math.round((hi - lo) * share);
    helper.start(job(mid, hi));
    const started = performance.now();
    const mine = local(lo, mid);
    const mainMs = performance.now() - started;
    const reply: SearchReply = helper.finish();
    const mainCost = mainMs / Math.max(1, mid - lo);
    const helperCost = reply.ms / Math.max(1, hi - mid);
    if (mainCost > 0 && helperCost > 0)
      shares.set(kind, Math.min(0.9, Math.max(0.1, helperCost / (mainCost + helperCost))));
    return [mine, reply.count ?? 0];
  };

  try {
    const leafCounts = new Array<number>(trees).fill(0);
    const grow = (t: number) =>
      (leafCounts[t] = growTree(n, state.leafSize, state.seed, t, split, state.orders[t], state.leafEnds[t]));
    let first = 0;
    if (rows && state.orig) {
      // Tree 0's leaf order becomes the tickets' order in memory: most pairs the search compares are then
      // close in memory (its rows, heaps and lists), so fewer reads wait on main memory at 1,000,000 tickets.
      grow(0);
      state.orig.set(state.orders[0]);
      permuteRows(rows, state.orig);
      for (let i = 0; i < n; i++) state.orders[0][i] = i;
      first = 1;
    }
    const rest = Array.from({ length: trees - first }, (_, s) => s + first);
    if (helper) {
      // Trees alternate between the threads; each tree's stream is its own, so who grows it does not matter.
      const theirs = rest.filter((t) => t % 2 === 1);
      helper.start({ kind: 'trees', trees: theirs });
      for (const t of rest) if (t % 2 === 0) grow(t);
      const reply = helper.finish();
      theirs.forEach((t, s) => (leafCounts[t] = reply.leafCounts![s]));
    } else for (const t of rest) grow(t);
    step('trees');
    both(
      'leaves',
      0,
      n,
      (v0, v1) => ({ kind: 'leaves', v0, v1, leafCounts }),
      (v0, v1) => {
        joinLeaves(state.orders, state.leafEnds, leafCounts, key, (i, j, d) => heaps.push(i, j, d), v0, v1);
        return 0;
      },
    );
    step('leaves');
    options.onProgress?.(FOREST_UNITS, totalUnits);

    for (let round = 0; round < maxRounds; round++) {
      const salt = mix32(Math.imul(options.seed | 0, 0x9e3779b1) ^ mix32(round + 1));
      both(
        'sample',
        0,
        n,
        (v0, v1) => ({ kind: 'sample', v0, v1, salt }),
        (v0, v1) => (sampleCandidates(heaps, state.fresh, state.old, n, salt, v0, v1), 0),
      );
      both(
        'mark',
        0,
        n,
        (v0, v1) => ({ kind: 'mark', v0, v1 }),
        (v0, v1) => (markSampled(heaps, state.fresh, v0, v1), 0),
      );
      step(`sample ${round}`);
      let updates = 0;
      for (let b0 = 0; b0 < n; b0 += BLOCK_TICKETS) {
        const b1 = Math.min(n, b0 + BLOCK_TICKETS);
        // Buffer 0 holds the lower tickets of the block, buffer 1 the upper: applied in that order.
        const counts = both(
          'generate',
          b0,
          b1,
          (i0, i1) => ({ kind: 'generate', i0, i1, buffer: 1 }),
          (i0, i1) => generatePairs(heaps, state.fresh, state.old, i0, i1, key, state.buffers[0]),
        );
        const applied = both(
          'apply',
          0,
          n,
          (v0, v1) => ({ kind: 'apply', v0, v1, counts }),
          (v0, v1) => applyPairs(heaps, state.buffers, counts, v0, v1),
        );
        updates += applied[0] + applied[1];
      }
      step(`join ${round}`, updates);
      if (updates <= delta * n * kk) break;
      if (round < maxRounds - 1) options.onProgress?.(FOREST_UNITS + round + 1, totalUnits);
    }
    // The int8 keys found the candidates; the float keys order them and give the graph its distances.
    if (int8) {
      const exact = floatKey(data, dims, metric);
      if (state.rerank) {
        both(
          'rerank',
          0,
          n,
          (v0, v1) => ({ kind: 'rerank', v0, v1 }),
          (v0, v1) => (rerankRange(heaps, v0, v1, exact, state.orig), 0),
        );
      } else rerankRange(heaps, 0, n, exact, state.orig);
      step('rerank');
    }
  } finally {
    helper?.close();
  }
  const graph = heaps.toGraph(metric, kOut, state.orig);
  step('sort');
  options.onProgress?.(totalUnits, totalUnits);
  return graph;
}

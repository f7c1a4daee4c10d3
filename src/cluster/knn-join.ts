// The second core for the approximate kNN graph, without giving up determinism. Every step of the search
// (growing trees, joining leaves, sampling candidates, the local join, applying its pairs, the re-rank) is
// split between the main thread and one helper thread, each on its own range of tickets, over neighbour
// heaps and candidate lists in shared memory; nn-descent-kernels.ts says why any split gives the same graph
// (test/cluster/knn.test.ts checks it). The split points move each time so both threads finish together.
import { HelperThread, threadsAllowed } from '../numerics/threads.js';
import { floatKey, int8Key, rowDot, rowKey, rowSquaredDistance, type Metric } from './knn-kernels.js';
import {
  applyPairs,
  generatePairs,
  heapPush,
  listAdd,
  markSampled,
  mix32,
  rerankRange,
  sampleCandidates,
  type HeapArrays,
  type ListArrays,
  type PairBuffer,
} from './nn-descent-kernels.js';
import {
  floatSplit,
  growTree,
  int8Split,
  joinLeaves,
  projectOnto,
  splitScratchBytes,
  treeRandom,
} from './projection-forest.js';

/** Tickets below which a helper thread costs more than it saves. */
export const PARALLEL_JOIN_MIN_TICKETS = 8000;

/** Whether to start a helper: enough tickets, a second core, and not switched off by TICKETS_THREADS=1. */
export function parallelJoinWanted(n: number): boolean {
  if (n < PARALLEL_JOIN_MIN_TICKETS) return false;
  return threadsAllowed() >= 2;
}

/** What distance keys come from: the float rows, or the int8 rows in shared wasm memory. */
export type KeySource =
  | { kind: 'float'; data: Float32Array; dims: number; metric: Metric }
  | { kind: 'int8'; module: WebAssembly.Module; memory: WebAssembly.Memory; stride: number; scale: Float32Array };

/** Everything both threads read and write, in shared memory when a helper runs. */
export interface SearchState {
  n: number;
  seed: number;
  leafSize: number;
  source: KeySource;
  /** Float rows for the re-rank of an int8 search (shared only when the helper re-ranks too). */
  rerank?: { data: Float32Array; dims: number; metric: Metric };
  /** Row of each search number when the search renumbered the tickets (nn-descent.ts). */
  orig?: Int32Array;
  heaps: HeapArrays;
  fresh: ListArrays;
  old: ListArrays;
  /** Pair buffers: [0] the main thread's, [1] the helper's. */
  buffers: PairBuffer[];
  /** Per tree: the tickets leaf by leaf, and each leaf's end. */
  orders: Int32Array[];
  leafEnds: Int32Array[];
}

export type SearchJob =
  | { kind: 'trees'; trees: number[] }
  | { kind: 'leaves'; v0: number; v1: number; leafCounts: number[] }
  | { kind: 'sample'; v0: number; v1: number; salt: number }
  | { kind: 'mark'; v0: number; v1: number }
  | { kind: 'generate'; i0: number; i1: number; buffer: number }
  | { kind: 'apply'; v0: number; v1: number; counts: number[] }
  | { kind: 'rerank'; v0: number; v1: number };

/** A job's answer: leaf counts of grown trees, a pair or update count, and the milliseconds it took. */
export interface SearchReply {
  leafCounts?: number[];
  count?: number;
  ms: number;
}

/** The helper thread: runs the same functions on the same shared arrays, one job at a time. */
export class SearchHelper {
  private readonly thread: HelperThread<SearchJob, SearchReply>;

  constructor(state: SearchState) {
    this.thread = new HelperThread<SearchJob, SearchReply>(
      'kNN',
      [
        rowDot,
        rowSquaredDistance,
        rowKey,
        floatKey,
        int8Key,
        heapPush,
        listAdd,
        mix32,
        sampleCandidates,
        markSampled,
        generatePairs,
        applyPairs,
        rerankRange,
        projectOnto,
        floatSplit,
        int8Split,
        splitScratchBytes,
        treeRandom,
        growTree,
        joinLeaves,
      ],
      `(job, state) => {
        const started = performance.now();
        const s = state.source;
        state.key ??= s.kind === 'int8' ? int8Key(s.module, s.memory, s.stride, s.scale) : floatKey(s.data, s.dims, s.metric);
        const reply = {};
        if (job.kind === 'trees') {
          // The helper's own scratch space follows the main thread's, after the rows.
          const scratch = state.n * s.stride + splitScratchBytes(state.n, s.stride);
          state.split ??=
            s.kind === 'int8' ? int8Split(s.module, s.memory, s.stride, s.scale, scratch, state.n) : floatSplit(s.data, s.dims);
          const grow = (t) => growTree(state.n, state.leafSize, state.seed, t, state.split, state.orders[t], state.leafEnds[t]);
          reply.leafCounts = job.trees.map(grow);
        } else if (job.kind === 'leaves') {
          const offer = (i, j, d) => heapPush(state.heaps, i, j, d);
          joinLeaves(state.orders, state.leafEnds, job.leafCounts, state.key, offer, job.v0, job.v1);
        } else if (job.kind === 'sample') {
          sampleCandidates(state.heaps, state.fresh, state.old, state.n, job.salt, job.v0, job.v1);
        } else if (job.kind === 'mark') {
          markSampled(state.heaps, state.fresh, job.v0, job.v1);
        } else if (job.kind === 'generate') {
          reply.count = generatePairs(state.heaps, state.fresh, state.old, job.i0, job.i1, state.key, state.buffers[job.buffer]);
        } else if (job.kind === 'apply') {
          reply.count = applyPairs(state.heaps, state.buffers, job.counts, job.v0, job.v1);
        } else if (job.kind === 'rerank') {
          const r = state.rerank;
          state.floatKey ??= floatKey(r.data, r.dims, r.metric);
          rerankRange(state.heaps, job.v0, job.v1, state.floatKey, state.orig);
        }
        reply.ms = performance.now() - started;
        return reply;
      }`,
      state,
    );
  }

  start(job: SearchJob): void {
    this.thread.start(job);
  }

  /** Blocks until the helper's answer to the last job arrives. */
  finish(): SearchReply {
    return this.thread.finish();
  }

  close(): void {
    this.thread.close();
  }
}

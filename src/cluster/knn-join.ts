// The second core for NN-descent's local join, without giving up determinism.
// A helper thread evaluates the candidate pairs of the upper half of the tickets and keeps only the
// pairs that beat the worst neighbour either end had when the round began; the main thread joins
// the lower part itself, then offers the helper's pairs in ticket order. Where the two parts meet is
// moved each round so both threads finish their joins together; any split gives the same graph. A neighbour list's worst
// distance only shrinks during a round, so every pair the helper drops would have been refused
// anyway, and the heaps end exactly as the one-thread join leaves them (test/cluster/knn.test.ts),
// whatever the number of cores.
import { HelperThread, threadsAllowed } from '../numerics/threads.js';
import {
  floatKey,
  int8Key,
  joinRange,
  keptPairs,
  rowDot,
  rowKey,
  rowSquaredDistance,
  type CandidatePairs,
  type JoinCandidates,
  type Metric,
} from './knn-kernels.js';

/** Tickets below which a helper thread costs more than it saves. */
export const PARALLEL_JOIN_MIN_TICKETS = 8000;

/** Whether to start a helper: enough tickets, a second core, and not switched off by TICKETS_THREADS=1. */
export function parallelJoinWanted(n: number): boolean {
  if (n < PARALLEL_JOIN_MIN_TICKETS) return false;
  return threadsAllowed() >= 2;
}

/** What the helper computes distance keys from: the float rows, or the int8 rows in shared wasm memory. */
export type KeySource =
  | { kind: 'float'; data: Float32Array; dims: number; metric: Metric }
  | { kind: 'int8'; module: WebAssembly.Module; memory: WebAssembly.Memory; stride: number; scale: Float32Array };

type JoinJob = { i0: number; i1: number };

/** One helper thread running joinRange on shared vectors and candidate lists; used synchronously. */
export class JoinHelper {
  private readonly thread: HelperThread<JoinJob, CandidatePairs & { ms: number }>;

  constructor(source: KeySource, lists: JoinCandidates, worst: Float32Array) {
    // The helper runs keptPairs from the main thread's own source, so both compute bit-identical distance keys.
    this.thread = new HelperThread<JoinJob, CandidatePairs & { ms: number }>(
      'kNN',
      [rowDot, rowSquaredDistance, rowKey, floatKey, int8Key, joinRange, keptPairs],
      `({ i0, i1 }, context) => {
        const started = performance.now();
        const s = context.source;
        context.key ??= s.kind === 'int8' ? int8Key(s.module, s.memory, s.stride, s.scale) : floatKey(s.data, s.dims, s.metric);
        const out = keptPairs(context.lists, context.worst, i0, i1, context.key);
        const ms = performance.now() - started;
        return { count: out.count, p: out.p.slice(0, out.count), q: out.q.slice(0, out.count), d: out.d.slice(0, out.count), ms };
      }`,
      { source, lists, worst },
    );
  }
  /** Starts the helper on tickets i0..i1−1 (it reads the lists and `worst` as they are now). */
  start(i0: number, i1: number): void {
    this.thread.start({ i0, i1 });
  }

  /** Blocks until the helper's pairs arrive, with the milliseconds it worked. */
  finish(): CandidatePairs & { ms: number } {
    return this.thread.finish();
  }

  close(): void {
    this.thread.close();
  }
}

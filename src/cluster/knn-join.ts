// The second core for NN-descent's local join, without giving up determinism.
// A helper thread evaluates the candidate pairs of the upper half of the tickets and keeps only the
// pairs that beat the worst neighbour either end had when the round began; the main thread joins
// the lower half itself, then offers the helper's pairs in ticket order. A neighbour list's worst
// distance only shrinks during a round, so every pair the helper drops would have been refused
// anyway, and the heaps end exactly as the one-thread join leaves them (test/cluster/knn.test.ts),
// whatever the number of cores.
import { HelperThread, threadsAllowed } from '../numerics/threads.js';
import {
  joinRange,
  keptPairs,
  rowDot,
  rowDot2,
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

type JoinJob = { i0: number; i1: number };

/** One helper thread running joinRange on shared vectors and candidate lists; used synchronously. */
export class JoinHelper {
  private readonly thread: HelperThread<JoinJob, CandidatePairs>;

  constructor(data: Float32Array, dims: number, metric: Metric, lists: JoinCandidates, worst: Float32Array) {
    // The helper runs keptPairs from the main thread's own source, so both compute bit-identical distance keys.
    this.thread = new HelperThread<JoinJob, CandidatePairs>(
      'kNN',
      [rowDot, rowDot2, rowSquaredDistance, rowKey, joinRange, keptPairs],
      `({ i0, i1 }, { data, dims, metric, lists, worst }) => {
        const out = keptPairs(data, dims, metric, lists, worst, i0, i1);
        return { count: out.count, p: out.p.slice(0, out.count), q: out.q.slice(0, out.count), d: out.d.slice(0, out.count) };
      }`,
      { data, dims, metric, lists, worst },
    );
  }

  /** Starts the helper on tickets i0..i1−1 (it reads the lists and `worst` as they are now). */
  start(i0: number, i1: number): void {
    this.thread.start({ i0, i1 });
  }

  /** Blocks until the helper's pairs arrive. */
  finish(): CandidatePairs {
    return this.thread.finish();
  }

  close(): void {
    this.thread.close();
  }
}

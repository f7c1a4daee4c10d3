// The randomized SVD's products on one or two threads, with bit-identical results either way: rows
// are independent in X·M and A·T (each row is summed in the same order whoever computes it), and
// AᵀA is always summed as two fixed halves, lower + upper, however many threads there are (on two, each thread
// sums both halves of the rows of AᵀA it claims). Both threads claim blocks from a shared counter, so a thread
// slowed by the machine's load does less of the work instead of holding the other up.
// (Fitting the lexical embedder's SVD on 50,000 tickets is otherwise most of its time.)
import { claimBlocks, HelperThread, sharedCopy, threadsAllowed, zeroed } from '../../numerics/threads.js';
import type { SparseRows } from './sparse.js';
import { denseTimesSmallRows, gramRows, sparseTimesDenseRows, sparseTimesSignsRows } from './svd-kernels.js';

/** Rows below which a helper thread costs more than it saves. */
export const PARALLEL_SVD_MIN_ROWS = 4000;

/** Threads for an SVD of `rows` rows: 2 with a second core, unless TICKETS_THREADS=1 says otherwise. */
export function svdThreads(rows: number): number {
  if (rows < PARALLEL_SVD_MIN_ROWS) return 1;
  return threadsAllowed() >= 2 ? 2 : 1;
}

/** An even row near the middle, fixed by the row count alone: where the two halves of AᵀA meet. */
export function evenHalf(rows: number): number {
  return (rows >> 2) << 1;
}

/** Rows per claim of the row-wise products (even: A·T pairs rows from an even row, as it does on one thread). */
const CLAIM_ROWS = 64;

/** Rows of AᵀA per claim (even: its kernel pairs them, from an even row, as on one thread). */
const CLAIM_GRAM_ROWS = 16;

type Job =
  | { op: 'times'; which: 'x' | 'xt'; m: Float32Array; width: number; out: Float32Array }
  | { op: 'signs'; signs: Int8Array; width: number; out: Float32Array }
  | {
      op: 'gram';
      a: Float32Array;
      width: number;
      lower: Float64Array;
      upper: Float64Array;
      split: number;
      rows: number;
    }
  | { op: 'small'; a: Float32Array; width: number; t: Float64Array; out: number; result: Float32Array; rows: number };

type SvdThread = HelperThread<Job, object>;

/** A helper thread running the kernels on the blocks it claims from `next`; X and Xᵀ are shared with it once. */
function svdHelper(x: SparseRows, xt: SparseRows, next: Int32Array): SvdThread {
  const share = (s: SparseRows) => ({
    rows: s.rows,
    indptr: sharedCopy(s.indptr),
    indices: sharedCopy(s.indices),
    values: sharedCopy(s.values),
  });
  return new HelperThread<Job, object>(
    'SVD',
    [claimBlocks, sparseTimesDenseRows, sparseTimesSignsRows, gramRows, denseTimesSmallRows],
    `(job, { x, xt, next }) => {
      if (job.op === 'times') {
        const s = job.which === 'x' ? x : xt;
        claimBlocks(next, s.rows, ${CLAIM_ROWS}, (i0, i1) =>
          sparseTimesDenseRows(s.indptr, s.indices, s.values, job.m, job.width, job.out, i0, i1));
      } else if (job.op === 'signs') {
        claimBlocks(next, x.rows, ${CLAIM_ROWS}, (i0, i1) =>
          sparseTimesSignsRows(x.indptr, x.indices, x.values, job.signs, job.width, job.out, i0, i1));
      } else if (job.op === 'gram') {
        claimBlocks(next, job.width, ${CLAIM_GRAM_ROWS}, (p0, p1) => {
          gramRows(job.a, job.width, job.lower, 0, job.split, p0, p1);
          gramRows(job.a, job.width, job.upper, job.split, job.rows, p0, p1);
        });
      } else {
        claimBlocks(next, job.rows, ${CLAIM_ROWS}, (i0, i1) =>
          denseTimesSmallRows(job.a, job.width, job.t, job.out, job.result, i0, i1));
      }
    }`,
    { x: share(x), xt: share(xt), next },
  );
}

/** AᵀA and A·T, on this thread or shared with a helper thread (both claim blocks of rows from `next`). */
export class DenseProducts {
  constructor(
    protected readonly helper: SvdThread | null,
    private readonly next = new Int32Array(new SharedArrayBuffer(4)),
  ) {}

  /** AᵀA for a row-major rows×width A (full symmetric result). */
  gram(a: Float32Array, rows: number, width: number): Float64Array {
    const split = evenHalf(rows);
    const lower = zeroed(Float64Array, width * width, this.helper !== null);
    const upper = zeroed(Float64Array, width * width, this.helper !== null);
    if (this.helper) {
      const shared = sharedCopy(a);
      this.both({ op: 'gram', a: shared, width, lower, upper, split, rows }, width, CLAIM_GRAM_ROWS, (p0, p1) => {
        gramRows(shared, width, lower, 0, split, p0, p1);
        gramRows(shared, width, upper, split, rows, p0, p1);
      });
    } else {
      gramRows(a, width, lower, 0, split);
      gramRows(a, width, upper, split, rows);
    }
    for (let p = 0; p < width; p++) {
      for (let c = p; c < width; c++) lower[p * width + c] += upper[p * width + c];
      for (let c = 0; c < p; c++) lower[p * width + c] = lower[c * width + p];
    }
    return lower;
  }

  /** A (rows×width) · T (width×out), both row-major. */
  timesSmall(a: Float32Array, rows: number, width: number, t: Float64Array, out: number): Float32Array {
    const result = this.zeros(rows * out);
    if (!this.helper) {
      denseTimesSmallRows(a, width, t, out, result, 0, rows);
      return result;
    }
    const job = { op: 'small', a: sharedCopy(a), width, t: sharedCopy(t), out, result, rows } as const;
    this.both(job, rows, CLAIM_ROWS, (i0, i1) => denseTimesSmallRows(job.a, width, job.t, out, result, i0, i1));
    return result;
  }

  /** `job` on the helper while this thread runs `mine`, both claiming blocks of `block` of 0..count−1. */
  protected both(job: Job, count: number, block: number, mine: (i0: number, i1: number) => void): void {
    if (!this.helper) throw new Error('both() without a helper thread');
    Atomics.store(this.next, 0, 0);
    this.helper.start(job);
    claimBlocks(this.next, count, block, mine);
    this.helper.finish();
  }

  /** A zeroed float32 matrix, in shared memory when a helper will write to or read it. */
  zeros(length: number): Float32Array {
    return zeroed(Float32Array, length, this.helper !== null);
  }

  close(): void {
    this.helper?.close();
  }
}

/** X·M, Xᵀ·M, AᵀA and A·T for one SVD, on `threads` (1 or 2) threads. Call close() when done. */
export class SvdProducts extends DenseProducts {
  constructor(
    private readonly x: SparseRows,
    private readonly xt: SparseRows,
    threads: number,
  ) {
    const next = new Int32Array(new SharedArrayBuffer(4));
    super(threads >= 2 ? svdHelper(x, xt, next) : null, next);
  }

  /**
   * X·M (which = 'x') or Xᵀ·M (which = 'xt', with Xᵀ stored as rows), into `reuse` when given: a block no longer
   * needed, at least as long and from zeros(), so no fresh memory is touched (at 20,000 tickets each fresh
   * block costs as much in page faults as a tenth of the product).
   */
  times(which: 'x' | 'xt', m: Float32Array, width: number, reuse?: Float32Array): Float32Array {
    const s = which === 'x' ? this.x : this.xt;
    const out = reuse ? reuse.subarray(0, s.rows * width) : this.zeros(s.rows * width);
    if (!this.helper) {
      sparseTimesDenseRows(s.indptr, s.indices, s.values, m, width, out, 0, s.rows);
      return out;
    }
    const shared = sharedCopy(m);
    this.both({ op: 'times', which, m: shared, width, out }, s.rows, CLAIM_ROWS, (i0, i1) =>
      sparseTimesDenseRows(s.indptr, s.indices, s.values, shared, width, out, i0, i1),
    );
    return out;
  }

  /** A zeroed int8 matrix for the ±1 test matrix, shared with the helper when there is one. */
  signs(length: number): Int8Array {
    return zeroed(Int8Array, length, this.helper !== null);
  }

  /** X·S for a ±1 matrix S (cols×width) from signs(): the values X·M gives with S stored as float32. */
  timesSigns(signs: Int8Array, width: number): Float32Array {
    const x = this.x;
    const out = this.zeros(x.rows * width);
    if (!this.helper) {
      sparseTimesSignsRows(x.indptr, x.indices, x.values, signs, width, out, 0, x.rows);
      return out;
    }
    this.both({ op: 'signs', signs, width, out }, x.rows, CLAIM_ROWS, (i0, i1) =>
      sparseTimesSignsRows(x.indptr, x.indices, x.values, signs, width, out, i0, i1),
    );
    return out;
  }
}

// The randomized SVD's products on one or two threads, with bit-identical results either way: rows
// are independent in X·M and A·T (each row is summed in the same order whoever computes it), and
// AᵀA is always summed as two fixed halves, lower + upper, however many threads there are.
// (Fitting the lexical embedder's SVD on 50,000 tickets is otherwise most of its time.)
import { HelperThread, sharedCopy, threadsAllowed } from '../../numerics/threads.js';
import type { SparseRows } from './sparse.js';
import { denseTimesSmallRows, gramRows, sparseTimesDenseRows, sparseTimesSignsRows } from './svd-kernels.js';

/** Rows below which a helper thread costs more than it saves. */
export const PARALLEL_SVD_MIN_ROWS = 4000;

/** Threads for an SVD of `rows` rows: 2 with a second core, unless TICKETS_THREADS=1 says otherwise. */
export function svdThreads(rows: number): number {
  if (rows < PARALLEL_SVD_MIN_ROWS) return 1;
  return threadsAllowed() >= 2 ? 2 : 1;
}

/**
 * An even row near the middle, fixed by the row count alone: where the two halves of AᵀA meet, and
 * where A·T is split (an even split keeps each row in the same two-row block as on one thread).
 */
export function evenHalf(rows: number): number {
  return (rows >> 2) << 1;
}

/** Even row splitting X's entries about in half, so both threads get the same work. */
function entrySplit(x: SparseRows): number {
  const half = x.indptr[x.rows] / 2;
  let lo = 0;
  let hi = x.rows;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x.indptr[mid] < half) lo = mid + 1;
    else hi = mid;
  }
  return lo & ~1;
}

type Job =
  | { op: 'times'; which: 'x' | 'xt'; m: Float32Array; width: number; out: Float32Array; i0: number; i1: number }
  | { op: 'signs'; signs: Int8Array; width: number; out: Float32Array; i0: number; i1: number }
  | { op: 'gram'; a: Float32Array; width: number; g: Float64Array; i0: number; i1: number }
  | {
      op: 'small';
      a: Float32Array;
      width: number;
      t: Float64Array;
      out: number;
      result: Float32Array;
      i0: number;
      i1: number;
    };

type SvdThread = HelperThread<Job, object>;

/** A helper thread running the kernels on the rows it is given; X and Xᵀ are shared with it once. */
function svdHelper(x: SparseRows, xt: SparseRows): SvdThread {
  const share = (s: SparseRows) => ({
    indptr: sharedCopy(s.indptr),
    indices: sharedCopy(s.indices),
    values: sharedCopy(s.values),
  });
  return new HelperThread<Job, object>(
    'SVD',
    [sparseTimesDenseRows, sparseTimesSignsRows, gramRows, denseTimesSmallRows],
    `(job, { x, xt }) => {
      if (job.op === 'times') {
        const s = job.which === 'x' ? x : xt;
        sparseTimesDenseRows(s.indptr, s.indices, s.values, job.m, job.width, job.out, job.i0, job.i1);
      } else if (job.op === 'signs') {
        sparseTimesSignsRows(x.indptr, x.indices, x.values, job.signs, job.width, job.out, job.i0, job.i1);
      } else if (job.op === 'gram') {
        gramRows(job.a, job.width, job.g, job.i0, job.i1);
      } else {
        denseTimesSmallRows(job.a, job.width, job.t, job.out, job.result, job.i0, job.i1);
      }
    }`,
    { x: share(x), xt: share(xt) },
  );
}

/** AᵀA and A·T, on this thread or split with a helper thread. */
export class DenseProducts {
  constructor(protected readonly helper: SvdThread | null) {}

  /** AᵀA for a row-major rows×width A (full symmetric result). */
  gram(a: Float32Array, rows: number, width: number): Float64Array {
    const split = evenHalf(rows);
    const lower = new Float64Array(width * width);
    const upper = this.helper
      ? new Float64Array(new SharedArrayBuffer(width * width * 8))
      : new Float64Array(width * width);
    if (this.helper) {
      this.helper.start({ op: 'gram', a: sharedCopy(a), width, g: upper, i0: split, i1: rows });
      gramRows(a, width, lower, 0, split);
      this.helper.finish();
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
    const split = evenHalf(rows);
    this.helper.start({ op: 'small', a: sharedCopy(a), width, t: sharedCopy(t), out, result, i0: split, i1: rows });
    denseTimesSmallRows(a, width, t, out, result, 0, split);
    this.helper.finish();
    return result;
  }

  /** A zeroed float32 matrix, in shared memory when a helper will write to or read it. */
  zeros(length: number): Float32Array {
    return this.helper ? new Float32Array(new SharedArrayBuffer(length * 4)) : new Float32Array(length);
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
    super(threads >= 2 ? svdHelper(x, xt) : null);
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
    const split = entrySplit(s);
    this.helper.start({ op: 'times', which, m: sharedCopy(m), width, out, i0: split, i1: s.rows });
    sparseTimesDenseRows(s.indptr, s.indices, s.values, m, width, out, 0, split);
    this.helper.finish();
    return out;
  }

  /** A zeroed int8 matrix for the ±1 test matrix, shared with the helper when there is one. */
  signs(length: number): Int8Array {
    return this.helper ? new Int8Array(new SharedArrayBuffer(length)) : new Int8Array(length);
  }

  /** X·S for a ±1 matrix S (cols×width) from signs(): the values X·M gives with S stored as float32. */
  timesSigns(signs: Int8Array, width: number): Float32Array {
    const x = this.x;
    const out = this.zeros(x.rows * width);
    if (!this.helper) {
      sparseTimesSignsRows(x.indptr, x.indices, x.values, signs, width, out, 0, x.rows);
      return out;
    }
    const split = entrySplit(x);
    this.helper.start({ op: 'signs', signs, width, out, i0: split, i1: x.rows });
    sparseTimesSignsRows(x.indptr, x.indices, x.values, signs, width, out, 0, split);
    this.helper.finish();
    return out;
  }
}

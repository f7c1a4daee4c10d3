// The randomized SVD's products on one or two threads, with bit-identical results either way: rows
// are independent in X·M and A·T (each row is summed in the same order whoever computes it), and
// AᵀA is always summed as two fixed halves, lower + upper, however many threads there are.
// (Fitting the lexical embedder's SVD on 50,000 tickets is otherwise most of its time.)
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { sharedCopy, threadsAllowed } from '../../threads.js';
import type { SparseRows } from './sparse.js';
import { denseTimesSmallRows, gramRows, sparseTimesDenseRows } from './svd-kernels.js';

/** Rows below which a helper thread costs more than it saves. */
export const PARALLEL_SVD_MIN_ROWS = 4000;

/** Threads for an SVD of `rows` rows: 2 with a second core, unless TICKETS_THREADS=1 says otherwise. */
export function svdThreads(rows: number): number {
  if (rows < PARALLEL_SVD_MIN_ROWS) return 1;
  return threadsAllowed() >= 2 ? 2 : 1;
}

/** Where the two halves of AᵀA meet: an even row near the middle, fixed by the row count alone. */
export function gramSplit(rows: number): number {
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
  | { op: 'times'; which: 'x' | 'xt'; m: Float64Array; width: number; out: Float64Array; i0: number; i1: number }
  | { op: 'gram'; a: Float64Array; width: number; g: Float64Array; i0: number; i1: number }
  | { op: 'small'; a: Float64Array; width: number; t: Float64Array; out: number; result: Float64Array; i0: number; i1: number };

/** One helper thread that runs the kernels on the rows it is given, on shared arrays; used synchronously. */
class SvdHelper {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly done = new Int32Array(new SharedArrayBuffer(4));

  constructor(x: SparseRows, xt: SparseRows) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const share = (s: SparseRows) => ({ indptr: sharedCopy(s.indptr), indices: sharedCopy(s.indices), values: sharedCopy(s.values) });
    const source = `
      const { workerData } = require('node:worker_threads');
      ${sparseTimesDenseRows.toString()}
      ${gramRows.toString()}
      ${denseTimesSmallRows.toString()}
      const { x, xt, done, port } = workerData;
      port.on('message', (job) => {
        try {
          if (job.op === 'times') {
            const s = job.which === 'x' ? x : xt;
            sparseTimesDenseRows(s.indptr, s.indices, s.values, job.m, job.width, job.out, job.i0, job.i1);
          } else if (job.op === 'gram') {
            gramRows(job.a, job.width, job.g, job.i0, job.i1);
          } else {
            denseTimesSmallRows(job.a, job.width, job.t, job.out, job.result, job.i0, job.i1);
          }
          port.postMessage({});
        } catch (error) {
          // The main thread is blocked in Atomics.wait: it learns of a failure only from a message.
          port.postMessage({ error: String((error && error.stack) || error) });
        }
        Atomics.store(done, 0, 1);
        Atomics.notify(done, 0);
      });`;
    this.worker = new Worker(source, {
      eval: true,
      workerData: { x: share(x), xt: share(xt), done: this.done, port: port2 },
      transferList: [port2],
    });
    this.worker.unref();
  }

  start(job: Job): void {
    Atomics.store(this.done, 0, 0);
    this.port.postMessage(job);
  }

  finish(): void {
    // Atomics.wait returns at once when the helper already finished; the timeout only guards a dead thread.
    while (Atomics.load(this.done, 0) === 0) {
      if (Atomics.wait(this.done, 0, 0, 600_000) === 'timed-out') throw new Error('SVD helper thread did not answer');
    }
    const message = receiveMessageOnPort(this.port);
    const reply = message?.message as { error?: string } | undefined;
    if (!reply) throw new Error('SVD helper thread sent no reply');
    if (reply.error) throw new Error(`SVD helper thread failed: ${reply.error}`);
  }

  close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

/** X·M, Xᵀ·M, AᵀA and A·T for one SVD, on `threads` (1 or 2) threads. Call close() when done. */
export class SvdProducts {
  private readonly helper: SvdHelper | null;

  constructor(
    private readonly x: SparseRows,
    private readonly xt: SparseRows,
    threads: number,
  ) {
    this.helper = threads >= 2 ? new SvdHelper(x, xt) : null;
  }

  /** X·M (which = 'x') or Xᵀ·M (which = 'xt', with Xᵀ stored as rows). */
  times(which: 'x' | 'xt', m: Float64Array, width: number): Float64Array {
    const s = which === 'x' ? this.x : this.xt;
    const out = this.zeros(s.rows * width);
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

  /** AᵀA for a row-major rows×width A (full symmetric result). */
  gram(a: Float64Array, rows: number, width: number): Float64Array {
    const split = gramSplit(rows);
    const lower = new Float64Array(width * width);
    const upper = this.zeros(width * width);
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
  timesSmall(a: Float64Array, rows: number, width: number, t: Float64Array, out: number): Float64Array {
    const result = this.zeros(rows * out);
    if (!this.helper) {
      denseTimesSmallRows(a, width, t, out, result, 0, rows);
      return result;
    }
    const split = (rows >> 2) << 1;
    this.helper.start({ op: 'small', a: sharedCopy(a), width, t: sharedCopy(t), out, result, i0: split, i1: rows });
    denseTimesSmallRows(a, width, t, out, result, 0, split);
    this.helper.finish();
    return result;
  }

  close(): void {
    this.helper?.close();
  }

  /** A zeroed matrix, in shared memory when a helper will write to or read it. */
  zeros(length: number): Float64Array {
    return this.helper ? new Float64Array(new SharedArrayBuffer(length * 8)) : new Float64Array(length);
  }
}

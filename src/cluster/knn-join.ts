// The second core for NN-descent's local join, without giving up determinism.
// A helper thread evaluates the candidate pairs of the upper half of the tickets and keeps only the
// pairs that beat the worst neighbour either end had when the round began; the main thread joins
// the lower half itself, then offers the helper's pairs in ticket order. A neighbour list's worst
// distance only shrinks during a round, so every pair the helper drops would have been refused
// anyway, and the heaps end exactly as the one-thread join leaves them (test/cluster/knn.test.ts),
// whatever the number of cores.
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { threadsAllowed } from '../threads.js';
import { joinRange, keptPairs, rowDot, rowDot2, rowKey, rowSquaredDistance, type CandidatePairs, type JoinCandidates, type Metric } from './knn-kernels.js';

/** Tickets below which a helper thread costs more than it saves. */
export const PARALLEL_JOIN_MIN_TICKETS = 8000;

/** Whether to start a helper: enough tickets, a second core, and not switched off by TICKETS_THREADS=1. */
export function parallelJoinWanted(n: number): boolean {
  if (n < PARALLEL_JOIN_MIN_TICKETS) return false;
  return threadsAllowed() >= 2;
}

/** One helper thread running joinRange on shared vectors and candidate lists; used synchronously. */
export class JoinHelper {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly done = new Int32Array(new SharedArrayBuffer(4));

  constructor(data: Float32Array, dims: number, metric: Metric, lists: JoinCandidates, worst: Float32Array) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    // The helper runs the very functions the main thread runs (their source), so both compute
    // bit-identical distance keys, from src under the test runner and from dist when installed.
    const source = `
      const { workerData } = require('node:worker_threads');
      ${rowDot.toString()}
      ${rowDot2.toString()}
      ${rowSquaredDistance.toString()}
      ${rowKey.toString()}
      ${joinRange.toString()}
      ${keptPairs.toString()}
      const { data, dims, metric, lists, worst, done, port } = workerData;
      port.on('message', ({ i0, i1 }) => {
        try {
          const out = keptPairs(data, dims, metric, lists, worst, i0, i1);
          const p = out.p.slice(0, out.count), q = out.q.slice(0, out.count), d = out.d.slice(0, out.count);
          port.postMessage({ p, q, d }, [p.buffer, q.buffer, d.buffer]);
        } catch (error) {
          // The main thread is blocked in Atomics.wait: it learns of a failure only from a message.
          port.postMessage({ error: String(error && error.stack || error) });
        }
        Atomics.store(done, 0, 1);
        Atomics.notify(done, 0);
      });`;
    this.worker = new Worker(source, {
      eval: true,
      workerData: { data, dims, metric, lists, worst, done: this.done, port: port2 },
      transferList: [port2],
    });
    this.worker.unref();
  }

  /** Starts the helper on tickets i0..i1−1 (it reads the lists and `worst` as they are now). */
  start(i0: number, i1: number): void {
    Atomics.store(this.done, 0, 0);
    this.port.postMessage({ i0, i1 });
  }

  /** Blocks until the helper's pairs arrive. */
  finish(): CandidatePairs {
    // Atomics.wait returns at once when the helper already finished; the timeout only guards a dead thread.
    while (Atomics.load(this.done, 0) === 0) {
      if (Atomics.wait(this.done, 0, 0, 600_000) === 'timed-out') throw new Error('kNN helper thread did not answer');
    }
    const message = receiveMessageOnPort(this.port);
    if (!message) throw new Error('kNN helper thread sent no pairs');
    const reply = message.message as { p: Int32Array; q: Int32Array; d: Float64Array; error?: string };
    if (reply.error) throw new Error(`kNN helper thread failed: ${reply.error}`);
    const { p, q, d } = reply;
    return { count: p.length, p, q, d };
  }

  close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

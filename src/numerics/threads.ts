// Shared by the steps that use a second core (the lexical embedder's SVD, the kNN join): how many
// threads the user allows, typed arrays in shared memory that a helper thread reads in place, and
// the helper thread itself.
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/** Threads the machine offers, or TICKETS_THREADS when set (1 keeps everything on one thread). */
export function threadsAllowed(): number {
  const threads = Number(process.env.TICKETS_THREADS ?? availableParallelism());
  return Number.isFinite(threads) ? threads : 1;
}

/** The array in shared memory, copied there unless it already is. */
export function sharedCopy<T extends Int32Array | Float32Array | Float64Array>(source: T): T {
  if (source.buffer instanceof SharedArrayBuffer) return source;
  const Kind = source.constructor as { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };
  const out = new Kind(new SharedArrayBuffer(source.length * Kind.BYTES_PER_ELEMENT));
  out.set(source);
  return out;
}

/**
 * A helper thread used synchronously: the main thread posts a job, does its own share of the work,
 * then blocks in finish() until the reply. The worker runs `functions` from their source, so both
 * threads compute with the very same code (from src under the test runner, from dist when installed),
 * and `handler`, the source of `(job, context) => reply`; `context` is sent once, at the start.
 */
export class HelperThread<Job, Reply extends object> {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly done = new Int32Array(new SharedArrayBuffer(4));

  constructor(
    private readonly name: string,
    functions: readonly ((...args: never[]) => unknown)[],
    handler: string,
    context: unknown,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const source = `
      const { workerData } = require('node:worker_threads');
      ${functions.map((f) => f.toString()).join('\n')}
      const { context, done, port } = workerData;
      const handle = ${handler};
      port.on('message', (job) => {
        try {
          const reply = handle(job, context) || {};
          // Arrays of the reply not in shared memory are moved to the main thread, not copied.
          const moved = Object.values(reply).filter((v) => ArrayBuffer.isView(v) && !(v.buffer instanceof SharedArrayBuffer));
          port.postMessage(reply, moved.map((v) => v.buffer));
        } catch (error) {
          // The main thread is blocked in Atomics.wait: it learns of a failure only from a message.
          port.postMessage({ error: String((error && error.stack) || error) });
        }
        Atomics.store(done, 0, 1);
        Atomics.notify(done, 0);
      });`;
    this.worker = new Worker(source, {
      eval: true,
      workerData: { context, done: this.done, port: port2 },
      transferList: [port2],
    });
    this.worker.unref();
  }

  start(job: Job): void {
    Atomics.store(this.done, 0, 0);
    this.port.postMessage(job);
  }

  /** Blocks until the helper's reply to the last job arrives. */
  finish(): Reply {
    // Atomics.wait returns at once when the helper already finished; the timeout only guards a dead thread.
    while (Atomics.load(this.done, 0) === 0) {
      if (Atomics.wait(this.done, 0, 0, 600_000) === 'timed-out')
        throw new Error(`${this.name} helper thread did not answer`);
    }
    const message = receiveMessageOnPort(this.port);
    if (!message) throw new Error(`${this.name} helper thread sent no reply`);
    const reply = message.message as Reply & { error?: string };
    if (reply.error) throw new Error(`${this.name} helper thread failed: ${reply.error}`);
    return reply;
  }

  close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

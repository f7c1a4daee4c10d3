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

type NumberArray = Int8Array | Int32Array | Float32Array | Float64Array;

/** The constructor of a NumberArray kind (Int32Array, Float32Array, ...). */
export interface ArrayKind<T extends NumberArray> {
  new (length: number): T;
  new (buffer: SharedArrayBuffer): T;
  BYTES_PER_ELEMENT: number;
}

/**
 * A zeroed array of `length`, in shared memory when `shared`: an array a helper thread will read is best born there,
 * as sharedCopy then hands it over as it is instead of copying it (tens of milliseconds per 10 MB on this machine).
 */
export function zeroed<T extends NumberArray>(Kind: ArrayKind<T>, length: number, shared: boolean): T {
  return shared ? new Kind(new SharedArrayBuffer(length * Kind.BYTES_PER_ELEMENT)) : new Kind(length);
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
 * A module a helper thread can import: `file` next to the module at `from` (its import.meta.url). Under the test
 * runner that module is TypeScript, which Node 20's workers cannot load, so the helper imports the build's copy in
 * dist/ (`npm test` builds first; after editing src, `npm run build` before running a test file alone).
 */
export function helperModule(from: string, file: string): URL {
  const url = new URL(file, from);
  if (!from.endsWith('.ts')) return url;
  const at = url.pathname.lastIndexOf('/src/');
  return new URL(`${url.pathname.slice(0, at)}/dist/${url.pathname.slice(at + 5)}`, url);
}

/**
 * A helper thread used synchronously: the main thread posts a job, does its own share of the work,
 * then blocks in finish() until the reply. The worker runs `functions` from their source, so both
 * threads compute with the very same code (from src under the test runner, from dist when installed),
 * and `handler`, the source of `(job, context) => reply`; `context` is sent once, at the start.
 * HelperThread.fromModule runs a module's exported handler instead, for work that needs whole modules
 * (the tokenizer and stemmer of the lexical embedder's rows).
 */
export class HelperThread<Job, Reply extends object> {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly done = new Int32Array(new SharedArrayBuffer(4));

  constructor(name: string, functions: readonly ((...args: never[]) => unknown)[], handler: string, context: unknown);
  constructor(name: string, functions: null, handler: string, context: unknown, module: URL);
  constructor(
    private readonly name: string,
    functions: readonly ((...args: never[]) => unknown)[] | null,
    handler: string,
    context: unknown,
    module?: URL,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    // A module that fails to load answers every job with its error, so finish() reports it instead of waiting.
    const listen = functions
      ? `${functions.map((f) => f.toString()).join('\n')}
        listen(${handler});`
      : `import(workerData.module).then(
          (loaded) => listen(loaded[${JSON.stringify(handler)}]),
          (error) => listen(() => { throw error; }));`;
    const source = `
      const { workerData } = require('node:worker_threads');
      const { context, done, port } = workerData;
      function listen(handle) {
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
        });
      }
      ${listen}`;
    this.worker = new Worker(source, {
      eval: true,
      workerData: { context, done: this.done, port: port2, module: module?.href },
      transferList: [port2],
    });
    this.worker.unref();
  }

  /** A helper thread running `handler`, a function exported by the module at `module` (see helperModule). */
  static fromModule<Job, Reply extends object>(
    name: string,
    module: URL,
    handler: string,
    context: unknown,
  ): HelperThread<Job, Reply> {
    return new HelperThread<Job, Reply>(name, null, handler, context, module);
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

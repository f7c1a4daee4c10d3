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

/**
 * Calls run(i0, i1) on blocks of `block` of 0..count−1 claimed from next[0] until none is left: when both threads
 * claim, both stay busy however the machine's load slows either. Self-contained: a helper thread runs its source.
 */
export function claimBlocks(
  next: Int32Array,
  count: number,
  block: number,
  run: (i0: number, i1: number) => void,
): void {
  for (let i0 = Atomics.add(next, 0, block); i0 < count; i0 = Atomics.add(next, 0, block))
    run(i0, Math.min(count, i0 + block));
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

/** How often a waiting finish() checks that the helper thread is still alive (a dead one is reported by then). */
const LIVENESS_CHECK_MS = 50;

/** A helper thread that sent nothing for this long is reported as hung. */
const ANSWER_TIMEOUT_MS = 600_000;

// The helper thread's script: it runs every HelperThread's jobs, each installed with its own port, done flag and
// context (the source of its functions and handler, or a module to import).
const HELPER_SOURCE = `
  const { workerData } = require('node:worker_threads');
  workerData.control.on('message', ({ port, done, context, functions, handler, module }) => {
    // A module that fails to load answers every job with its error, so finish() reports it instead of waiting.
    if (module) {
      import(module).then(
        (loaded) => listen(port, done, context, loaded[handler]),
        (error) => listen(port, done, context, () => { throw error; }));
    } else listen(port, done, context, new Function(functions + '\\nreturn (' + handler + ');')());
  });
  // A finished HelperThread's arrays in shared memory (tens of MB: the SVD's X and Xᵀ) are freed only when every
  // thread holding them has collected its garbage; an idle helper collects none, so it does so when one closes.
  require('node:v8').setFlagsFromString('--expose-gc');
  const collect = require('node:vm').runInNewContext('gc');
  function listen(port, done, context, handle) {
    port.on('close', () => setImmediate(collect));
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
  }`;

// The watcher's script: it starts the helper thread and, its own event loop being free while the main thread blocks
// in Atomics.wait, hears the helper's death (an exit, an uncaught error, running out of memory) and tells the main
// thread through shared memory and a port it reads synchronously.
const WATCHER_SOURCE = `
  const { Worker, workerData } = require('node:worker_threads');
  const { helperSource, control, stopped, reasons } = workerData;
  const helper = new Worker(helperSource, { eval: true, workerData: { control }, transferList: [control] });
  let told = false;
  const tell = (reason) => {
    if (told) return;
    told = true;
    reasons.postMessage(reason);
    Atomics.store(stopped, 0, 1);
    reasons.close();
  };
  helper.on('error', (error) => tell(String((error && error.message) || error)));
  helper.on('exit', (code) => tell('exit code ' + code));`;

/**
 * The one helper thread of the process, shared by every HelperThread in turn: a thread's start (Node's bootstrap and
 * compile, 0.1-0.3 s at load 8) is paid once per run instead of once per step. It runs under a watcher thread.
 */
class SharedHelper {
  private static current: SharedHelper | null = null;
  /** HelperThreads started so far (numbering their module instances). */
  static sessions = 0;
  readonly control: MessagePort;
  private readonly watcher: Worker;
  private readonly stoppedFlag = new Int32Array(new SharedArrayBuffer(4));
  private readonly reasons: MessagePort;
  private reason: string | null = null;

  private constructor() {
    const control = new MessageChannel();
    const reasons = new MessageChannel();
    this.control = control.port1;
    this.reasons = reasons.port1;
    this.watcher = new Worker(WATCHER_SOURCE, {
      eval: true,
      workerData: {
        helperSource: HELPER_SOURCE,
        control: control.port2,
        stopped: this.stoppedFlag,
        reasons: reasons.port2,
      },
      transferList: [control.port2, reasons.port2],
    });
    this.watcher.unref();
  }

  /** The running helper thread, started now if there is none or it has stopped. */
  static get(): SharedHelper {
    if (!SharedHelper.current || SharedHelper.current.stopped() !== null) SharedHelper.current = new SharedHelper();
    return SharedHelper.current;
  }

  /** Why the helper thread stopped, or null while it runs. */
  stopped(): string | null {
    if (Atomics.load(this.stoppedFlag, 0) === 0) return null;
    this.reason ??= String(receiveMessageOnPort(this.reasons)?.message ?? 'stopped');
    return this.reason;
  }
}

/** Tickets from which some step takes a second thread (the lexical embedder's SVD, from 4,000 fitted rows). */
export const HELPER_THREAD_MIN_TICKETS = 4000;

/**
 * Starts the helper thread ahead of its first job, for an export of `tickets` tickets when some step will use it:
 * its start (0.1-0.6 s under load) then runs beside the main thread's earlier work.
 */
export function startHelperThread(tickets: number): void {
  if (tickets >= HELPER_THREAD_MIN_TICKETS && threadsAllowed() >= 2) SharedHelper.get();
}

/**
 * A helper thread used synchronously: the main thread posts a job, does its own share of the work,
 * then blocks in finish() until the reply. The worker runs `functions` from their source, so both
 * threads compute with the very same code (from src under the test runner, from dist when installed),
 * and `handler`, the source of `(job, context) => reply`; `context` is sent once, at the start.
 * HelperThread.fromModule runs a module's exported handler instead, for work that needs whole modules
 * (the tokenizer and stemmer of the lexical embedder's rows). Every HelperThread of the process runs on the same
 * thread (SharedHelper); a job started while another's is unfinished waits for it there.
 */
export class HelperThread<Job, Reply extends object> {
  private readonly thread: SharedHelper;
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
    this.thread = SharedHelper.get();
    this.thread.control.postMessage(
      {
        port: port2,
        done: this.done,
        context,
        functions: functions?.map((f) => f.toString()).join('\n') ?? '',
        handler,
        // A module of its own per HelperThread (a fresh instance, its imports shared), as when each had its thread:
        // state a module keeps between jobs (text-work.ts: one export's texts) never leaks into the next use.
        module: module && `${module.href}${module.search ? '&' : '?'}helper=${++SharedHelper.sessions}`,
      },
      [port2],
    );
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

  /** Blocks until the helper's reply to the last job arrives; fails at once if the helper thread stops meanwhile. */
  finish(): Reply {
    const since = performance.now();
    // Atomics.wait returns at once when the helper already finished; the slices only look for a dead thread.
    while (Atomics.load(this.done, 0) === 0) {
      if (Atomics.wait(this.done, 0, 0, LIVENESS_CHECK_MS) !== 'timed-out') continue;
      const stopped = this.thread.stopped();
      if (stopped !== null && Atomics.load(this.done, 0) === 0)
        throw new Error(`${this.name} helper thread stopped during its job (${stopped})`);
      if (performance.now() - since > ANSWER_TIMEOUT_MS) throw new Error(`${this.name} helper thread did not answer`);
    }
    const message = receiveMessageOnPort(this.port);
    if (!message) throw new Error(`${this.name} helper thread sent no reply`);
    const reply = message.message as Reply & { error?: string };
    if (reply.error) throw new Error(`${this.name} helper thread failed: ${reply.error}`);
    return reply;
  }

  /** Ends this HelperThread's use of the helper thread (which stays up for the next one). */
  close(): void {
    this.port.close();
  }
}

// Shared by the steps that use a second core (the lexical embedder's SVD, the kNN join): how many
// threads the user allows, and typed arrays in shared memory that a helper thread reads in place.
import { availableParallelism } from 'node:os';

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

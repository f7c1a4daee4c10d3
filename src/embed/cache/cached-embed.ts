// The embed flow shared by the transformer and remote engines: normalize, deduplicate, serve
// what the cache has, compute only the rest, store it, and assemble the matrix in input order.
import { UserError } from '../../errors.js';
import type { EmbeddingMatrix, EmbedProgress, EmbedStats } from '../../types.js';
import type { EmbeddingCache } from './embedding-cache.js';
import { KEY_BYTES, normalizeText, textKeys } from './text-key.js';

/** Computes L2-normalized vectors for texts (already normalized); calls `onDone(n)` as rows finish. */
export type ComputeVectors = (
  texts: string[],
  onDone: (count: number) => void,
) => Promise<{ dims: number; data: Float32Array }>;

export interface CachedEmbedResult {
  matrix: EmbeddingMatrix;
  stats: EmbedStats;
}

export interface CachedEmbedOptions {
  cache: EmbeddingCache | null;
  /** Known output dimensions (null: whatever the cache or the first computation says). */
  dims: number | null;
  /** Names the model in the mismatch message. */
  model: string;
  onProgress?: (p: EmbedProgress) => void;
  /** Texts in the first stored chunk (tests use small ones). */
  firstChunk?: number;
}

const FIRST_CHUNK = 4096;

export async function embedWithCache(
  texts: readonly string[],
  compute: ComputeVectors,
  options: CachedEmbedOptions,
): Promise<CachedEmbedResult> {
  const n = texts.length;
  const uniqueTexts: string[] = [];
  const slotOf = new Int32Array(n);
  const slots = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const text = normalizeText(texts[i] as string);
    let slot = slots.get(text);
    if (slot === undefined) {
      slot = uniqueTexts.length;
      slots.set(text, slot);
      uniqueTexts.push(text);
    }
    slotOf[i] = slot;
  }
  const keys = options.cache ? textKeys(uniqueTexts) : Buffer.alloc(0);
  const lookup = options.cache?.lookup(keys, options.dims) ?? null;
  const found = lookup?.found ?? new Uint8Array(uniqueTexts.length);
  const missing: number[] = [];
  for (let s = 0; s < uniqueTexts.length; s++) if (!found[s]) missing.push(s);

  let done = n - missing.length;
  const report = (): void => options.onProgress?.({ done, total: n });
  report();
  // What the cache already holds fixes the size too: a model answering in another size must not
  // write a second segment beside the first (a changed model, or a server mixing models).
  let dims = lookup && lookup.foundCount > 0 ? lookup.dims : (options.dims ?? options.cache?.dims() ?? null);
  let computed: Float32Array = new Float32Array(0);
  // Computed in chunks, each stored as it finishes: a run stopped part way (Ctrl-C, a server gone, a laptop
  // put to sleep) keeps what it embedded, and the next run starts from there. Chunks double from
  // `firstChunk` up to 16 times it, so a run writes a handful of segments, not hundreds to merge.
  const firstChunk = options.firstChunk ?? FIRST_CHUNK;
  for (
    let start = 0, size = firstChunk;
    start < missing.length;
    start += size, size = Math.min(size * 2, 16 * firstChunk)
  ) {
    const chunk = missing.slice(start, start + size);
    const result = await compute(
      chunk.map((s) => uniqueTexts[s] as string),
      (count) => {
        done += count;
        report();
      },
    );
    if (dims !== null && result.dims !== dims) {
      throw new UserError(
        `model "${options.model}" returned ${result.dims}-dimensional vectors, but ${dims} were expected ` +
          `(earlier cached vectors or the model profile); run "tickets cache clear" if the model changed`,
      );
    }
    dims = result.dims;
    if (start === 0) computed = chunk.length === missing.length ? result.data : new Float32Array(missing.length * dims);
    if (computed !== result.data) computed.set(result.data.subarray(0, chunk.length * dims), start * dims);
    if (options.cache) {
      const newKeys = Buffer.allocUnsafe(chunk.length * KEY_BYTES);
      chunk.forEach((s, m) => keys.copy(newKeys, m * KEY_BYTES, s * KEY_BYTES, (s + 1) * KEY_BYTES));
      options.cache.store(newKeys, result.data, dims);
    }
  }
  const d = dims ?? 0;
  // Nothing came from the cache (no cache, or every text new and none repeated): the computed rows
  // are already the matrix, in input order.
  if (missing.length === n) return { matrix: { rows: n, dims: d, data: computed }, stats: { embedded: n, cached: 0 } };
  const rowOfSlot = new Int32Array(uniqueTexts.length).fill(-1);
  missing.forEach((s, m) => {
    rowOfSlot[s] = m;
  });
  // No duplicates (the usual case): the lookup buffer already has every cached row in place, so it
  // becomes the matrix and only the computed rows are copied in (one 1.5 GB buffer at 1M×384, not two).
  if (lookup && uniqueTexts.length === n && lookup.vectors.length === n * d) {
    const data = lookup.vectors;
    missing.forEach((s, m) => data.set(computed.subarray(m * d, (m + 1) * d), s * d));
    return { matrix: { rows: n, dims: d, data }, stats: { embedded: missing.length, cached: n - missing.length } };
  }
  const data = new Float32Array(n * d);
  let cached = 0;
  for (let i = 0; i < n; i++) {
    const s = slotOf[i] as number;
    const m = rowOfSlot[s] as number;
    if (m >= 0) data.set(computed.subarray(m * d, (m + 1) * d), i * d);
    else {
      data.set((lookup as { vectors: Float32Array }).vectors.subarray(s * d, (s + 1) * d), i * d);
      cached++;
    }
  }
  return { matrix: { rows: n, dims: d, data }, stats: { embedded: missing.length, cached } };
}

// What a user of the embedding cache relies on beyond one small run: caches bigger than one read chunk
// (16 MB) come back exactly, vectors of another size are never served as this one, runs keep their own
// segments until there are more than eight, stale temp files of killed runs go, and TICKETS_OFFLINE.
import { existsSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EmbeddingCache } from '../../../src/embed/cache/embedding-cache.js';
import { offlineFromEnv } from '../../../src/embed/cache/location.js';
import { textKeys } from '../../../src/embed/cache/text-key.js';

const dir = () => mkdtempSync(join(tmpdir(), 'tickets-segments-'));
const texts = (from: number, to: number, tag = 't') =>
  Array.from({ length: to - from }, (_, i) => `${tag} ${from + i}`);
/** Rows of `dims`; entry d of ticket i is an integer (exact in float32) unique to (i, d). */
function vectors(from: number, to: number, dims: number): Float32Array {
  const out = new Float32Array((to - from) * dims);
  for (let i = from; i < to; i++)
    for (let d = 0; d < dims; d++) out[(i - from) * dims + d] = ((i * 7919 + d) % 1_000_000) - 500_000;
  return out;
}

/** First index where two vector blocks differ (-1: equal, -2: other lengths); toEqual on 5M floats takes minutes. */
function firstDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe('embedding cache segments', () => {
  test('a cache larger than one 16 MB read comes back exactly, also after merging', () => {
    const DIMS = 1024; // 4 KB a vector: 4,200 tickets are 17 MB of vectors
    const N = 4200;
    const expected = vectors(0, N, DIMS);
    const cache = new EmbeddingCache(dir());
    cache.store(textKeys(texts(0, 2100)), expected.subarray(0, 2100 * DIMS), DIMS);
    cache.store(textKeys(texts(2100, N)), expected.subarray(2100 * DIMS), DIMS);
    const all = textKeys(texts(0, N));
    const before = cache.lookup(all, DIMS);
    expect(before.foundCount).toBe(N);
    expect(firstDifference(before.vectors, expected)).toBe(-1);
    cache.compact();
    expect(cache.segments()).toHaveLength(1);
    const after = cache.lookup(all, DIMS);
    expect(after.foundCount).toBe(N);
    expect(firstDifference(after.vectors, expected)).toBe(-1);
    // A few tickets of a big segment are read one by one, into their own rows.
    const few = cache.lookup(textKeys([`t ${N - 1}`, 'unknown', 't 3']), DIMS);
    expect(Array.from(few.found)).toEqual([1, 0, 1]);
    expect(firstDifference(few.vectors.subarray(0, DIMS), expected.subarray((N - 1) * DIMS))).toBe(-1);
    expect(firstDifference(few.vectors.subarray(DIMS, 2 * DIMS), new Float32Array(DIMS))).toBe(-1);
    expect(firstDifference(few.vectors.subarray(2 * DIMS), expected.subarray(3 * DIMS, 4 * DIMS))).toBe(-1);
  });

  test('vectors of another size in the same cache are never served as this size', () => {
    const cache = new EmbeddingCache(dir());
    cache.store(textKeys(texts(0, 3, 'four')), vectors(0, 3, 4), 4);
    cache.store(textKeys(texts(0, 3, 'eight')), vectors(0, 3, 8), 8);
    const keys = textKeys([...texts(0, 3, 'four'), ...texts(0, 3, 'eight')]);
    const eight = cache.lookup(keys, 8);
    expect(Array.from(eight.found)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(eight.vectors.subarray(3 * 8)).toEqual(vectors(0, 3, 8));
    const four = cache.lookup(keys, 4);
    expect(Array.from(four.found)).toEqual([1, 1, 1, 0, 0, 0]);
    expect(four.vectors.subarray(0, 3 * 4)).toEqual(vectors(0, 3, 4));
    expect(cache.dims()).toBe(8); // the newest segment's size
  });

  test('each run keeps its own segment until there are more than eight; merging keeps every entry', () => {
    const cache = new EmbeddingCache(dir()); // default bounds: 8 segments, 2 GiB
    for (let run = 0; run < 8; run++)
      cache.store(textKeys(texts(run * 5, run * 5 + 5)), vectors(run * 5, run * 5 + 5, 4), 4);
    expect(cache.segments()).toHaveLength(8);
    cache.store(textKeys(texts(40, 45)), vectors(40, 45, 4), 4);
    expect(cache.segments()).toHaveLength(1);
    const result = cache.lookup(textKeys(texts(0, 45)), 4);
    expect(result.foundCount).toBe(45);
    expect(result.vectors).toEqual(vectors(0, 45, 4));
  });

  test('storing nothing writes nothing, and looking up nothing finds nothing', () => {
    const d = dir();
    const cache = new EmbeddingCache(d);
    cache.store(textKeys([]), new Float32Array(0), 4);
    expect(readdirSync(d)).toEqual([]);
    cache.store(textKeys(['a']), vectors(0, 1, 4), 4);
    expect(cache.lookup(textKeys([]), 4)).toEqual({
      found: new Uint8Array(0),
      foundCount: 0,
      dims: 4,
      vectors: new Float32Array(0),
    });
    expect(new EmbeddingCache(join(d, 'never-written')).lookup(textKeys(['a']), null)).toMatchObject({
      foundCount: 0,
      dims: null,
    });
  });

  test('merging removes temp files a killed run left over an hour ago, not one another run is writing', () => {
    const d = dir();
    const cache = new EmbeddingCache(d, { maxSegments: 1 });
    cache.store(textKeys(['a']), vectors(0, 1, 4), 4);
    const stale = join(d, '.tmp-seg-000000000000001-1-000000.bin');
    const fresh = join(d, '.tmp-seg-000000000000002-1-000000.bin');
    writeFileSync(stale, 'half a segment');
    writeFileSync(fresh, 'being written');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(stale, twoHoursAgo, twoHoursAgo);
    const notSegment = join(d, 'notes.txt');
    writeFileSync(notSegment, 'kept');
    utimesSync(notSegment, twoHoursAgo, twoHoursAgo);
    cache.store(textKeys(['b']), vectors(1, 2, 4), 4); // two segments > 1: merged
    expect(cache.segments()).toHaveLength(1);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(notSegment)).toBe(true);
    expect(cache.lookup(textKeys(['a', 'b']), 4).vectors).toEqual(vectors(0, 2, 4));
  });
});

describe('TICKETS_OFFLINE', () => {
  test('1, true or yes (any case, spaces around) mean offline; anything else does not', () => {
    for (const v of ['1', 'true', 'YES', ' Yes ', 'True']) expect(offlineFromEnv({ TICKETS_OFFLINE: v }), v).toBe(true);
    for (const v of ['', '0', 'no', 'false', 'offline', '11'])
      expect(offlineFromEnv({ TICKETS_OFFLINE: v }), v).toBe(false);
    expect(offlineFromEnv({})).toBe(false);
  });
});

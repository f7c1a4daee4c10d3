import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EmbeddingCache } from '../../src/embed/cache/embedding-cache.js';
import { resolveCacheLocation } from '../../src/embed/cache/location.js';
import { normalizeText, textKeys } from '../../src/embed/cache/text-key.js';

const DIMS = 4;
const dir = () => mkdtempSync(join(tmpdir(), 'tickets-cache-'));
const texts = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `ticket ${from + i}`);
/** Vector of ticket i: [i, i+0.5, -i, 1]. */
const vectors = (from: number, to: number) =>
  Float32Array.from({ length: (to - from) * DIMS }, (_, k) => {
    const i = from + Math.floor(k / DIMS);
    return [i, i + 0.5, -i, 1][k % DIMS] as number;
  });

describe('embedding cache', () => {
  test('stores and finds vectors by text, misses the rest', () => {
    const cache = new EmbeddingCache(dir());
    cache.store(textKeys(texts(0, 100)), vectors(0, 100), DIMS);
    const result = cache.lookup(textKeys([...texts(90, 110)]), DIMS);
    expect(result.foundCount).toBe(10);
    expect(Array.from(result.found.slice(0, 10))).toEqual(new Array(10).fill(1));
    expect(Array.from(result.found.slice(10))).toEqual(new Array(10).fill(0));
    expect(Array.from(result.vectors.subarray(0, DIMS))).toEqual([90, 90.5, -90, 1]);
    expect(Array.from(result.vectors.subarray(10 * DIMS, 11 * DIMS))).toEqual([0, 0, 0, 0]);
  });

  test('sparse and dense lookups read the same vectors', () => {
    const cache = new EmbeddingCache(dir());
    cache.store(textKeys(texts(0, 2000)), vectors(0, 2000), DIMS);
    const sparse = cache.lookup(textKeys(['ticket 1999', 'ticket 7']), DIMS);
    expect(Array.from(sparse.vectors)).toEqual([1999, 1999.5, -1999, 1, 7, 7.5, -7, 1]);
    const dense = cache.lookup(textKeys(texts(0, 2000)), DIMS);
    expect(Array.from(dense.vectors)).toEqual(Array.from(vectors(0, 2000)));
  });

  test('dims null takes the cached size; another size is not served', () => {
    const cache = new EmbeddingCache(dir());
    cache.store(textKeys(texts(0, 3)), vectors(0, 3), DIMS);
    expect(cache.lookup(textKeys(texts(0, 3)), null)).toMatchObject({ dims: DIMS, foundCount: 3 });
    expect(cache.lookup(textKeys(texts(0, 3)), 8).foundCount).toBe(0);
  });

  test('an interrupted write (temp file, truncated segment) leaves a valid cache', () => {
    const d = dir();
    const cache = new EmbeddingCache(d);
    cache.store(textKeys(texts(0, 10)), vectors(0, 10), DIMS);
    const [segment] = cache.segments();
    const bytes = readFileSync(join(d, segment as string));
    writeFileSync(join(d, '.tmp-seg-000000000000001-1-0.bin'), bytes.subarray(0, 50));
    writeFileSync(join(d, 'seg-999999999999999-1-0.bin'), bytes.subarray(0, bytes.length - 3));
    const result = cache.lookup(textKeys(texts(0, 10)), DIMS);
    expect(result.foundCount).toBe(10);
    expect(Array.from(result.vectors)).toEqual(Array.from(vectors(0, 10)));
  });

  test('segments are merged once there are too many, newest entries first, within the size bound', () => {
    const d = dir();
    const rowBytes = 20 + DIMS * 4;
    const cache = new EmbeddingCache(d, { maxSegments: 3, maxBytes: 16 + 25 * rowBytes });
    for (let run = 0; run < 4; run++)
      cache.store(textKeys(texts(run * 10, run * 10 + 10)), vectors(run * 10, run * 10 + 10), DIMS);
    expect(cache.segments()).toHaveLength(1);
    // 40 entries written, room for 25: the newest two runs stay whole, the oldest run goes.
    const result = cache.lookup(textKeys(texts(0, 40)), DIMS);
    expect(result.foundCount).toBe(25);
    expect(Array.from(result.found.slice(0, 10))).toEqual(new Array(10).fill(0));
    expect(Array.from(result.found.slice(20))).toEqual(new Array(20).fill(1));
    expect(Array.from(result.vectors.subarray(39 * DIMS))).toEqual([39, 39.5, -39, 1]);
    expect(readdirSync(d).filter((n) => n.startsWith('.tmp-'))).toHaveLength(0);
  });

  test('one directory per model revision', () => {
    const root = dir();
    const a = EmbeddingCache.forModel(root, 'm', 'rev1');
    const b = EmbeddingCache.forModel(root, 'm', 'rev2');
    a.store(textKeys(['x']), vectors(0, 1), DIMS);
    expect(b.lookup(textKeys(['x']), DIMS).foundCount).toBe(0);
    expect(JSON.parse(readFileSync(join(a.dir, 'model.json'), 'utf8'))).toEqual({ model: 'm', revision: 'rev1' });
  });

  test('text normalization: whitespace and Unicode composition', () => {
    expect(normalizeText('  Не могу\n\tвойти  ')).toBe('Не могу войти');
    expect(normalizeText('e\u0301')).toBe('\u00e9');
  });
});

describe('cache location', () => {
  test('TICKETS_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache; --cache-dir wins', () => {
    expect(resolveCacheLocation(undefined, { HOME: '/h', XDG_CACHE_HOME: '/x', TICKETS_CACHE_DIR: '/t' }).root).toBe(
      '/t',
    );
    expect(resolveCacheLocation(undefined, { XDG_CACHE_HOME: '/x' })).toEqual({
      root: '/x/tickets',
      models: '/x/tickets/models',
      embeddings: '/x/tickets/embeddings',
    });
    expect(resolveCacheLocation(undefined, {}).root).toMatch(/\.cache\/tickets$/);
    expect(resolveCacheLocation('/o', { TICKETS_CACHE_DIR: '/t' }).root).toBe('/o');
  });
});

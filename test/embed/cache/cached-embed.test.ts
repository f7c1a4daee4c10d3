// The embed flow every model shares (transformer and remote): the same ticket text is embedded once,
// a second run embeds only what is new, rows come back in input order, progress counts every ticket,
// and a model that changed its vector size is stopped before it writes a second cache of another size.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { embedWithCache, type ComputeVectors } from '../../../src/embed/cache/cached-embed.js';
import { EmbeddingCache } from '../../../src/embed/cache/embedding-cache.js';
import { UserError } from '../../../src/errors.js';
import type { EmbedProgress } from '../../../src/types.js';

const freshCache = (): EmbeddingCache => new EmbeddingCache(mkdtempSync(join(tmpdir(), 'tickets-cached-embed-')));

/** A model of size `dims` whose vector of a text is [length, first char code, 1, …]; records what it was asked. */
function model(dims = 3): { compute: ComputeVectors; asked: string[][] } {
  const asked: string[][] = [];
  const compute: ComputeVectors = async (texts, onDone) => {
    asked.push([...texts]);
    const data = new Float32Array(texts.length * dims);
    texts.forEach((t, i) => {
      data[i * dims] = t.length;
      data[i * dims + 1] = t.charCodeAt(0);
      for (let d = 2; d < dims; d++) data[i * dims + d] = 1;
    });
    onDone(texts.length);
    return { dims, data };
  };
  return { compute, asked };
}

const rowsOf = (m: { rows: number; dims: number; data: Float32Array }): number[][] =>
  Array.from({ length: m.rows }, (_, r) => Array.from(m.data.subarray(r * m.dims, (r + 1) * m.dims)));

describe('embedding with the cache', () => {
  test('without a cache every ticket is embedded, in input order', async () => {
    const { compute, asked } = model();
    const { matrix, stats } = await embedWithCache(['bb', 'a', 'ccc'], compute, {
      cache: null,
      dims: null,
      model: 'm',
    });
    expect(rowsOf(matrix)).toEqual([
      [2, 98, 1],
      [1, 97, 1],
      [3, 99, 1],
    ]);
    expect(stats).toEqual({ embedded: 3, cached: 0 });
    expect(asked).toEqual([['bb', 'a', 'ccc']]);
  });

  test('the same text (after whitespace and Unicode normalization) is sent to the model once', async () => {
    const { compute, asked } = model();
    const { matrix, stats } = await embedWithCache(['не могу  войти', 'оплата', 'не могу\nвойти ', 'оплата'], compute, {
      cache: null,
      dims: null,
      model: 'm',
    });
    expect(asked).toEqual([['не могу войти', 'оплата']]);
    const rows = rowsOf(matrix);
    expect(rows[2]).toEqual(rows[0]);
    expect(rows[3]).toEqual(rows[1]);
    expect(rows[0]).not.toEqual(rows[1]);
    expect(stats).toEqual({ embedded: 2, cached: 0 });
  });

  test('a second run embeds only the new tickets and serves the rest from the cache, in input order', async () => {
    const cache = freshCache();
    const first = model();
    const before = await embedWithCache(['a', 'bb'], first.compute, { cache, dims: null, model: 'm' });
    const second = model();
    const texts = ['new one', 'bb', 'a', 'bb'];
    const after = await embedWithCache(texts, second.compute, { cache, dims: null, model: 'm' });
    expect(second.asked).toEqual([['new one']]);
    expect(after.stats).toEqual({ embedded: 1, cached: 3 });
    const rows = rowsOf(after.matrix);
    expect(rows).toEqual([[7, 110, 1], rowsOf(before.matrix)[1], rowsOf(before.matrix)[0], rowsOf(before.matrix)[1]]);

    // Everything cached, no repeats: nothing is computed and the cached rows are the matrix.
    const third = model();
    const again = await embedWithCache(['bb', 'new one', 'a'], third.compute, { cache, dims: null, model: 'm' });
    expect(third.asked).toEqual([]);
    expect(again.stats).toEqual({ embedded: 0, cached: 3 });
    expect(rowsOf(again.matrix)).toEqual([rows[1], rows[0], rows[2]]);
    expect(again.matrix.dims).toBe(3);
  });

  test('new tickets between cached ones land in their own rows', async () => {
    const cache = freshCache();
    const first = await embedWithCache(['a', 'ccc'], model().compute, { cache, dims: null, model: 'm' });
    const second = model();
    const { matrix, stats } = await embedWithCache(['dd', 'a', 'eeeee', 'ccc'], second.compute, {
      cache,
      dims: null,
      model: 'm',
    });
    expect(second.asked).toEqual([['dd', 'eeeee']]);
    expect(stats).toEqual({ embedded: 2, cached: 2 });
    const [a, ccc] = rowsOf(first.matrix);
    expect(rowsOf(matrix)).toEqual([[2, 100, 1], a, [5, 101, 1], ccc]);
  });

  test('progress starts at what the cache had and ends at every ticket', async () => {
    const cache = freshCache();
    await embedWithCache(['a', 'b'], model().compute, { cache, dims: null, model: 'm' });
    const seen: EmbedProgress[] = [];
    await embedWithCache(['a', 'b', 'c', 'c', 'd'], model().compute, {
      cache,
      dims: null,
      model: 'm',
      onProgress: (p) => seen.push({ ...p }),
    });
    expect(seen[0]).toEqual({ done: 3, total: 5 }); // 5 tickets, 2 texts to compute (c and d)
    expect(seen.at(-1)).toEqual({ done: 5, total: 5 });
  });

  test('a model answering in another size than the cache holds is an error naming the model', async () => {
    const cache = freshCache();
    await embedWithCache(['a'], model(3).compute, { cache, dims: null, model: 'm' });
    const err = await embedWithCache(['b'], model(5).compute, { cache, dims: null, model: 'my-model' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/model "my-model" returned 5-dimensional vectors, but 3 were expected/);
    expect((err as Error).message).toMatch(/run "tickets cache clear" if the model changed$/);
    expect(cache.segments()).toHaveLength(1); // nothing of size 5 was written
    // The known size of a model profile is checked the same way, even without a cache.
    const profile = await embedWithCache(['b'], model(5).compute, { cache: null, dims: 4, model: 'p' }).catch(
      (e: unknown) => e,
    );
    expect((profile as Error).message).toMatch(/returned 5-dimensional vectors, but 4 were expected/);
  });

  test('an empty list of tickets asks the model nothing', async () => {
    const { compute, asked } = model();
    const { matrix, stats } = await embedWithCache([], compute, { cache: freshCache(), dims: null, model: 'm' });
    expect(asked).toEqual([]);
    expect([matrix.rows, matrix.data.length]).toEqual([0, 0]);
    expect(stats).toEqual({ embedded: 0, cached: 0 });
  });
});

describe('a run stopped part way keeps what it embedded', () => {
  /** A model that fails (a server gone, Ctrl-C) once it has been asked for `failAfter` texts. */
  function failingModel(failAfter: number): ComputeVectors {
    const { compute } = model();
    let asked = 0;
    return async (texts, onDone) => {
      asked += texts.length;
      if (asked > failAfter) throw new Error('connection reset');
      return compute(texts, onDone);
    };
  }
  const texts = Array.from({ length: 30 }, (_, i) => `ticket number ${i}`);

  test('chunks double from the first size, each stored as it finishes', async () => {
    const { compute, asked } = model();
    const cache = freshCache();
    const { matrix } = await embedWithCache(texts, compute, { cache, dims: null, model: 'm', firstChunk: 4 });
    expect(asked.map((chunk) => chunk.length)).toEqual([4, 8, 16, 2]);
    expect(asked.flat()).toEqual(texts);
    expect(cache.segments()).toHaveLength(4);
    const again = await embedWithCache(texts, model().compute, { cache, dims: null, model: 'm' });
    expect(again.stats).toEqual({ embedded: 0, cached: 30 });
    expect(rowsOf(again.matrix)).toEqual(rowsOf(matrix));
  });

  test('a chunk is never larger than 16 times the first', async () => {
    const { compute, asked } = model();
    const many = Array.from({ length: 200 }, (_, i) => `t${i}`);
    await embedWithCache(many, compute, { cache: null, dims: null, model: 'm', firstChunk: 2 });
    expect(asked.map((chunk) => chunk.length)).toEqual([2, 4, 8, 16, 32, 32, 32, 32, 32, 10]);
  });

  test('after a failure at the third chunk, the next run embeds only the rest', async () => {
    const cache = freshCache();
    await expect(
      embedWithCache(texts, failingModel(12), { cache, dims: null, model: 'm', firstChunk: 4 }),
    ).rejects.toThrow('connection reset');
    const { compute, asked } = model();
    const { matrix, stats } = await embedWithCache(texts, compute, { cache, dims: null, model: 'm', firstChunk: 4 });
    expect(stats).toEqual({ embedded: 18, cached: 12 });
    expect(asked.flat()).toEqual(texts.slice(12));
    expect(rowsOf(matrix)).toEqual(
      rowsOf((await embedWithCache(texts, model().compute, { cache: null, dims: null, model: 'm' })).matrix),
    );
  });

  test('a model changing its size between chunks is stopped before the second chunk is stored', async () => {
    const cache = freshCache();
    let call = 0;
    const changing: ComputeVectors = (chunk, onDone) => model(++call === 1 ? 3 : 4).compute(chunk, onDone);
    await expect(embedWithCache(texts, changing, { cache, dims: null, model: 'm', firstChunk: 4 })).rejects.toThrow(
      /returned 4-dimensional vectors, but 3 were expected/,
    );
    expect(cache.segments()).toHaveLength(1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { LexicalEmbedder } from '../../../src/embed/lexical/index.js';
import { appendInTicketOrder, rowThreads, TicketRowThreads } from '../../../src/embed/lexical/row-threads.js';
import { BLOCK, ClaimedRows, type RowsPart } from '../../../src/embed/lexical/row-work.js';
import { SparseRowsBuilder, type SparseRows } from '../../../src/embed/lexical/sparse.js';
import { TicketRow } from '../../../src/embed/lexical/tfidf.js';
import { buildVocabulary, pickVocabulary } from '../../../src/embed/lexical/vocabulary.js';
import { DEFAULT_LEXICAL_SETTINGS as defaults } from '../../../src/embed/lexical/index.js';
import { generatedTickets } from './generated-tickets.js';

const tickets = generatedTickets;

const settings = { features: defaults.features, weights: defaults.weights };
const vocabularySettings = { ...defaults.vocabulary, tableBits: 16 };

function withThreads<T>(threads: number, work: (rows: TicketRowThreads) => T): T {
  const rows = new TicketRowThreads(settings, threads);
  try {
    return work(rows);
  } finally {
    rows.close();
  }
}

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
function sameRows(a: SparseRows, b: SparseRows): boolean {
  return (
    a.rows === b.rows &&
    a.cols === b.cols &&
    bytes(a.indptr).equals(bytes(b.indptr)) &&
    bytes(a.indices).equals(bytes(b.indices)) &&
    bytes(a.values).equals(bytes(b.values))
  );
}

describe('TicketRowThreads', () => {
  // More than one chunk of 8,192 tickets, and not a whole number of blocks.
  const texts = tickets(9000 + BLOCK / 2, 11);
  const sample = Int32Array.from({ length: 3001 }, (_, i) => i * 3);

  it('counts and builds rows on two threads exactly as on one, and as the one-thread vocabulary does', () => {
    const run = (threads: number) =>
      withThreads(threads, (rows) => {
        expect(rows.threads).toBe(threads);
        const counted = rows.countFeatures(texts, sample, vocabularySettings.tableBits);
        // The count tables become the column tables: what was counted is copied first.
        const counts = { word: counted.word.slice(), char: counted.char.slice() };
        const vocabulary = pickVocabulary(counted, sample.length, vocabularySettings);
        expect(vocabulary.wordColumn).toBe(counted.word);
        // With a helper thread the look-up tables are born in shared memory: the helper reads them in place.
        expect(vocabulary.charColumn.buffer instanceof SharedArrayBuffer).toBe(threads === 2);
        rows.useVocabulary(vocabulary);
        const all = rows.rows(texts, null);
        const sampled = rows.rows(texts, sample);
        return { counts, vocabulary, all, sampled };
      });
    const one = run(1);
    const two = run(2);
    expect(bytes(two.counts.word).equals(bytes(one.counts.word))).toBe(true);
    expect(bytes(two.counts.char).equals(bytes(one.counts.char))).toBe(true);
    const alone = buildVocabulary(texts, sample, settings.features, vocabularySettings);
    expect(bytes(one.vocabulary.charColumn).equals(bytes(alone.charColumn))).toBe(true);
    expect(bytes(one.vocabulary.idf).equals(bytes(alone.idf))).toBe(true);
    expect(one.all.rows).toBe(texts.length);
    expect(sameRows(two.all, one.all)).toBe(true);
    expect(sameRows(two.sampled, one.sampled)).toBe(true);
    // The sampled rows are the rows of the sampled tickets, in the sample's order.
    for (const s of [0, 1, 2999, 3000]) {
      const i = sample[s];
      const width = one.all.indptr[i + 1] - one.all.indptr[i];
      expect(one.sampled.indptr[s + 1] - one.sampled.indptr[s]).toBe(width);
      const at = one.sampled.indptr[s];
      expect(Array.from(one.sampled.values.subarray(at, at + width))).toEqual(
        Array.from(one.all.values.subarray(one.all.indptr[i], one.all.indptr[i + 1])),
      );
    }
  });

  it('puts rows back in ticket order from whichever thread computed each block', () => {
    // Three blocks: the first and last computed by one thread, the middle by the other; the last block short.
    const part = (blocks: number[], rows: number[][]): RowsPart => {
      const claimed = new ClaimedRows();
      const row = new TicketRow();
      for (const b of blocks) claimed.addBlock(b);
      for (const columns of rows) {
        row.columns.set(columns);
        row.values.set(columns.map((c) => c / 10));
        row.length = columns.length;
        claimed.add(row);
      }
      return claimed;
    };
    const count = 2 * BLOCK + 2;
    const rowOf = (i: number) => (i % 3 === 0 ? [] : [i, i + 1000]);
    const ticketsOf = (b: number) =>
      Array.from({ length: Math.min(BLOCK, count - b * BLOCK) }, (_, r) => b * BLOCK + r);
    const a = part([0, 2], [...ticketsOf(0), ...ticketsOf(2)].map(rowOf));
    const b = part([1], ticketsOf(1).map(rowOf));
    const builder = new SparseRowsBuilder(count, 8);
    appendInTicketOrder(builder, [a, b], count);
    const rows = builder.finish(2000);
    expect(rows.rows).toBe(count);
    for (let i = 0; i < count; i++)
      expect(Array.from(rows.indices.subarray(rows.indptr[i], rows.indptr[i + 1]))).toEqual(rowOf(i));
    expect(() => appendInTicketOrder(new SparseRowsBuilder(count, 8), [a], count)).toThrow(
      /no thread computed block 1/,
    );
  });

  it('uses a second thread only from a few thousand tickets, and never with TICKETS_THREADS=1', () => {
    const saved = process.env.TICKETS_THREADS;
    try {
      process.env.TICKETS_THREADS = '2';
      expect(rowThreads(100)).toBe(1);
      expect(rowThreads(50_000)).toBe(2);
      process.env.TICKETS_THREADS = '1';
      expect(rowThreads(50_000)).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.TICKETS_THREADS;
      else process.env.TICKETS_THREADS = saved;
    }
  });
});

describe('LexicalEmbedder on one thread or two', () => {
  const saved = process.env.TICKETS_THREADS;
  afterEach(() => {
    if (saved === undefined) delete process.env.TICKETS_THREADS;
    else process.env.TICKETS_THREADS = saved;
  });

  it('gives the same vectors bit for bit, with and without a fitted sample', async () => {
    const texts = tickets(6000, 23);
    const embed = async (threads: string, fitSampleSize: number) => {
      process.env.TICKETS_THREADS = threads;
      const vectors = await new LexicalEmbedder({ seed: 7, dimensions: 32, settings: { fitSampleSize } }).embed(texts);
      // With a second thread allowed the vectors are born in shared memory, where the cluster stage's helper
      // threads read them without a copy; on one thread they stay in ordinary memory.
      expect(vectors.data.buffer instanceof SharedArrayBuffer).toBe(threads === '2');
      return bytes(vectors.data);
    };
    for (const fitSampleSize of [50_000, 4000]) {
      const one = await embed('1', fitSampleSize);
      expect((await embed('2', fitSampleSize)).equals(one)).toBe(true);
    }
  });
});

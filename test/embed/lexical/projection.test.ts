import { describe, expect, it } from 'vitest';
import { DEFAULT_LEXICAL_SETTINGS as defaults } from '../../../src/embed/lexical/index.js';
import { projectTexts } from '../../../src/embed/lexical/projection.js';
import { TicketRowThreads } from '../../../src/embed/lexical/row-threads.js';
import { ticketRow, TicketRow } from '../../../src/embed/lexical/tfidf.js';
import { buildVocabulary } from '../../../src/embed/lexical/vocabulary.js';
import { seededUniform } from '../../../src/numerics/random.js';
import { generatedTickets } from './generated-tickets.js';

const settings = { features: defaults.features, weights: defaults.weights };
const vocabularySettings = { ...defaults.vocabulary, tableBits: 16 };

async function withThreads<T>(threads: number, work: (rows: TicketRowThreads) => Promise<T>): Promise<T> {
  const rows = new TicketRowThreads(settings, threads);
  try {
    return await work(rows);
  } finally {
    rows.close();
  }
}

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('projectTexts', () => {
  // More than two chunks of 4,096, and not a whole number of them; every third ticket repeats the one before.
  const texts = generatedTickets(9000, 11);
  const repeated = texts.map((t, i) => (i % 3 === 2 ? texts[i - 1] : t));

  it('puts each ticket row times the projection at its row, repeats copied, the same bits on two threads', async () => {
    const vocabulary = buildVocabulary(repeated, null, settings.features, vocabularySettings);
    const dims = 6;
    const stride = dims + 1;
    const uniform = seededUniform(3);
    const projection = Float32Array.from({ length: vocabulary.columns * dims }, () => uniform() - 0.5);
    const project = (threads: number) =>
      withThreads(threads, async (rows) => {
        rows.useVocabulary(vocabulary);
        const done: number[] = [];
        const out = await projectTexts(repeated, rows, projection, dims, stride, (d) => done.push(d));
        return { out, done };
      });
    const { out, done } = await project(1);
    const two = await project(2);
    expect(two.out.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(bytes(two.out).equals(bytes(out))).toBe(true);
    expect(out.length).toBe(repeated.length * stride);
    const row = new TicketRow();
    for (const i of [0, 1, 2, 4097, 4098, repeated.length - 1]) {
      ticketRow(repeated[i], vocabulary, settings.features, settings.weights, row);
      expect(row.length).toBeGreaterThan(0);
      for (let c = 0; c < dims; c++) {
        let expected = 0;
        for (let p = 0; p < row.length; p++) expected += row.values[p] * projection[row.columns[p] * dims + c];
        expect(out[i * stride + c]).toBeCloseTo(expected, 4);
      }
      expect(out[i * stride + dims]).toBe(0);
    }
    // A repeated text gets the bits of its first occurrence.
    expect(bytes(out.subarray(2 * stride, 3 * stride)).equals(bytes(out.subarray(stride, 2 * stride)))).toBe(true);
    // Progress counts tickets, up to all of them.
    expect(done.length).toBeGreaterThan(1);
    done.forEach((d, k) => expect(d).toBeGreaterThan(done[k - 1] ?? 0));
    expect(done.at(-1)).toBe(repeated.length);
  });
});

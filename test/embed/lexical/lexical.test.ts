import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LEXICAL_SETTINGS,
  LexicalEmbedder,
  svdPlan,
  type LexicalSettings,
} from '../../../src/embed/lexical/index.js';
import type { EmbeddingMatrix } from '../../../src/types.js';

const TICKETS = [
  'не приходит смс с кодом подтверждения',
  'не пришла смс при входе в приложение',
  'смс с кодом не приходят уже час',
  'не могу оплатить картой, платеж отклонен',
  'оплата картой не проходит, ошибка платежа',
  'списали деньги дважды за один заказ',
  'деньги списались два раза, верните',
  'how do I reset my password',
  'password reset link does not work',
  'forgot my password and cannot log in',
  'refund for a cancelled order',
  'I want a refund for my order',
  'видео не загружается на канал',
  'не могу загрузить видео, ошибка загрузки',
  'the app crashes when I open settings',
  'application crash on startup after update',
];

function row(m: EmbeddingMatrix, i: number): Float32Array {
  return m.data.subarray(i * m.dims, (i + 1) * m.dims);
}

function cosine(m: EmbeddingMatrix, i: number, j: number): number {
  const a = row(m, i);
  const b = row(m, j);
  let dot = 0;
  for (let c = 0; c < m.dims; c++) dot += a[c] * b[c];
  return dot;
}

describe('LexicalEmbedder', () => {
  it('returns one unit-norm row per ticket', async () => {
    const m = await new LexicalEmbedder({ seed: 1 }).embed(TICKETS);
    expect(m.rows).toBe(TICKETS.length);
    expect(m.data.length).toBe(m.rows * m.dims);
    expect(m.dims).toBeGreaterThan(1);
    for (let i = 0; i < m.rows; i++) expect(Math.hypot(...row(m, i))).toBeCloseTo(1, 5);
  });

  it('is deterministic for a seed', async () => {
    const a = await new LexicalEmbedder({ seed: 7 }).embed(TICKETS);
    const b = await new LexicalEmbedder({ seed: 7 }).embed(TICKETS);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });

  it('puts inflected Russian paraphrases closer than unrelated tickets', async () => {
    const m = await new LexicalEmbedder({ seed: 3 }).embed(TICKETS);
    // «не приходит смс» vs «не пришла смс»: same topic, different inflection.
    expect(cosine(m, 0, 1)).toBeGreaterThan(cosine(m, 0, 3));
    expect(cosine(m, 0, 1)).toBeGreaterThan(cosine(m, 0, 7));
    expect(cosine(m, 5, 6)).toBeGreaterThan(cosine(m, 5, 12));
    expect(cosine(m, 8, 9)).toBeGreaterThan(cosine(m, 8, 14));
  });

  it('handles empty, one-ticket and two-ticket corpora', async () => {
    const embedder = new LexicalEmbedder({ seed: 1 });
    const none = await embedder.embed([]);
    expect(none.rows).toBe(0);
    expect(none.data.length).toBe(0);
    for (const texts of [['одна заявка про смс'], ['смс не приходит', 'refund my order please']]) {
      const m = await embedder.embed(texts);
      expect(m.rows).toBe(texts.length);
      expect(m.dims).toBeGreaterThanOrEqual(1);
      expect(m.dims).toBeLessThanOrEqual(texts.length + 1);
      for (let i = 0; i < m.rows; i++) expect(Math.hypot(...row(m, i))).toBeCloseTo(1, 5);
    }
  });

  it('gives tickets without usable words their own shared direction', async () => {
    const texts = [...TICKETS, '', 'спасибо, здравствуйте', '!!!'];
    const m = await new LexicalEmbedder({ seed: 1 }).embed(texts);
    const last = texts.length - 1;
    expect(cosine(m, last, last - 1)).toBeCloseTo(1, 5);
    expect(Math.abs(cosine(m, last, 0))).toBeLessThan(1e-6);
  });

  it('projects out-of-sample tickets when the SVD is fitted on a sample', async () => {
    const texts = Array.from({ length: 60 }, (_, i) => TICKETS[i % TICKETS.length]);
    const m = await new LexicalEmbedder({ seed: 2, settings: { fitSampleSize: 30 } }).embed(texts);
    expect(m.rows).toBe(60);
    // Identical texts get identical vectors whether or not they were in the fitted sample.
    expect(cosine(m, 0, TICKETS.length * 3)).toBeCloseTo(1, 5);
    for (let i = 0; i < m.rows; i++) expect(Math.hypot(...row(m, i))).toBeCloseTo(1, 5);
  });

  it('reports progress up to the total and names its settings', async () => {
    const seen: number[] = [];
    const embedder = new LexicalEmbedder({ dimensions: 64 });
    await embedder.embed(TICKETS, (p) => seen.push(p.done / p.total));
    expect(seen.at(-1)).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // The SVD reports each of its passes (it is most of the time on a large export), not one jump.
    expect(new Set(seen.filter((share) => share > 0.3 && share < 0.8)).size).toBeGreaterThanOrEqual(3);
    expect(embedder.kind).toBe('lexical');
    expect(embedder.model).toContain('svd64');
  });

  it('keeps the geometry of a converged SVD with one power iteration', async () => {
    const texts = (parse(readFileSync('fixtures/labeled-tickets.csv'), { columns: true }) as { text: string }[]).map(
      (r) => r.text,
    );
    // Mean |cos(i,j) here − cos(i,j) under a fully converged SVD| over every ticket pair.
    const converged = await new LexicalEmbedder({ seed: 1, settings: { convergedWork: Infinity } }).embed(texts);
    const shift = async (settings: Partial<LexicalSettings>): Promise<number> => {
      const m = await new LexicalEmbedder({ seed: 2, settings }).embed(texts);
      let sum = 0;
      let pairs = 0;
      for (let i = 0; i < m.rows; i++) {
        for (let j = i + 1; j < m.rows; j++) {
          sum += Math.abs(cosine(m, i, j) - cosine(converged, i, j));
          pairs++;
        }
      }
      return sum / pairs;
    };
    // No work budget: the one iteration a large export gets.
    const fast = await shift({ convergedWork: 0 });
    const sketch = await shift({ convergedWork: 0, fast: { powerIterations: 0, oversample: 16 } });
    // Measured 0.05 (0.13 without the power iteration; 5-nearest-neighbour label purity 1.00 against 0.95).
    expect(fast).toBeLessThan(0.08);
    expect(sketch).toBeGreaterThan(2 * fast);
  });

  it('fits to convergence when that costs little, and with one power iteration otherwise', () => {
    const rows = (count: number, entries: number) => {
      const indptr = Int32Array.from({ length: count + 1 }, (_, i) => i * entries);
      return { rows: count, cols: 50_000, indptr, indices: new Int32Array(0), values: new Float32Array(0) };
    };
    const s = DEFAULT_LEXICAL_SETTINGS;
    expect(svdPlan(rows(800, 100), 80, s)).toEqual({ powerIterations: 6, oversample: 80 });
    // 6 × (2·z·w + 1.5·n·w²) = 6 × (0.3e9 + 0.76e9) multiply-adds at 4,500 tickets and 256 dimensions.
    expect(svdPlan(rows(4500, 100), 256, s)).toEqual({ powerIterations: 1, oversample: 16 });
    expect(svdPlan(rows(4500, 100), 256, { ...s, convergedWork: 7e9 })).toEqual({ powerIterations: 6, oversample: 80 });
  });
});

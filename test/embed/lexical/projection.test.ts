import { describe, expect, it } from 'vitest';
import { projectTexts } from '../../../src/embed/lexical/projection.js';
import { TicketRow } from '../../../src/embed/lexical/tfidf.js';
import { seededUniform } from '../../../src/numerics/random.js';

// A made-up row per text: entries from the text's number, so the expected product is easy to write out.
const cols = 50;
const dims = 6;
function rowOf(text: string, row: TicketRow): void {
  const k = Number(text);
  row.length = 0;
  for (let j = k % 7; j < cols; j += 3 + (k % 5)) {
    row.columns[row.length] = j;
    row.values[row.length] = ((k + j) % 11) / 10;
    row.length++;
  }
}

describe('projectTexts', () => {
  const uniform = seededUniform(3);
  const projection = Float32Array.from({ length: cols * dims }, () => uniform() - 0.5);
  // More than two chunks of 2,048, and not a whole number of them.
  const texts = Array.from({ length: 5000 }, (_, i) => String(i));

  it('puts each text row times the projection at its row, stride apart, the spare column zero', async () => {
    const done: number[] = [];
    const out = await projectTexts(texts, rowOf, new TicketRow(), projection, dims, dims + 1, 1, (d) => done.push(d));
    const row = new TicketRow();
    for (const i of [0, 1, 2047, 2048, 4999]) {
      rowOf(texts[i], row);
      for (let c = 0; c < dims; c++) {
        let expected = 0;
        for (let p = 0; p < row.length; p++) expected += row.values[p] * projection[row.columns[p] * dims + c];
        expect(out[i * (dims + 1) + c]).toBeCloseTo(expected, 5);
      }
      expect(out[i * (dims + 1) + dims]).toBe(0);
    }
    expect(out.length).toBe(5000 * (dims + 1));
    done.forEach((d, i) => expect(d).toBeGreaterThan(done[i - 1] ?? 0));
  });

  it('gives the same vectors bit for bit on two threads as on one', async () => {
    const one = await projectTexts(texts, rowOf, new TicketRow(), projection, dims, dims + 1, 1, () => {});
    const two = await projectTexts(texts, rowOf, new TicketRow(), projection, dims, dims + 1, 2, () => {});
    expect(two.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Buffer.from(two.buffer).equals(Buffer.from(one.buffer))).toBe(true);
  });

  it('computes a repeated text once and gives each repeat the bits it would have computed', async () => {
    // 5,000 tickets of 1,500 distinct texts, repeats spread over the chunks.
    const repeated = Array.from({ length: 5000 }, (_, i) => String((i * 7919) % 1500));
    const seen: string[] = [];
    const counting = (text: string, row: TicketRow) => {
      seen.push(text);
      rowOf(text, row);
    };
    const done: number[] = [];
    const out = await projectTexts(repeated, counting, new TicketRow(), projection, dims, dims + 1, 1, (d) =>
      done.push(d),
    );
    expect(seen).toHaveLength(1500);
    // Progress counts tickets: every one of the 5,000 is done when the last distinct text is.
    expect(done.every((d) => d <= 5000)).toBe(true);
    // Every other ticket made distinct by a trailing space (the same row): computed, not copied, and on two threads.
    const spaced = repeated.map((t, i) => (i % 2 === 1 ? `${t} ` : t));
    const computed = await projectTexts(spaced, rowOf, new TicketRow(), projection, dims, dims + 1, 2, () => {});
    expect(Buffer.from(computed.buffer).equals(Buffer.from(out.buffer))).toBe(true);
  });
});

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
});

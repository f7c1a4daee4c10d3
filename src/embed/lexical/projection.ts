// Every ticket's vector when the SVD was fitted on a sample: its TF-IDF row times the fitted projection P.
// Cost: O(characters) per distinct text for its row, O(entries × dims) for the product, O(dims) to copy a
// repeated text's vector (support exports repeat many texts word for word once cleaned: a third of a generated
// export's are distinct); memory: the output (tickets × stride float32, allocated once, no copy afterwards) and a
// map of the distinct texts while it runs. On two threads both build rows and project them (row-threads.ts), each
// ticket claimed by one of them in small blocks, so the output is the same bit for bit whoever computes a ticket.
import { distinctTexts } from '../../text/distinct.js';
import type { TicketRowThreads } from './row-threads.js';

/** Tickets per job of the helper thread: their texts are copied to it, so a chunk bounds that copy. */
const CHUNK = 4096;

/**
 * out[offset + c] += row · P[·, c] for c < dims: a row (columns, values, its first `length` entries) times P
 * (cols × dims, float32). Four entries per pass over the output row: a quarter of its loads and stores.
 */
export function projectRow(
  columns: Int32Array,
  values: Float32Array,
  length: number,
  projection: Float32Array,
  dims: number,
  out: Float32Array,
  offset: number,
): void {
  let p = 0;
  for (; p + 3 < length; p += 4) {
    const v0 = values[p];
    const v1 = values[p + 1];
    const v2 = values[p + 2];
    const v3 = values[p + 3];
    const f0 = columns[p] * dims;
    const f1 = columns[p + 1] * dims;
    const f2 = columns[p + 2] * dims;
    const f3 = columns[p + 3] * dims;
    for (let c = 0; c < dims; c++) {
      out[offset + c] +=
        v0 * projection[f0 + c] + v1 * projection[f1 + c] + v2 * projection[f2 + c] + v3 * projection[f3 + c];
    }
  }
  for (; p < length; p++) {
    const v = values[p];
    const from = columns[p] * dims;
    for (let c = 0; c < dims; c++) out[offset + c] += v * projection[from + c];
  }
}

/**
 * texts[i]'s TF-IDF row (from `rows`, whose vocabulary is set) times `projection` (cols×dims) into row i of a
 * tickets×stride matrix (stride ≥ dims; the columns past dims stay 0), computed once per distinct text: a repeated
 * text gets a copy of the same bits. `onDone` hears the tickets done so far, between chunks.
 */
export async function projectTexts(
  texts: readonly string[],
  rows: TicketRowThreads,
  projection: Float32Array,
  dims: number,
  stride: number,
  onDone: (done: number) => void,
): Promise<Float32Array> {
  const { first: firstOf, rows: distinct } = distinctTexts(texts);
  const out = rows.matrix(texts.length * stride);
  rows.projectInto({ projection, dims, out, stride });
  for (let from = 0; from < distinct.length; from += CHUNK) {
    const rowAt = distinct.subarray(from, Math.min(distinct.length, from + CHUNK));
    rows.project(
      Array.from(rowAt, (i) => texts[i]),
      rowAt,
    );
    onDone(Math.round(((from + rowAt.length) / distinct.length) * texts.length));
    await new Promise((resolve) => setImmediate(resolve));
  }
  for (let i = 0; i < texts.length; i++) {
    const from = firstOf[i];
    if (from !== i) out.copyWithin(i * stride, from * stride, from * stride + stride);
  }
  return out;
}

// Every ticket's vector when the SVD was fitted on a sample: its TF-IDF row times the fitted projection P.
// Cost: O(characters) per distinct text for its row, O(entries × dims) for the product, O(dims) to copy a
// repeated text's vector (support exports repeat many texts word for word once cleaned: a third of a generated
// export's are distinct); memory: the output (tickets × stride float32, allocated once, no copy afterwards), a
// map of the distinct texts while it runs, and two chunks of rows. On two threads the
// main thread builds the next chunk's rows while the helper projects the current one, and joins in when done;
// rows are claimed in small blocks from a shared counter, so both threads stay busy and every row is
// computed by the same code, bit for bit, whoever takes it.
import { distinctTexts } from '../../text/distinct.js';
import { HelperThread, sharedCopy, zeroed } from '../../numerics/threads.js';
import type { TicketRow } from './tfidf.js';

const CHUNK = 2048;

/**
 * Rows claimed in blocks of 32 from `next[0]` until `count`: row r (entries indptr[r]..indptr[r+1]−1) times P
 * (cols×dims, float32) into out at rowAt[r]·stride, which must be zeroed. Self-contained: a helper runs its source.
 */
export function projectClaimedRows(
  indptr: Int32Array,
  indices: Int32Array,
  values: Float32Array,
  count: number,
  projection: Float32Array,
  dims: number,
  out: Float32Array,
  stride: number,
  rowAt: Int32Array,
  next: Int32Array,
): void {
  for (;;) {
    const start = Atomics.add(next, 0, 32);
    if (start >= count) return;
    const stop = Math.min(count, start + 32);
    for (let r = start; r < stop; r++) {
      const offset = rowAt[r] * stride;
      const end = indptr[r + 1];
      let p = indptr[r];
      // Four entries per pass over the output row: a quarter of its loads and stores.
      for (; p + 3 < end; p += 4) {
        const v0 = values[p];
        const v1 = values[p + 1];
        const v2 = values[p + 2];
        const v3 = values[p + 3];
        const f0 = indices[p] * dims;
        const f1 = indices[p + 1] * dims;
        const f2 = indices[p + 2] * dims;
        const f3 = indices[p + 3] * dims;
        for (let c = 0; c < dims; c++) {
          out[offset + c] +=
            v0 * projection[f0 + c] + v1 * projection[f1 + c] + v2 * projection[f2 + c] + v3 * projection[f3 + c];
        }
      }
      for (; p < end; p++) {
        const v = values[p];
        const from = indices[p] * dims;
        for (let c = 0; c < dims; c++) out[offset + c] += v * projection[from + c];
      }
    }
  }
}

/** One chunk's rows in compressed form, in shared memory when a helper reads them. */
class RowChunk {
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
  /** The output row of each of the chunk's rows. */
  readonly rowAt: Int32Array;
  count = 0;

  constructor(private readonly shared: boolean) {
    this.indptr = this.ints(CHUNK + 1);
    this.rowAt = this.ints(CHUNK);
    this.indices = this.ints(CHUNK * 64);
    this.values = this.floats(CHUNK * 64);
  }

  /** Rows of the texts at rows[from..from + CHUNK). */
  fill(
    texts: readonly string[],
    rows: Int32Array,
    from: number,
    rowOf: (text: string, row: TicketRow) => void,
    row: TicketRow,
  ) {
    this.count = Math.min(CHUNK, rows.length - from);
    let size = 0;
    for (let r = 0; r < this.count; r++) {
      this.rowAt[r] = rows[from + r];
      rowOf(texts[rows[from + r]], row);
      if (size + row.length > this.indices.length) this.grow(size + row.length);
      this.indices.set(row.columns.subarray(0, row.length), size);
      this.values.set(row.values.subarray(0, row.length), size);
      size += row.length;
      this.indptr[r + 1] = size;
    }
  }

  private grow(needed: number): void {
    const capacity = Math.max(needed, this.indices.length * 2);
    const indices = this.ints(capacity);
    const values = this.floats(capacity);
    indices.set(this.indices);
    values.set(this.values);
    this.indices = indices;
    this.values = values;
  }

  private ints(length: number): Int32Array {
    return zeroed(Int32Array, length, this.shared);
  }

  private floats(length: number): Float32Array {
    return zeroed(Float32Array, length, this.shared);
  }
}

interface ProjectJob {
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
  count: number;
  rowAt: Int32Array;
}

/**
 * texts[i]'s row (from `rowOf`) times `projection` (cols×dims) into row i of a tickets×stride matrix
 * (stride ≥ dims; the columns past dims stay 0), computed once per distinct text: a repeated text gets a copy
 * of the same bits. `onDone` hears the tickets done so far, between chunks.
 */
export async function projectTexts(
  texts: readonly string[],
  rowOf: (text: string, row: TicketRow) => void,
  row: TicketRow,
  projection: Float32Array,
  dims: number,
  stride: number,
  threads: number,
  onDone: (done: number) => void,
): Promise<Float32Array> {
  const { first: firstOf, rows } = distinctTexts(texts);
  const parallel = threads >= 2 && rows.length > CHUNK;
  const next = new Int32Array(new SharedArrayBuffer(4));
  const out = zeroed(Float32Array, texts.length * stride, parallel);
  const shared = parallel ? sharedCopy(projection) : projection;
  const helper = parallel
    ? new HelperThread<ProjectJob, object>(
        'projection',
        [projectClaimedRows],
        `(job, c) => projectClaimedRows(job.indptr, job.indices, job.values, job.count,
          c.projection, c.dims, c.out, c.stride, job.rowAt, c.next)`,
        { projection: shared, dims, out, stride, next },
      )
    : null;
  try {
    let current = new RowChunk(parallel);
    let following = new RowChunk(parallel);
    current.fill(texts, rows, 0, rowOf, row);
    for (let first = 0; first < rows.length; first += CHUNK) {
      Atomics.store(next, 0, 0);
      const { indptr, indices, values, count, rowAt } = current;
      helper?.start({ indptr, indices, values, count, rowAt });
      if (first + CHUNK < rows.length) following.fill(texts, rows, first + CHUNK, rowOf, row);
      projectClaimedRows(indptr, indices, values, count, shared, dims, out, stride, rowAt, next);
      helper?.finish();
      [current, following] = [following, current];
      if ((first / CHUNK) % 8 === 7) {
        onDone(Math.round(((first + count) / rows.length) * texts.length));
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  } finally {
    helper?.close();
  }
  for (let i = 0; i < texts.length; i++) {
    const from = firstOf[i];
    if (from !== i) out.copyWithin(i * stride, from * stride, from * stride + stride);
  }
  return out;
}

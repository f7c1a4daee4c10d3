// Turns a batch of token vectors into one L2-normalized vector per text.
import type { Pooling } from '../profiles.js';

export interface TokenStates {
  /** [batch, seq, dims] row-major, as last_hidden_state comes out of the model. */
  hidden: Float32Array;
  /** [batch, seq]: 1 for real tokens, 0 for padding. */
  mask: ArrayLike<number | bigint>;
  batch: number;
  seq: number;
  dims: number;
}

/**
 * `mean`: average of the real tokens (padding excluded, so a text pools the same alone or in a
 * padded batch); `cls`: the first token. Writes `batch × dims` rows into `out` at `outRow`.
 */
export function poolTokens(
  states: TokenStates,
  pooling: Pooling,
  normalize: boolean,
  out: Float32Array,
  outRow = 0,
): void {
  const { hidden, mask, batch, seq, dims } = states;
  const sum = new Float64Array(dims);
  for (let b = 0; b < batch; b++) {
    sum.fill(0);
    const base = b * seq * dims;
    if (pooling === 'cls') {
      for (let d = 0; d < dims; d++) sum[d] = hidden[base + d] as number;
    } else {
      let count = 0;
      for (let t = 0; t < seq; t++) {
        if (Number(mask[b * seq + t]) === 0) continue;
        count++;
        const off = base + t * dims;
        for (let d = 0; d < dims; d++) sum[d] += hidden[off + d] as number;
      }
      // Same clamp as sentence-transformers: an all-padding row stays zero instead of NaN.
      const inv = 1 / Math.max(count, 1e-9);
      for (let d = 0; d < dims; d++) sum[d] = (sum[d] as number) * inv;
    }
    writeRow(sum, normalize, out, (outRow + b) * dims);
  }
}

function writeRow(v: Float64Array, normalize: boolean, out: Float32Array, offset: number): void {
  let norm = 1;
  if (normalize) {
    let sq = 0;
    for (let d = 0; d < v.length; d++) sq += (v[d] as number) * (v[d] as number);
    norm = Math.sqrt(sq) || 1;
  }
  for (let d = 0; d < v.length; d++) out[offset + d] = (v[d] as number) / norm;
}

/** Indices of texts sorted by length, longest first, so a batch pads little (ties keep input order). */
export function lengthOrder(texts: readonly string[]): Int32Array {
  const order = Int32Array.from(texts.keys());
  const lengths = Int32Array.from(texts, (t) => t.length);
  return order.sort((a, b) => (lengths[b] as number) - (lengths[a] as number) || a - b);
}

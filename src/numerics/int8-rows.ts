// Unit vectors quantized to int8 for the approximate kNN search, and their dot product in WebAssembly SIMD.
// Why: NN-descent reads rows in random order, and a 257-dim float row is 1 KB, so its distance loop waits on
// memory, not arithmetic (measured: ~450 ns per float dot from a 20 MB matrix in JS or in wasm, ~60 ns per
// int8 SIMD dot; 4× less memory too). Each row is scaled so its largest component is ±127 (cosine error about
// 1e-3, below the gaps between a ticket's neighbours); the kNN graph's final distances are recomputed on the
// float vectors. The rows live in a shared WebAssembly memory, so a helper thread reads them in place.
// Cost: O(n·d) time to quantize, n·⌈d/16⌉·16 bytes.
import type { EmbeddingMatrix } from '../types.js';
import { INT8_DOT_WASM_BASE64 } from './int8-dot-wasm.js';

export interface Int8Rows {
  rows: number;
  /** Bytes per row: the dimension count rounded up to a multiple of 16 (zero padded). */
  stride: number;
  /** Shared memory holding row i at byte offset i·stride. */
  memory: WebAssembly.Memory;
  /** Per row: the float value of one int8 step, so cosine(a, b) ≈ dot(a, b)·scale[a]·scale[b]. */
  scale: Float32Array;
}

let compiled: WebAssembly.Module | undefined;

/** The compiled dot-product module (compiled once per thread; it can be sent to a helper thread). */
export function int8DotModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(Buffer.from(INT8_DOT_WASM_BASE64, 'base64'));
  return compiled;
}

const PAGE = 65536;

/** Bytes per int8 row of `dims` dimensions (a multiple of 16). */
export function int8Stride(dims: number): number {
  return Math.max(16, Math.ceil(dims / 16) * 16);
}

/**
 * Rows of `vectors` scaled to int8 (largest magnitude → ±127, rounded to nearest), followed by `spareBytes`
 * of zeroed scratch space (the projection trees' hyperplanes and lists, projection-forest.ts).
 */
export function quantizeRows(vectors: EmbeddingMatrix, spareBytes = 0): Int8Rows {
  const { rows, dims, data } = vectors;
  const stride = int8Stride(dims);
  const pages = Math.max(1, Math.ceil((rows * stride + spareBytes) / PAGE));
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  const bytes = new Int8Array(memory.buffer, 0, rows * stride);
  const scale = new Float32Array(new SharedArrayBuffer(4 * Math.max(1, rows)));
  for (let i = 0; i < rows; i++) {
    const base = i * dims;
    let max = 0;
    for (let t = 0; t < dims; t++) max = Math.max(max, Math.abs(data[base + t]));
    if (max === 0) continue;
    scale[i] = max / 127;
    // One multiply per value (a division each cost most of this loop's time at 1,000,000 × 256).
    const toStep = 127 / max;
    const out = i * stride;
    for (let t = 0; t < dims; t++) bytes[out + t] = Math.round(data[base + t] * toStep);
  }
  return { rows, stride, memory, scale };
}

/**
 * Reorders the rows in place so that new row p holds old row orig[p] (orig a permutation of 0..rows−1),
 * scales too: tickets that are near each other can be put near each other in memory. O(n·stride) time,
 * one row and n bits of scratch (each cycle of the permutation is followed once).
 */
export function permuteRows(rows: Int8Rows, orig: Int32Array): void {
  const { stride, scale } = rows;
  const n = rows.rows;
  const bytes = new Int8Array(rows.memory.buffer, 0, n * stride);
  const done = new Uint8Array(n);
  const row = new Int8Array(stride);
  for (let start = 0; start < n; start++) {
    if (done[start]) continue;
    row.set(bytes.subarray(start * stride, start * stride + stride));
    const startScale = scale[start];
    let p = start;
    for (;;) {
      done[p] = 1;
      const from = orig[p];
      if (from === start) {
        bytes.set(row, p * stride);
        scale[p] = startScale;
        break;
      }
      bytes.copyWithin(p * stride, from * stride, from * stride + stride);
      scale[p] = scale[from];
      p = from;
    }
  }
}

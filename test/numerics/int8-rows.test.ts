import { describe, expect, it } from 'vitest';
import { int8Key } from '../../src/cluster/knn-kernels.js';
import { INT8_DOT_WASM_BASE64 } from '../../src/numerics/int8-dot-wasm.js';
import { int8DotModule, permuteRows, quantizeRows } from '../../src/numerics/int8-rows.js';
import { seededRandom } from '../../src/numerics/random.js';
import { compileInt8Dot } from '../../scripts/build-wasm.mjs';

function unitRows(rows: number, dims: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const data = new Float32Array(rows * dims);
  for (let i = 0; i < rows; i++) {
    let norm = 0;
    for (let t = 0; t < dims; t++) {
      const x = random() - 0.5;
      data[i * dims + t] = x;
      norm += x * x;
    }
    for (let t = 0; t < dims; t++) data[i * dims + t] /= Math.sqrt(norm);
  }
  return data;
}

describe('int8 rows', () => {
  it('the embedded module is the one int8-dot.wat compiles to (rerun scripts/build-wasm.mjs after editing it)', async () => {
    expect((await compileInt8Dot()).toString('base64')).toBe(INT8_DOT_WASM_BASE64);
  });

  it('the SIMD dot product is the exact integer sum, whatever the dimension count', () => {
    const random = seededRandom(5);
    for (const dims of [1, 15, 16, 17, 64, 257]) {
      const data = Float32Array.from({ length: 3 * dims }, () => random() * 2 - 1);
      const rows = quantizeRows({ rows: 3, dims, data });
      expect(rows.stride % 16).toBe(0);
      expect(rows.stride).toBeGreaterThanOrEqual(dims);
      const bytes = new Int8Array(rows.memory.buffer, 0, 3 * rows.stride);
      const key = int8Key(int8DotModule(), rows.memory, rows.stride, rows.scale);
      for (const [a, b] of [
        [0, 1],
        [1, 2],
        [2, 2],
      ]) {
        let sum = 0;
        for (let t = 0; t < dims; t++) sum += bytes[a * rows.stride + t] * bytes[b * rows.stride + t];
        expect(key(a, b)).toBe(1 - sum * rows.scale[a] * rows.scale[b]);
      }
    }
  });

  it('each row keeps its largest component at ±127 and its cosines within 0.01 of the float ones', () => {
    const dims = 257;
    const n = 40;
    const data = unitRows(n, dims, 8);
    const rows = quantizeRows({ rows: n, dims, data });
    const bytes = new Int8Array(rows.memory.buffer, 0, n * rows.stride);
    const key = int8Key(int8DotModule(), rows.memory, rows.stride, rows.scale);
    for (let i = 0; i < n; i++) {
      let max = 0;
      for (let t = 0; t < dims; t++) max = Math.max(max, Math.abs(bytes[i * rows.stride + t]));
      expect(max).toBe(127);
      for (let t = dims; t < rows.stride; t++) expect(bytes[i * rows.stride + t]).toBe(0);
      for (let j = 0; j < n; j++) {
        let cos = 0;
        for (let t = 0; t < dims; t++) cos += data[i * dims + t] * data[j * dims + t];
        expect(Math.abs(1 - key(i, j) - cos)).toBeLessThan(0.01);
      }
    }
  });

  it('an all-zero row quantizes to zeros with step 0 (cosine 0 to everything)', () => {
    const data = Float32Array.from([0, 0, 0, 0.6, 0.8, 0]);
    const rows = quantizeRows({ rows: 2, dims: 3, data });
    expect(rows.scale[0]).toBe(0);
    const key = int8Key(int8DotModule(), rows.memory, rows.stride, rows.scale);
    expect(key(0, 1)).toBe(1);
    expect(key(1, 1)).toBeCloseTo(0, 2);
  });

  it('reordering moves each row and its scale to its new place, whatever the permutation', () => {
    const n = 37;
    const dims = 20;
    const rows = quantizeRows({ rows: n, dims, data: unitRows(n, dims, 12) });
    const bytes = () => new Int8Array(rows.memory.buffer, 0, n * rows.stride);
    const before = bytes().slice();
    const scales = rows.scale.slice();
    const random = seededRandom(4);
    const orig = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [orig[i], orig[j]] = [orig[j], orig[i]];
    }
    permuteRows(rows, orig);
    for (let p = 0; p < n; p++) {
      expect(bytes().slice(p * rows.stride, (p + 1) * rows.stride)).toEqual(
        before.slice(orig[p] * rows.stride, (orig[p] + 1) * rows.stride),
      );
      expect(rows.scale[p]).toBe(scales[orig[p]]);
    }
  });

  it('project gives the dot product of each listed row with one row, as dot does', () => {
    const n = 9;
    const dims = 40;
    const rows = quantizeRows({ rows: n, dims, data: unitRows(n, dims, 14) }, 64);
    const instance = new WebAssembly.Instance(int8DotModule(), { env: { memory: rows.memory } });
    const { dot, project } = instance.exports as {
      dot: (a: number, b: number, bytes: number) => number;
      project: (order: number, count: number, normal: number, stride: number, out: number) => void;
    };
    const listAt = n * rows.stride;
    const list = new Int32Array(rows.memory.buffer, listAt, 4);
    list.set([7, 0, 7, 3]);
    project(listAt, 4, 2 * rows.stride, rows.stride, listAt + 16);
    const out = new Int32Array(rows.memory.buffer, listAt + 16, 4);
    expect(Array.from(out)).toEqual([7, 0, 7, 3].map((r) => dot(r * rows.stride, 2 * rows.stride, rows.stride)));
    expect(out[1]).not.toBe(0);
  });
});

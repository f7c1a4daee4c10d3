// The SVD's hot loops as self-contained row-range kernels: no imports, no closures, so a helper
// thread can run their very source (svd-threads.ts) and both threads compute bit-identical values.
// The tall blocks (the test matrix, X·M, Xᵀ·M, A·T) are stored in float32, half the memory traffic of
// float64, which is what these loops wait on; every sum runs in float64 and is rounded once, when stored.

/** Rows i0..i1−1 of X·M into out (rows×width), X in compressed rows, M dense row-major (cols×width). */
export function sparseTimesDenseRows(
  indptr: Int32Array,
  indices: Int32Array,
  values: Float32Array,
  m: Float32Array,
  width: number,
  out: Float32Array,
  i0: number,
  i1: number,
): void {
  const sum = new Float64Array(width);
  for (let i = i0; i < i1; i++) {
    const row = i * width;
    const end = indptr[i + 1];
    let p = indptr[i];
    sum.fill(0);
    // Four entries per pass over the output row: a quarter of the loads and stores of one at a time.
    for (; p + 3 < end; p += 4) {
      const v0 = values[p];
      const v1 = values[p + 1];
      const v2 = values[p + 2];
      const v3 = values[p + 3];
      const f0 = indices[p] * width;
      const f1 = indices[p + 1] * width;
      const f2 = indices[p + 2] * width;
      const f3 = indices[p + 3] * width;
      for (let c = 0; c < width; c++) {
        sum[c] += v0 * m[f0 + c] + v1 * m[f1 + c] + v2 * m[f2 + c] + v3 * m[f3 + c];
      }
    }
    for (; p < end; p++) {
      const v = values[p];
      const from = indices[p] * width;
      for (let c = 0; c < width; c++) sum[c] += v * m[from + c];
    }
    for (let c = 0; c < width; c++) out[row + c] = sum[c];
  }
}

/**
 * sparseTimesDenseRows for a ±1 test matrix stored as int8 (a quarter of float32's memory, 13 MB instead of 53 at
 * 50,000 columns × 272): the same sums in the same order, so the same float32 results as with ±1.0 stored.
 * A copy of the loop rather than one function over either array type: one element type per loop keeps V8's
 * loads monomorphic, which these loops' speed depends on.
 */
export function sparseTimesSignsRows(
  indptr: Int32Array,
  indices: Int32Array,
  values: Float32Array,
  signs: Int8Array,
  width: number,
  out: Float32Array,
  i0: number,
  i1: number,
): void {
  const sum = new Float64Array(width);
  for (let i = i0; i < i1; i++) {
    const row = i * width;
    const end = indptr[i + 1];
    let p = indptr[i];
    sum.fill(0);
    for (; p + 3 < end; p += 4) {
      const v0 = values[p];
      const v1 = values[p + 1];
      const v2 = values[p + 2];
      const v3 = values[p + 3];
      const f0 = indices[p] * width;
      const f1 = indices[p + 1] * width;
      const f2 = indices[p + 2] * width;
      const f3 = indices[p + 3] * width;
      for (let c = 0; c < width; c++) {
        sum[c] += v0 * signs[f0 + c] + v1 * signs[f1 + c] + v2 * signs[f2 + c] + v3 * signs[f3 + c];
      }
    }
    for (; p < end; p++) {
      const v = values[p];
      const from = indices[p] * width;
      for (let c = 0; c < width; c++) sum[c] += v * signs[from + c];
    }
    for (let c = 0; c < width; c++) out[row + c] = sum[c];
  }
}

/**
 * Adds rows i0..i1−1 of a row-major A (·×width) to rows p0..p1−1 (p0 even) of the upper triangle of G = AᵀA
 * (width×width, float64). Each entry of G gets the same sums in the same order whatever p0..p1 is.
 */
export function gramRows(
  a: Float32Array,
  width: number,
  g: Float64Array,
  i0: number,
  i1: number,
  p0 = 0,
  p1 = width,
): void {
  let i = i0;
  // Four rows of A by two rows of G at a time: each load of A feeds eight products.
  for (; i + 3 < i1; i += 4) {
    const r0 = i * width;
    const r1 = r0 + width;
    const r2 = r1 + width;
    const r3 = r2 + width;
    let p = p0;
    for (; p + 1 < p1; p += 2) {
      const a0 = a[r0 + p];
      const a1 = a[r1 + p];
      const a2 = a[r2 + p];
      const a3 = a[r3 + p];
      const b0 = a[r0 + p + 1];
      const b1 = a[r1 + p + 1];
      const b2 = a[r2 + p + 1];
      const b3 = a[r3 + p + 1];
      const gp = p * width;
      const gq = gp + width;
      g[gp + p] += a0 * a0 + a1 * a1 + a2 * a2 + a3 * a3;
      for (let c = p + 1; c < width; c++) {
        const x0 = a[r0 + c];
        const x1 = a[r1 + c];
        const x2 = a[r2 + c];
        const x3 = a[r3 + c];
        g[gp + c] += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
        g[gq + c] += b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
      }
    }
    for (; p < p1; p++) {
      const gp = p * width;
      for (let c = p; c < width; c++)
        g[gp + c] += a[r0 + p] * a[r0 + c] + a[r1 + p] * a[r1 + c] + a[r2 + p] * a[r2 + c] + a[r3 + p] * a[r3 + c];
    }
  }
  for (; i < i1; i++) {
    const r = i * width;
    for (let p = p0; p < p1; p++) {
      const ap = a[r + p];
      const gp = p * width;
      for (let c = p; c < width; c++) g[gp + c] += ap * a[r + c];
    }
  }
}

/** Rows i0..i1−1 of A (·×width) · T (width×out, float64, small: it stays in cache) into result, all row-major. */
export function denseTimesSmallRows(
  a: Float32Array,
  width: number,
  t: Float64Array,
  out: number,
  result: Float32Array,
  i0: number,
  i1: number,
): void {
  const first = new Float64Array(out);
  const second = new Float64Array(out);
  let i = i0;
  // Two rows of A by four rows of T at a time: each load of T feeds two rows, each sum four products.
  for (; i + 1 < i1; i += 2) {
    const r = i * width;
    const s = r + width;
    const o = i * out;
    first.fill(0);
    second.fill(0);
    let p = 0;
    for (; p + 3 < width; p += 4) {
      const a0 = a[r + p];
      const a1 = a[r + p + 1];
      const a2 = a[r + p + 2];
      const a3 = a[r + p + 3];
      const b0 = a[s + p];
      const b1 = a[s + p + 1];
      const b2 = a[s + p + 2];
      const b3 = a[s + p + 3];
      const t0 = p * out;
      const t1 = t0 + out;
      const t2 = t1 + out;
      const t3 = t2 + out;
      for (let c = 0; c < out; c++) {
        const x0 = t[t0 + c];
        const x1 = t[t1 + c];
        const x2 = t[t2 + c];
        const x3 = t[t3 + c];
        first[c] += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
        second[c] += b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
      }
    }
    for (; p < width; p++) {
      const ap = a[r + p];
      const bp = a[s + p];
      const tp = p * out;
      for (let c = 0; c < out; c++) {
        first[c] += ap * t[tp + c];
        second[c] += bp * t[tp + c];
      }
    }
    for (let c = 0; c < out; c++) {
      result[o + c] = first[c];
      result[o + out + c] = second[c];
    }
  }
  for (; i < i1; i++) {
    const r = i * width;
    const o = i * out;
    first.fill(0);
    for (let p = 0; p < width; p++) {
      const ap = a[r + p];
      const tp = p * out;
      for (let c = 0; c < out; c++) first[c] += ap * t[tp + c];
    }
    for (let c = 0; c < out; c++) result[o + c] = first[c];
  }
}

// The first guess of the approximate kNN graph: random-projection trees whose leaves are joined pair by pair.
// Each tree draws from its own seeded stream, so trees can be grown on either thread and give the same leaves.
// Cost per tree: O(n·log(n/leaf)) projections (one int8 SIMD dot each on int8 rows, O(d) floats otherwise),
// O(n·leaf) distance keys for the leaves; memory n + n/2 int32 per tree (its order and leaf ends).
// No imports and no calls outside this file: the helper thread of knn-join.ts runs these functions' source.

/**
 * offset + row·normal for the rows order[lo..hi), into projection[lo..hi). Four rows at a time share
 * each load of the normal and run four independent sums (each still added in dimension order, so the
 * values are the ones a row-by-row loop gives).
 */
export function projectOnto(
  data: Float32Array,
  dims: number,
  order: Int32Array,
  lo: number,
  hi: number,
  normal: Float32Array,
  offset: number,
  projection: Float64Array,
): void {
  let s = lo;
  for (; s + 3 < hi; s += 4) {
    const p0 = order[s] * dims;
    const p1 = order[s + 1] * dims;
    const p2 = order[s + 2] * dims;
    const p3 = order[s + 3] * dims;
    let d0 = offset;
    let d1 = offset;
    let d2 = offset;
    let d3 = offset;
    for (let t = 0; t < dims; t++) {
      const w = normal[t];
      d0 += data[p0 + t] * w;
      d1 += data[p1 + t] * w;
      d2 += data[p2 + t] * w;
      d3 += data[p3 + t] * w;
    }
    projection[s] = d0;
    projection[s + 1] = d1;
    projection[s + 2] = d2;
    projection[s + 3] = d3;
  }
  for (; s < hi; s++) {
    const p = order[s] * dims;
    let d = offset;
    for (let t = 0; t < dims; t++) d += data[p + t] * normal[t];
    projection[s] = d;
  }
}

/** Signed side of each row order[lo..hi) of the hyperplane between rows a and b, into out[lo..hi). */
export type SplitProjection = (
  a: number,
  b: number,
  order: Int32Array,
  lo: number,
  hi: number,
  out: Float64Array,
) => void;

/** The hyperplane equidistant from rows a and b, on float rows (any metric). */
export function floatSplit(data: Float32Array, dims: number): SplitProjection {
  const normal = new Float32Array(dims);
  return (a, b, order, lo, hi, out) => {
    let offset = 0;
    for (let t = 0; t < dims; t++) {
      normal[t] = data[a * dims + t] - data[b * dims + t];
      offset -= (normal[t] * (data[a * dims + t] + data[b * dims + t])) / 2;
    }
    projectOnto(data, dims, order, lo, hi, normal, offset, out);
  };
}

/** Scratch bytes one thread's int8Split needs in the rows' memory for n tickets. */
export function splitScratchBytes(n: number, stride: number): number {
  return stride + 8 * n;
}

/**
 * The angular hyperplane between rows a and b on int8 rows (numerics/int8-rows.ts): the normal a/|a| − b/|b|
 * is itself quantized into the scratch space at byte `scratch` of the shared memory (splitScratchBytes, one
 * per thread), and each side is the exact integer SIMD dot of a row with it, the whole list in one wasm call
 * (8× fewer bytes read than floats, and the reads of successive rows overlap).
 */
export function int8Split(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  stride: number,
  scale: Float32Array,
  scratch: number,
  n: number,
): SplitProjection {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const project = instance.exports.project as (
    order: number,
    count: number,
    normal: number,
    stride: number,
    out: number,
  ) => void;
  const bytes = new Int8Array(memory.buffer);
  const normal = new Float64Array(stride);
  const orderAt = scratch + stride;
  const outAt = orderAt + 4 * n;
  const orderList = new Int32Array(memory.buffer, orderAt, n);
  const dots = new Int32Array(memory.buffer, outAt, n);
  return (a, b, order, lo, hi, out) => {
    let max = 0;
    for (let t = 0; t < stride; t++) {
      normal[t] = bytes[a * stride + t] * scale[a] - bytes[b * stride + t] * scale[b];
      max = Math.max(max, Math.abs(normal[t]));
    }
    for (let t = 0; t < stride; t++) bytes[scratch + t] = max > 0 ? Math.round((127 * normal[t]) / max) : 0;
    orderList.set(order.subarray(lo, hi));
    project(orderAt, hi - lo, scratch, stride, outAt);
    for (let s = lo; s < hi; s++) out[s] = dots[s - lo];
  };
}

/** mulberry32 from a 32-bit state (the cluster stage's generator, numerics/random.ts), inlined for the helper. */
export function treeRandom(seed: number, tree: number): () => number {
  let state = (Math.floor(seed) ^ 0x9e3779b9 ^ Math.imul(tree + 1, 0x85ebca6b)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Grows tree `tree` over n tickets: `order` (length n) ends as the tickets leaf by leaf, `leafEnds` (length
 * ≥ n/2 + 1) the end offset of each leaf in order; returns the leaf count. Halves are split until at most
 * `leafSize` tickets remain.
 */
export function growTree(
  n: number,
  leafSize: number,
  seed: number,
  tree: number,
  split: SplitProjection,
  order: Int32Array,
  leafEnds: Int32Array,
): number {
  const random = treeRandom(seed, tree);
  const side = new Uint8Array(n);
  const projection = new Float64Array(n);
  const part = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let leaves = 0;
  // Depth first, left half first: leaves come out in `order`'s own order.
  const stack: number[] = [0, n];
  while (stack.length > 0) {
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    const size = hi - lo;
    if (size <= leafSize) {
      leafEnds[leaves++] = hi;
      continue;
    }
    const ia = Math.floor(random() * size);
    let ib = Math.floor(random() * (size - 1));
    if (ib >= ia) ib++;
    split(order[lo + ia], order[lo + ib], order, lo, hi, projection);
    let left = 0;
    for (let s = lo; s < hi; s++) {
      const dot = projection[s];
      // Ties (duplicate tickets, a zero normal) go to a random side so leaves stay balanced.
      const goLeft = dot > 0 || (dot === 0 && random() < 0.5);
      side[s - lo] = goLeft ? 1 : 0;
      if (goLeft) left++;
    }
    if (left === 0 || left === size) {
      // Degenerate split (identical vectors): halve.
      left = size >> 1;
      for (let s = 0; s < size; s++) side[s] = s < left ? 1 : 0;
    }
    // Stable partition: left side first.
    let w = lo;
    for (let s = lo; s < hi; s++) part[s] = order[s];
    for (let s = lo; s < hi; s++) if (side[s - lo] === 1) order[w++] = part[s];
    for (let s = lo; s < hi; s++) if (side[s - lo] === 0) order[w++] = part[s];
    stack.push(lo + left, hi, lo, lo + left);
  }
  return leaves;
}

/**
 * Every pair within each leaf of the trees, in tree then leaf order, offered to the heaps of tickets
 * v0..v1−1 (a pair with neither end there is skipped without its key).
 */
export function joinLeaves(
  orders: readonly Int32Array[],
  leafEnds: readonly Int32Array[],
  leafCounts: readonly number[],
  key: (x: number, y: number) => number,
  offer: (i: number, j: number, key: number) => void,
  v0: number,
  v1: number,
): void {
  for (let t = 0; t < orders.length; t++) {
    const order = orders[t];
    let lo = 0;
    for (let leaf = 0; leaf < leafCounts[t]; leaf++) {
      const hi = leafEnds[t][leaf];
      for (let a = lo; a < hi; a++) {
        const p = order[a];
        const pMine = p >= v0 && p < v1;
        for (let b = a + 1; b < hi; b++) {
          const q = order[b];
          const qMine = q >= v0 && q < v1;
          if (!pMine && !qMine) continue;
          const d = key(p, q);
          if (pMine) offer(p, q, d);
          if (qMine) offer(q, p, d);
        }
      }
      lo = hi;
    }
  }
}

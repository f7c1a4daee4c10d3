// The first guess of the approximate kNN graph: random-projection trees whose leaves are joined pair by pair.
// Cost per tree: O(n·d·log(n/leaf)) for the splits, O(n·leaf) distance keys for the leaves.
import { randomIndex, type Random } from '../numerics/random.js';
import type { EmbeddingMatrix } from '../types.js';
import type { PairKey } from './knn-kernels.js';
import type { NeighbourHeaps } from './neighbour-heaps.js';

/**
 * offset + row·normal for the rows order[lo..hi), into projection[lo..hi). Four rows at a time share
 * each load of the normal and run four independent sums (each still added in dimension order, so the
 * values are the ones a row-by-row loop gives): most of the forest's time at 100,000 tickets.
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

/** Splits tickets by random hyperplanes through the origin (angular trees) and joins each leaf. */
export function projectionForest(
  vectors: EmbeddingMatrix,
  heaps: NeighbourHeaps,
  random: Random,
  trees: number,
  leafSize: number,
  key: PairKey,
): void {
  const { rows: n, dims, data } = vectors;
  const order = new Int32Array(n);
  const normal = new Float32Array(dims);
  const side = new Uint8Array(n);
  const projection = new Float64Array(n);
  for (let t = 0; t < trees; t++) {
    for (let i = 0; i < n; i++) order[i] = i;
    const stack: number[] = [0, n];
    while (stack.length > 0) {
      const hi = stack.pop()!;
      const lo = stack.pop()!;
      const size = hi - lo;
      if (size <= leafSize) {
        for (let a = lo; a < hi; a++) {
          const p = order[a];
          for (let b = a + 1; b < hi; b++) {
            const q = order[b];
            const d = key(p, q);
            heaps.push(p, q, d);
            heaps.push(q, p, d);
          }
        }
        continue;
      }
      const ia = randomIndex(random, size);
      let ib = randomIndex(random, size - 1);
      if (ib >= ia) ib++;
      const a = order[lo + ia];
      const b = order[lo + ib];
      // Hyperplane equidistant from a and b (through the origin for unit vectors).
      let offset = 0;
      for (let t2 = 0; t2 < dims; t2++) {
        normal[t2] = data[a * dims + t2] - data[b * dims + t2];
        offset -= (normal[t2] * (data[a * dims + t2] + data[b * dims + t2])) / 2;
      }
      projectOnto(data, dims, order, lo, hi, normal, offset, projection);
      let left = 0;
      for (let s = lo; s < hi; s++) {
        const p = order[s];
        const dot = projection[s];
        // Ties (e.g. duplicate tickets, zero normal) go to a random side so leaves stay balanced.
        const goLeft = dot > 0 || (dot === 0 && random() < 0.5);
        side[p] = goLeft ? 1 : 0;
        if (goLeft) left++;
      }
      if (left === 0 || left === size) {
        // Degenerate split (identical vectors): halve at random.
        left = 0;
        for (let s = lo; s < hi; s++) {
          side[order[s]] = random() < 0.5 ? 1 : 0;
          left += side[order[s]];
        }
        if (left === 0 || left === size) {
          left = size >> 1;
          for (let s = lo; s < hi; s++) side[order[s]] = s - lo < left ? 1 : 0;
        }
      }
      // Stable partition: left side first.
      const part = order.slice(lo, hi);
      let w = lo;
      for (const p of part) if (side[p] === 1) order[w++] = p;
      for (const p of part) if (side[p] === 0) order[w++] = p;
      stack.push(lo, lo + left, lo + left, hi);
    }
  }
}

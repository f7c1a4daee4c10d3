import { describe, expect, it } from 'vitest';
import { approximateKnn, exactKnn } from '../../src/cluster/knn.js';
import { NeighbourHeaps } from '../../src/cluster/neighbour-heaps.js';
import {
  applyPairs,
  generatePairs,
  listAdd,
  markSampled,
  pairsPerTicket,
  sampleCandidates,
  type ListArrays,
  type PairBuffer,
} from '../../src/cluster/nn-descent-kernels.js';
import { floatSplit, growTree, int8Split, joinLeaves, splitScratchBytes } from '../../src/cluster/projection-forest.js';
import { floatKey } from '../../src/cluster/knn-kernels.js';
import { int8DotModule, int8Stride, quantizeRows } from '../../src/numerics/int8-rows.js';
import { seededRandom } from '../../src/numerics/random.js';
import { topicMixture } from './mixtures.js';

const lists = (n: number, max: number): ListArrays => ({
  ids: new Int32Array(n * max),
  priority: new Uint32Array(n * max),
  count: new Int32Array(n),
  worst: new Int32Array(n),
  max,
});

const buffer = (capacity: number): PairBuffer => ({
  p: new Int32Array(capacity),
  q: new Int32Array(capacity),
  d: new Float32Array(capacity),
});

/** Heaps after the leaves of two trees were joined: a realistic start for the NN-descent steps. */
function startedHeaps(seed: number) {
  const { vectors } = topicMixture(8, 60, 24, 1, 20, seed);
  const n = vectors.rows;
  const key = floatKey(vectors.data, vectors.dims, 'cosine');
  const heaps = new NeighbourHeaps(n, 12);
  const orders = [new Int32Array(n), new Int32Array(n)];
  const ends = [new Int32Array(n), new Int32Array(n)];
  const counts = [0, 1].map((t) =>
    growTree(n, 16, seed, t, floatSplit(vectors.data, vectors.dims), orders[t], ends[t]),
  );
  joinLeaves(orders, ends, counts, key, (i, j, d) => heaps.push(i, j, d), 0, n);
  return { vectors, n, key, heaps };
}

describe('NN-descent steps', () => {
  it('candidate lists keep, per ticket, the distinct offers of smallest priority', () => {
    const max = 4;
    const list = lists(3, max);
    const offered: Map<number, number>[] = [new Map(), new Map(), new Map()];
    const random = seededRandom(9);
    // A fixed priority per (ticket, candidate), as the search's hash gives: offered again, the same one.
    const priority = Array.from({ length: 3 * 40 }, () => Math.floor(random() * 2 ** 32));
    for (let offer = 0; offer < 300; offer++) {
      const i = Math.floor(random() * 3);
      const j = Math.floor(random() * 40);
      listAdd(list, i, j, priority[i * 40 + j]);
      offered[i].set(j, priority[i * 40 + j]);
    }
    for (let i = 0; i < 3; i++) {
      // The list holds the `max` distinct offers of smallest priority.
      const best = [...offered[i].entries()].sort((a, b) => a[1] - b[1]).slice(0, max);
      const kept = Array.from(list.ids.slice(i * max, i * max + list.count[i])).sort((a, b) => a - b);
      expect(kept).toEqual(best.map(([j]) => j).sort((a, b) => a - b));
    }
  });

  it('sampling, marking and applying split over any ticket ranges leave the same lists and heaps', () => {
    const whole = startedHeaps(3);
    const parts = startedHeaps(3);
    const { n, key } = whole;
    const max = 8;
    const one = { fresh: lists(n, max), old: lists(n, max) };
    const two = { fresh: lists(n, max), old: lists(n, max) };
    sampleCandidates(whole.heaps, one.fresh, one.old, n, 77, 0, n);
    for (const [v0, v1] of [
      [0, 123],
      [123, n],
    ])
      sampleCandidates(parts.heaps, two.fresh, two.old, n, 77, v0, v1);
    expect(two.fresh.ids).toEqual(one.fresh.ids);
    expect(two.old.count).toEqual(one.old.count);
    markSampled(whole.heaps, one.fresh, 0, n);
    markSampled(parts.heaps, two.fresh, 0, 200);
    markSampled(parts.heaps, two.fresh, 200, n);
    expect(parts.heaps.fresh).toEqual(whole.heaps.fresh);
    // The local join of all tickets at once, against two buffers split at ticket 250 and applied in two ranges.
    const all = buffer(n * pairsPerTicket(max));
    const count = generatePairs(whole.heaps, one.fresh, one.old, 0, n, key, all);
    const updates = applyPairs(whole.heaps, [all], [count], 0, n);
    const low = buffer(n * pairsPerTicket(max));
    const high = buffer(n * pairsPerTicket(max));
    const counts = [
      generatePairs(parts.heaps, two.fresh, two.old, 0, 250, key, low),
      generatePairs(parts.heaps, two.fresh, two.old, 250, n, key, high),
    ];
    const split =
      applyPairs(parts.heaps, [low, high], counts, 0, 300) + applyPairs(parts.heaps, [low, high], counts, 300, n);
    expect(updates).toBeGreaterThan(0);
    expect(split).toBe(updates);
    expect(parts.heaps.ids).toEqual(whole.heaps.ids);
    expect(parts.heaps.dist).toEqual(whole.heaps.dist);
  });

  it('a projection tree puts every ticket in exactly one leaf of at most leafSize, the same for the same seed', () => {
    const { vectors } = topicMixture(5, 80, 40, 1, 0, 6);
    const n = vectors.rows;
    const rows = quantizeRows(vectors, splitScratchBytes(n, int8Stride(vectors.dims)));
    for (const split of [
      floatSplit(vectors.data, vectors.dims),
      int8Split(int8DotModule(), rows.memory, rows.stride, rows.scale, n * rows.stride, n),
    ]) {
      const order = new Int32Array(n);
      const ends = new Int32Array(n);
      const leaves = growTree(n, 20, 4, 0, split, order, ends);
      expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(ends[leaves - 1]).toBe(n);
      for (let leaf = 0; leaf < leaves; leaf++) {
        const size = ends[leaf] - (leaf > 0 ? ends[leaf - 1] : 0);
        expect(size).toBeGreaterThan(0);
        expect(size).toBeLessThanOrEqual(20);
      }
      const again = new Int32Array(n);
      growTree(n, 20, 4, 0, split, again, new Int32Array(n));
      expect(again).toEqual(order);
      const other = new Int32Array(n);
      growTree(n, 20, 4, 1, split, other, new Int32Array(n));
      expect(other).not.toEqual(order);
    }
  });
});

describe('approximate kNN on two threads', () => {
  it('gives the one-thread graph whatever share of each step the main thread starts with', () => {
    const { vectors } = topicMixture(10, 120, 32, 0.9, 30, 19);
    const one = approximateKnn(vectors, 10, { seed: 8, parallel: false });
    for (const initialShare of [0.1, 0.5, 0.9]) {
      const two = approximateKnn(vectors, 10, { seed: 8, parallel: true, initialShare });
      expect(two.indices).toEqual(one.indices);
      expect(two.distances).toEqual(one.distances);
    }
    // And it is a good graph: ≥ 95% of the exact neighbours.
    const exact = exactKnn(vectors, 10);
    let hits = 0;
    for (let i = 0; i < vectors.rows; i++) {
      const truth = new Set(exact.indices.slice(i * 10, i * 10 + 10));
      for (const j of one.indices.slice(i * 10, i * 10 + 10)) if (truth.has(j)) hits++;
    }
    expect(hits / (vectors.rows * 10)).toBeGreaterThanOrEqual(0.95);
  });
});

import { describe, expect, it } from 'vitest';
import { kdTreeKnn } from '../../src/cluster/kdtree.js';
import {
  ascendingEdges,
  coreDistances,
  lightestBetween,
  mutualReachabilityTree,
  primEdges,
} from '../../src/cluster/mst.js';
import { DisjointSets } from '../../src/numerics/disjoint-sets.js';
import { seededRandom } from '../../src/numerics/random.js';

/** Points in `groups` far-apart tight groups of `per`, in 2-D: a kNN graph with one component per group. */
function groups(count: number, per: number, seed: number) {
  const random = seededRandom(seed);
  const data = new Float32Array(count * per * 2);
  for (let g = 0; g < count; g++) {
    const cx = random() * 1000;
    const cy = random() * 1000;
    for (let p = 0; p < per; p++) {
      data[(g * per + p) * 2] = cx + random();
      data[(g * per + p) * 2 + 1] = cy + random();
    }
  }
  return { rows: count * per, dims: 2, data };
}

/** Weight of the minimum spanning tree over all pairs, by a plain Kruskal (reference). */
function kruskalWeight(m: number, weightOf: (a: number, b: number) => number, componentOf: Int32Array): number {
  const edges: [number, number, number][] = [];
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) edges.push([componentOf[a] === componentOf[b] ? 0 : weightOf(a, b), a, b]);
  }
  edges.sort((x, y) => x[0] - y[0]);
  const sets = new DisjointSets(m);
  let total = 0;
  for (const [w, a, b] of edges) if (sets.union(a, b)) total += w;
  return total;
}

function spansAll(n: number, from: Int32Array, to: Int32Array): boolean {
  const sets = new DisjointSets(n);
  for (let e = 0; e < from.length; e++) sets.union(from[e], to[e]);
  for (let i = 1; i < n; i++) if (sets.find(i) !== sets.find(0)) return false;
  return true;
}

describe('joining the components of the kNN graph', () => {
  const random = seededRandom(4);
  const m = 60;
  const points = Float64Array.from({ length: m }, () => random());
  const componentOf = Int32Array.from({ length: m }, (_, a) => a % 7);
  const weightOf = (a: number, b: number) => Math.abs(points[a] - points[b]);

  it('the lightest pair between components and Prim over the members both give the minimum joining weight', () => {
    const reference = kruskalWeight(m, weightOf, componentOf);
    const lightest = lightestBetween(m, 7, componentOf, weightOf);
    // One edge per pair of components at most, in (a, b) order, each the lightest between its two.
    expect(lightest.weight.length).toBeLessThanOrEqual((7 * 6) / 2);
    const sets = new DisjointSets(m);
    for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) if (componentOf[a] === componentOf[b]) sets.union(a, b);
    const order = Array.from(lightest.weight.keys()).sort((x, y) => lightest.weight[x] - lightest.weight[y] || x - y);
    let total = 0;
    for (const e of order) if (sets.union(lightest.a[e], lightest.b[e])) total += lightest.weight[e];
    expect(total).toBeCloseTo(reference, 12);
    const prim = primEdges(m, componentOf, weightOf);
    expect(prim.weight.length).toBe(m - 1);
    expect(spansAll(m, prim.a, prim.b)).toBe(true);
    expect(prim.weight.reduce((s, w) => s + w, 0)).toBeCloseTo(reference, 12);
  });

  it('joins a graph of many components (more than the sample budget) into one ascending tree', () => {
    for (const [count, per] of [
      [30, 12],
      [2100, 3],
    ]) {
      const points2 = groups(count, per, count);
      const graph = kdTreeKnn(points2, per - 1);
      const tree = mutualReachabilityTree(points2, graph, coreDistances(graph, 2), 1, 'euclidean');
      expect(tree.from.length).toBe(points2.rows - 1);
      expect(spansAll(points2.rows, tree.from, tree.to)).toBe(true);
      for (let e = 1; e < tree.weight.length; e++) expect(tree.weight[e]).toBeGreaterThanOrEqual(tree.weight[e - 1]);
    }
  });
});

describe('edge order', () => {
  const byComparator = (weight: Float64Array) =>
    Array.from(weight.keys()).sort((a, b) => weight[a] - weight[b] || a - b);

  it('float32 weights (packed keys) come out in the comparator order, ties by index, zeros first', () => {
    const random = seededRandom(12);
    const weight = Float64Array.from({ length: 5000 }, () => Math.fround(Math.floor(random() * 50) / 7));
    weight[3] = 0;
    weight[10] = -0;
    weight[11] = 3e38;
    expect(Array.from(ascendingEdges(weight, weight.length))).toEqual(byComparator(weight));
  });

  it('weights a float32 cannot hold use the comparator, with the same order', () => {
    const weight = Float64Array.from([0.1, 0.3, 0.1, 0.2, Infinity, 0.2]);
    expect(Array.from(ascendingEdges(weight, weight.length))).toEqual([0, 2, 3, 5, 1, 4]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  clusterStability,
  condenseTree,
  hdbscanFromTree,
  selectClusters,
  singleLinkage,
} from '../../src/cluster/hdbscan.js';
import { exactKnn } from '../../src/cluster/knn.js';
import { coreDistances, mutualReachabilityTree, type SpanningTree } from '../../src/cluster/mst.js';
import { seededRandom } from '../../src/numerics/random.js';

/** Points on a line: with minSamples = 1 the MST joins neighbours in sorted order. */
function lineTree(positions: number[]): SpanningTree {
  const order = positions.map((_, i) => i).sort((a, b) => positions[a] - positions[b]);
  const edges = order.slice(1).map((p, s) => ({ from: order[s], to: p, w: positions[p] - positions[order[s]] }));
  edges.sort((a, b) => a.w - b.w);
  return {
    from: Int32Array.from(edges, (e) => e.from),
    to: Int32Array.from(edges, (e) => e.to),
    weight: Float64Array.from(edges, (e) => e.w),
  };
}

describe('HDBSCAN tree', () => {
  it('builds the single-linkage merges of a tiny line', () => {
    // 0 —1— 1 —3— 2: first {0,1} at 1 (node 3), then {0,1}+{2} at 3 (node 4).
    const linkage = singleLinkage(lineTree([0, 1, 4]), 3);
    expect(Array.from(linkage.left)).toEqual([0, 2]);
    expect(Array.from(linkage.right)).toEqual([1, 3]);
    expect(Array.from(linkage.distance)).toEqual([1, 3]);
    expect(Array.from(linkage.size)).toEqual([2, 3]);
  });

  it('condenses, measures stability and selects by excess of mass as computed by hand', () => {
    // A' = 0,1,2 and B' = 3,4,5 (gap 1.5) form X; C = 6,7,8 is far away (gap 24.5). minClusterSize 3.
    const positions = [0, 1, 2, 3.5, 4.5, 5.5, 30, 31, 32];
    const n = positions.length;
    const tree = condenseTree(singleLinkage(lineTree(positions), n), n, 3);
    // Clusters: root, X, C, A', B'.
    expect(tree.clusterCount).toBe(5);
    const stability = clusterStability(tree);
    const byBirth = new Map<number, number>();
    for (let r = 0; r < tree.child.length; r++) if (tree.child[r] >= n) byBirth.set(tree.child[r] - n, tree.lambda[r]);
    // X and C are born at λ = 1/24.5; A' and B' at λ = 1/1.5, their points leave at λ = 1.
    const x = [...byBirth].find(
      ([c, l]) => Math.abs(l - 1 / 24.5) < 1e-12 && tree.childSize[tree.child.indexOf(c + n)] === 6,
    )![0];
    const c = [...byBirth].find(([cl, l]) => Math.abs(l - 1 / 24.5) < 1e-12 && cl !== x)![0];
    expect(stability[x]).toBeCloseTo(6 * (1 / 1.5 - 1 / 24.5), 12);
    expect(stability[c]).toBeCloseTo(3 * (1 - 1 / 24.5), 12);
    const inner = [...byBirth].filter(([, l]) => Math.abs(l - 1 / 1.5) < 1e-12).map(([cl]) => cl);
    expect(inner).toHaveLength(2); // A' and B'
    for (const cl of inner) expect(stability[cl]).toBeCloseTo(3 * (1 - 1 / 1.5), 12);
    // X (3.755) beats A'+B' (1 + 1): X is selected, not its children; the root never is.
    const selected = selectClusters(tree);
    expect(Array.from(selected).reduce((a, b) => a + b, 0)).toBe(2);
    expect(selected[x]).toBe(1);
    expect(selected[c]).toBe(1);
    expect(selected[0]).toBe(0);
    const flat = hdbscanFromTree(lineTree(positions), n, 3);
    expect(flat.count).toBe(2);
    expect(new Set(flat.labels.slice(0, 6)).size).toBe(1);
    expect(new Set(flat.labels.slice(6)).size).toBe(1);
    expect(flat.labels[0]).not.toBe(flat.labels[6]);
  });

  it('keeps two tight groups and leaves a far point as noise', () => {
    const flat = hdbscanFromTree(lineTree([0, 1, 2, 10, 11, 12, 30]), 7, 3);
    expect(Array.from(flat.labels)).toEqual([0, 0, 0, 1, 1, 1, -1]);
    expect(Array.from(flat.probability)).toEqual([1, 1, 1, 1, 1, 1, 0]);
  });

  it('treats groups smaller than minClusterSize as noise, and never returns one catch-all cluster', () => {
    // Groups of 6, 6 and 4 points, far apart.
    const positions = [0, 1, 2, 3, 4, 5, 50, 51, 52, 53, 54, 55, 100, 101, 102, 103];
    const five = hdbscanFromTree(lineTree(positions), positions.length, 5);
    expect(five.count).toBe(2);
    expect(Array.from(five.labels.slice(12))).toEqual([-1, -1, -1, -1]);
    // With 7 no split leaves two groups of 7+: everything is noise rather than one cluster.
    const seven = hdbscanFromTree(lineTree(positions), positions.length, 7);
    expect(seven.count).toBe(0);
    expect(seven.labels.every((l) => l === -1)).toBe(true);
  });

  it('finds two 2-D blobs through kNN core distances and the mutual-reachability tree', () => {
    const random = seededRandom(3);
    const points: number[] = [];
    for (let i = 0; i < 40; i++) points.push((i < 20 ? 0 : 10) + random(), random());
    points.push(50, 50, -40, 30, 20, -60); // three far outliers
    const vectors = { rows: points.length / 2, dims: 2, data: Float32Array.from(points) };
    const graph = exactKnn(vectors, 8, 'euclidean');
    const tree = mutualReachabilityTree(vectors, graph, coreDistances(graph, 4), 1, 'euclidean');
    expect(tree.from.length).toBe(vectors.rows - 1);
    const flat = hdbscanFromTree(tree, vectors.rows, 8);
    expect(flat.count).toBe(2);
    expect(new Set(flat.labels.slice(0, 20)).size).toBe(1);
    expect(new Set(flat.labels.slice(20, 40)).size).toBe(1);
    expect(flat.labels[0]).not.toBe(flat.labels[20]);
    expect(Array.from(flat.labels.slice(40))).toEqual([-1, -1, -1]);
  });
});

import { describe, expect, it } from 'vitest';
import { approximateKnn, exactKnn, type KnnGraph } from '../../src/cluster/knn.js';
import { projectOnto } from '../../src/cluster/projection-forest.js';
import { kdTreeKnn } from '../../src/cluster/kdtree.js';
import { PARALLEL_JOIN_MIN_TICKETS, parallelJoinWanted } from '../../src/cluster/knn-join.js';
import { seededRandom } from '../../src/numerics/random.js';
import { topicMixture } from './mixtures.js';

/** Share of the exact k nearest neighbours that `graph` also lists (both with k per row). */
function recallOf(graph: KnnGraph, exact: KnnGraph, rows: number, k: number): number {
  let hits = 0;
  for (let i = 0; i < rows; i++) {
    const truth = new Set(exact.indices.slice(i * k, i * k + k));
    for (const j of graph.indices.slice(i * k, i * k + k)) if (truth.has(j)) hits++;
  }
  return hits / (rows * k);
}

describe('nearest neighbours', () => {
  it('exact blocked search equals a plain brute force', () => {
    const { vectors } = topicMixture(4, 40, 16, 1.5, 10, 7);
    const { rows: n, dims, data } = vectors;
    const k = 5;
    const graph = exactKnn(vectors, k);
    for (let i = 0; i < n; i++) {
      const dist = Array.from({ length: n }, (_, j) => {
        let dot = 0;
        for (let t = 0; t < dims; t++) dot += data[i * dims + t] * data[j * dims + t];
        return { j, d: Math.sqrt(Math.max(0, 2 - 2 * dot)) };
      }).filter((x) => x.j !== i);
      dist.sort((a, b) => a.d - b.d);
      expect(Array.from(graph.indices.slice(i * k, i * k + k))).toEqual(dist.slice(0, k).map((x) => x.j));
      for (let s = 0; s < k; s++) expect(graph.distances[i * k + s]).toBeCloseTo(dist[s].d, 5);
    }
  });

  it('euclidean metric works on raw points', () => {
    const vectors = { rows: 4, dims: 1, data: Float32Array.from([0, 1, 3, 10]) };
    const graph = exactKnn(vectors, 2, 'euclidean');
    expect(Array.from(graph.indices)).toEqual([1, 2, 0, 2, 1, 0, 2, 1]);
    expect(Array.from(graph.distances)).toEqual([1, 3, 1, 2, 2, 3, 7, 9]);
  });

  it('projection forest + NN-descent recalls at least 90% of the true neighbours, deterministically', () => {
    const { vectors } = topicMixture(20, 100, 48, 1, 0, 11);
    const k = 10;
    const exact = exactKnn(vectors, k);
    const approx = approximateKnn(vectors, k, { seed: 5 });
    let hits = 0;
    for (let i = 0; i < vectors.rows; i++) {
      const truth = new Set(exact.indices.slice(i * k, i * k + k));
      for (const j of approx.indices.slice(i * k, i * k + k)) if (truth.has(j)) hits++;
    }
    expect(hits / (vectors.rows * k)).toBeGreaterThanOrEqual(0.9);
    expect(approximateKnn(vectors, k, { seed: 5 }).indices).toEqual(approx.indices);
  });

  it('the wider search (k + 10 kept while searching) recalls more of the true neighbours than a k-wide one', () => {
    const { vectors } = topicMixture(30, 100, 64, 0.6, 0, 13);
    const k = 15;
    const exact = exactKnn(vectors, k);
    const recall = (graph: KnnGraph) => recallOf(graph, exact, vectors.rows, k);
    const narrow = approximateKnn(vectors, k, { seed: 2, searchK: k, maxCandidates: k });
    const wide = approximateKnn(vectors, k, { seed: 2 });
    expect(wide.k).toBe(k);
    expect(wide.indices.length).toBe(vectors.rows * k);
    expect(recall(wide)).toBeGreaterThan(recall(narrow));
    expect(recall(wide)).toBeGreaterThanOrEqual(0.97);
  });

  it('the join on a helper thread gives exactly the one-thread graph (int8, float cosine, euclidean)', () => {
    const { vectors } = topicMixture(12, 150, 32, 1, 0, 17);
    for (const [metric, int8] of [
      ['cosine', true],
      ['cosine', false],
      ['euclidean', false],
    ] as const) {
      const one = approximateKnn(vectors, 12, { seed: 9, metric, int8, parallel: false });
      const two = approximateKnn(vectors, 12, { seed: 9, metric, int8, parallel: true });
      expect(two.indices).toEqual(one.indices);
      expect(two.distances).toEqual(one.distances);
    }
  });

  it('the int8 search finds nearly the float search neighbours, and reports exact float distances', () => {
    const { vectors } = topicMixture(20, 100, 64, 0.8, 0, 23);
    const { dims, data } = vectors;
    const k = 10;
    const exact = exactKnn(vectors, k);
    const recall = (graph: KnnGraph) => recallOf(graph, exact, vectors.rows, k);
    const int8 = approximateKnn(vectors, k, { seed: 3 });
    const float = approximateKnn(vectors, k, { seed: 3, int8: false });
    expect(recall(int8)).toBeGreaterThanOrEqual(recall(float) - 0.01);
    for (let i = 0; i < vectors.rows; i++) {
      for (let s = 0; s < k; s++) {
        const j = int8.indices[i * k + s];
        let dot = 0;
        for (let t = 0; t < dims; t++) dot += data[i * dims + t] * data[j * dims + t];
        expect(int8.distances[i * k + s]).toBeCloseTo(Math.sqrt(Math.max(0, 2 - 2 * dot)), 5);
        if (s > 0) expect(int8.distances[i * k + s]).toBeGreaterThanOrEqual(int8.distances[i * k + s - 1]);
      }
    }
  });

  it('settles in a few rounds when many tickets are exact duplicates (equal keys do not churn the heaps)', () => {
    // 60 distinct tickets, each sent 40 times: far more equally distant copies than a heap holds.
    const { vectors: distinct } = topicMixture(6, 10, 32, 1, 0, 29);
    const copies = 40;
    const data = new Float32Array(distinct.rows * copies * distinct.dims);
    for (let c = 0; c < copies; c++) data.set(distinct.data, c * distinct.data.length);
    const vectors = { rows: distinct.rows * copies, dims: distinct.dims, data };
    const progress: number[] = [];
    const graph = approximateKnn(vectors, 10, { seed: 4, onProgress: (done, total) => progress.push(done / total) });
    // Forest, at most two rounds, the re-rank: the last call says done.
    expect(progress.length).toBeLessThanOrEqual(4);
    expect(progress[progress.length - 1]).toBe(1);
    for (let s = 1; s < progress.length; s++) expect(progress[s]).toBeGreaterThan(progress[s - 1]);
    // Every neighbour is a copy of the same ticket (distance 0).
    for (let i = 0; i < vectors.rows; i++)
      for (let s = 0; s < 10; s++) expect(graph.indices[i * 10 + s] % distinct.rows).toBe(i % distinct.rows);
  });

  it('a helper thread only for large sets, on two cores, unless TICKETS_THREADS=1', () => {
    const saved = process.env.TICKETS_THREADS;
    try {
      process.env.TICKETS_THREADS = '2';
      expect(parallelJoinWanted(PARALLEL_JOIN_MIN_TICKETS)).toBe(true);
      expect(parallelJoinWanted(PARALLEL_JOIN_MIN_TICKETS - 1)).toBe(false);
      process.env.TICKETS_THREADS = '1';
      expect(parallelJoinWanted(100_000)).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.TICKETS_THREADS;
      else process.env.TICKETS_THREADS = saved;
    }
  });
});

describe('projection forest and NN-descent parts', () => {
  it('projects four rows at a time to the very values a row-by-row loop gives, for any count of rows', () => {
    const { vectors } = topicMixture(3, 5, 13, 1, 0, 3);
    const { rows: n, dims, data } = vectors;
    const normal = Float32Array.from({ length: dims }, (_, t) => Math.sin(t + 1));
    const order = Int32Array.from({ length: n }, (_, i) => (i * 7) % n);
    for (const [lo, hi] of [
      [0, n],
      [2, 9],
      [3, 4],
      [5, 5],
      [1, 12],
    ]) {
      const projection = new Float64Array(n).fill(NaN);
      projectOnto(data, dims, order, lo, hi, normal, 0.25, projection);
      for (let s = 0; s < n; s++) {
        if (s < lo || s >= hi) {
          expect(projection[s]).toBeNaN();
          continue;
        }
        let dot = 0.25;
        for (let t = 0; t < dims; t++) dot += data[order[s] * dims + t] * normal[t];
        expect(projection[s]).toBe(dot);
      }
    }
  });
});

describe('k-d tree neighbours of a layout', () => {
  it('equals the blocked brute force on low-dimensional points', () => {
    const random = seededRandom(3);
    const n = 700;
    const data = new Float32Array(n * 5);
    for (let i = 0; i < data.length; i++) data[i] = random() * 10;
    const points = { rows: n, dims: 5, data };
    expect(kdTreeKnn(points, 10).indices).toEqual(exactKnn(points, 10, 'euclidean').indices);
    // Rounded coordinates: many equal distances (which tied neighbour is kept may differ, the distances may not).
    for (let i = 0; i < data.length; i++) data[i] = Math.round(data[i]);
    const tree = kdTreeKnn(points, 10);
    const brute = exactKnn(points, 10, 'euclidean');
    for (let i = 0; i < brute.distances.length; i++) expect(tree.distances[i]).toBeCloseTo(brute.distances[i], 5);
    expect(kdTreeKnn(points, 10).indices).toEqual(tree.indices);
  });
});

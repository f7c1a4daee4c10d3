import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/numerics/random.js';
import { graphStart, type EdgeList } from '../../src/cluster/start.js';
import {
  PARALLEL_SMOOTHING_MIN_TICKETS,
  StartSmoothing,
  smoothTickets,
  ticketEdges,
} from '../../src/cluster/start-smoothing.js';

/** A random sparse graph with a ticket linked to itself and one with no edge at all. */
function randomGraph(n: number, m: number, seed: number): EdgeList {
  const random = seededRandom(seed);
  const head = new Int32Array(m);
  const tail = new Int32Array(m);
  const weight = new Float32Array(m);
  for (let e = 0; e < m; e++) {
    head[e] = Math.floor(random() * (n - 1));
    tail[e] = e === 3 ? head[e] : Math.floor(random() * (n - 1));
    weight[e] = random();
  }
  return { head, tail, weight };
}

/** The pass as it was written before: each edge pushed to both its ends, in edge order. */
function pushedPass(graph: EdgeList, w: Float64Array, rows: Float64Array, n: number, dims: number): Float64Array {
  const next = rows.map((x) => 0.5 * x);
  for (let e = 0; e < graph.head.length; e++) {
    const i = graph.head[e] * dims;
    const j = graph.tail[e] * dims;
    for (let c = 0; c < dims; c++) {
      const ic = rows[i + c];
      next[i + c] += w[e] * rows[j + c];
      next[j + c] += w[e] * ic;
    }
  }
  return next.subarray(0, n * dims);
}

describe('the layout start smoothing', () => {
  for (const dims of [5, 3]) {
    it(`gathers per ticket exactly the sums of pushing each edge to both ends (${dims} dimensions)`, () => {
      const n = 500;
      const graph = randomGraph(n, 4000, dims);
      const random = seededRandom(11);
      const w = Float64Array.from({ length: 4000 }, () => random());
      const rows = Float64Array.from({ length: n * dims }, () => random() - 0.5);
      const edges = ticketEdges(graph, w, n, false);
      expect(edges.offsets[n]).toBe(8000);
      expect(edges.offsets[n] - edges.offsets[n - 1]).toBe(0);
      const next = new Float64Array(n * dims);
      smoothTickets(edges.offsets, edges.other, edges.weight, rows, next, dims, 0, n);
      expect(Array.from(next)).toEqual(Array.from(pushedPass(graph, w, rows, n, dims)));
    });
  }

  it('gives the same pass bit for bit on one thread or two', () => {
    const n = PARALLEL_SMOOTHING_MIN_TICKETS + 17;
    const graph = randomGraph(n, n * 8, 2);
    const random = seededRandom(5);
    const w = Float64Array.from({ length: n * 8 }, () => random());
    const passes = [1, 2].map((threads) => {
      const smoothing = new StartSmoothing(graph, w, n, 5, threads);
      try {
        for (let i = 0; i < n * 5; i++) smoothing.rows[i] = Math.sin(i);
        smoothing.pass();
        return Array.from(smoothing.next);
      } finally {
        smoothing.close();
      }
    });
    expect(passes[1]).toEqual(passes[0]);
    expect(passes[0].some((x, i) => x !== 0.5 * Math.sin(i))).toBe(true);
  });

  it('gives the same start bit for bit on one thread or two', () => {
    const n = PARALLEL_SMOOTHING_MIN_TICKETS + 3;
    const dims = 12;
    const random = seededRandom(8);
    const data = Float32Array.from({ length: n * dims }, () => random() - 0.5);
    const graph = randomGraph(n, n * 6, 4);
    const vectors = { rows: n, dims, data };
    expect(Array.from(graphStart(vectors, graph, 5, 6, 2))).toEqual(Array.from(graphStart(vectors, graph, 5, 6, 1)));
  });
});

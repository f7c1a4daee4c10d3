import { describe, expect, it } from 'vitest';
import { exactKnn } from '../../src/cluster/knn.js';
import { fuzzyGraph, graphLayout, type LayoutOptions } from '../../src/cluster/layout.js';
import { ownedEpoch, ownedGraph, ownedSgd } from '../../src/cluster/layout-parallel.js';
import { DEFAULT_CLUSTER_TUNING, layoutOptions } from '../../src/cluster/tuning.js';
import { nearestSameTopic, spreadOverGap, topicMixture } from './mixtures.js';

describe('snapshot layout SGD (large exports, two threads)', () => {
  const m = topicMixture(8, 150, 24, 1.1, 0, 11);
  const graph = exactKnn(m.vectors, 15);
  const options: LayoutOptions = {
    ...layoutOptions(DEFAULT_CLUSTER_TUNING, 5, m.vectors.rows),
    epochs: 60,
    snapshot: true,
    negativeRate: DEFAULT_CLUSTER_TUNING.layoutSnapshotNegatives,
    repulsion: DEFAULT_CLUSTER_TUNING.layoutSnapshotRepulsion,
  };

  it('gives the same layout bit for bit on one thread and on two, and on every run', () => {
    const one = graphLayout(m.vectors, graph, { ...options, threads: 1 }).data;
    const two = graphLayout(m.vectors, graph, { ...options, threads: 2 }).data;
    expect(two).toEqual(one);
    expect(graphLayout(m.vectors, graph, { ...options, threads: 2 }).data).toEqual(one);
    expect(graphLayout(m.vectors, graph, { ...options, threads: 1, seed: 6 }).data).not.toEqual(one);
  });

  it('keeps overlapping planted topics apart, and would not without its negative samples', () => {
    const wide = topicMixture(8, 150, 24, 2.2, 0, 11);
    const wideGraph = exactKnn(wide.vectors, 15);
    const wideOptions = { ...options, epochs: 200 };
    const layout = graphLayout(wide.vectors, wideGraph, wideOptions).data;
    const collapsed = graphLayout(wide.vectors, wideGraph, { ...wideOptions, negativeRate: 0 }).data;
    expect(nearestSameTopic(layout, wide.truth)).toBeGreaterThan(0.45);
    expect(spreadOverGap(layout, wide.truth, 8)).toBeLessThan(1);
    expect(nearestSameTopic(collapsed, wide.truth)).toBeLessThan(0.3);
    expect(spreadOverGap(collapsed, wide.truth, 8)).toBeGreaterThan(1.5);
  });

  it('gives the same layout in blocks of any size on one thread or two', () => {
    const fuzzy = fuzzyGraph(graph, m.vectors.rows);
    const owned = ownedGraph(fuzzy, m.vectors.rows, 30);
    const start = graphLayout(m.vectors, graph, { ...options, learningRate: 0 }).data;
    const run = (blockTickets: number, threads: number) => {
      const y = start.slice();
      ownedSgd(y, owned, m.vectors.rows, {
        epochs: 30,
        learningRate: 0.25,
        negatives: 1,
        gamma: 2.5,
        seed: 4,
        blockTickets,
        threads,
      });
      return y;
    };
    const whole = run(m.vectors.rows, 1);
    expect(run(m.vectors.rows, 2)).toEqual(whole);
    expect(run(300, 2)).toEqual(run(300, 1));
    expect(whole).not.toEqual(start);
  });

  it('reports every epoch to onProgress', () => {
    const seen: number[] = [];
    graphLayout(m.vectors, graph, {
      ...options,
      epochs: 7,
      threads: 1,
      onProgress: (done, total) => seen.push(done * 100 + total),
    });
    expect(seen).toEqual([107, 207, 307, 407, 507, 607, 707]);
  });

  it('keeps both directions of each edge strong enough to be due, with weights scaled to 1', () => {
    const fuzzy = fuzzyGraph(graph, m.vectors.rows);
    const owned = ownedGraph(fuzzy, m.vectors.rows, 60);
    const max = Math.max(...fuzzy.weight);
    const kept = fuzzy.weight.filter((w) => w >= max / 60).length;
    expect(owned.offsets[m.vectors.rows]).toBe(owned.neighbours.length);
    expect(Math.max(...owned.weights.map(Math.abs))).toBe(1);
    // One side of each edge (the head, which draws the negative samples) positive, the other negative.
    expect(owned.weights.filter((w) => w > 0).length).toBe(kept);
    expect(owned.neighbours.length).toBe(2 * kept);
  });

  it('moves only the tickets of its own range, reading the others from the snapshot', () => {
    const fuzzy = fuzzyGraph(graph, m.vectors.rows);
    const owned = ownedGraph(fuzzy, m.vectors.rows, 60);
    const n = m.vectors.rows;
    const read = Float32Array.from({ length: n * 5 }, (_, i) => Math.sin(i));
    const write = new Float32Array(n * 5).fill(99);
    const job = { epoch: 5, alpha: 0.25, negatives: 1, gamma: 1, seed: 3, from: 100, to: 200 };
    ownedEpoch(read, write, owned.offsets, owned.neighbours, owned.weights, n, job);
    expect(write.subarray(0, 500).every((v) => v === 99)).toBe(true);
    expect(write.subarray(1000).every((v) => v === 99)).toBe(true);
    expect(write.subarray(500, 1000)).not.toEqual(read.subarray(500, 1000));
  });
});

describe('layout progress', () => {
  it('the sequential SGD reports every epoch too, without changing the layout', () => {
    const m = topicMixture(4, 40, 16, 1, 0, 2);
    const graph = exactKnn(m.vectors, 10);
    const options = { ...layoutOptions(DEFAULT_CLUSTER_TUNING, 1, m.vectors.rows), epochs: 5 };
    const seen: number[] = [];
    const watched = graphLayout(m.vectors, graph, { ...options, onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(watched.data).toEqual(graphLayout(m.vectors, graph, options).data);
  });
});

import { describe, expect, it } from 'vitest';
import { clusterTickets } from '../../src/cluster/index.js';
import { exactKnn } from '../../src/cluster/knn.js';
import { fastPow, fuzzyGraph, graphLayout, sgdEpochs, sgdEpochsFiveDims } from '../../src/cluster/layout.js';
import { seededRandom } from '../../src/numerics/random.js';
import { graphStart } from '../../src/cluster/start.js';
import { DEFAULT_CLUSTER_TUNING, layoutOptions } from '../../src/cluster/tuning.js';
import { nearestSameTopic, spreadOverGap, topicMixture } from './mixtures.js';

/** Mean distance a ticket moved from the deterministic start. */
function meanMove(layout: Float32Array, start: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < start.length; i += 5) {
    let d2 = 0;
    for (let t = 0; t < 5; t++) d2 += (layout[i + t] - start[i + t]) ** 2;
    sum += Math.sqrt(d2);
  }
  return sum / (start.length / 5);
}

describe('layout step size', () => {
  const m = topicMixture(12, 40, 30, 1.2, 20, 8);
  const graph = exactKnn(m.vectors, 15);
  const start = graphStart(m.vectors, fuzzyGraph(graph, m.vectors.rows), 5, 100);
  const options = layoutOptions(DEFAULT_CLUSTER_TUNING, 1, m.vectors.rows);

  it('starts from the deterministic graph start and scales every SGD step by the learning rate', () => {
    // Step 0: only the seeded jitter (±5e-4) separates the layout from the start.
    expect(meanMove(graphLayout(m.vectors, graph, { ...options, learningRate: 0 }).data, start)).toBeLessThan(1e-3);
    const quarter = meanMove(graphLayout(m.vectors, graph, options).data, start);
    const full = meanMove(graphLayout(m.vectors, graph, { ...options, learningRate: 1 }).data, start);
    // The default quarter step keeps the start's arrangement: tickets move less than at UMAP's full step.
    expect(quarter).toBeGreaterThan(0.1);
    expect(quarter).toBeLessThan(0.9 * full);
  });

  it('takes the step from the cluster options', () => {
    const a = clusterTickets(m.vectors, { seed: 3, tuning: { layoutLearningRate: 0.25 } });
    expect(clusterTickets(m.vectors, { seed: 3 }).labels).toEqual(a.labels);
    const none = clusterTickets(m.vectors, {
      seed: 3,
      tuning: { layoutLearningRate: 0, recentrePasses: 0, settleShare: 0, reassignNoise: false },
    });
    const full = clusterTickets(m.vectors, {
      seed: 3,
      tuning: { layoutLearningRate: 1, recentrePasses: 0, settleShare: 0, reassignNoise: false },
    });
    expect(none.labels).not.toEqual(full.labels);
  });
});

describe('layout SGD kernels', () => {
  it('fastPow rounds exactly as Math.round would, over the whole float32 range it meets', () => {
    const bits = new Float32Array(1);
    const bitsInt = new Int32Array(bits.buffer);
    const reference = (x: number, p: number) => {
      bits[0] = x;
      const log2 = (bitsInt[0] - 1065353216) / 8388608;
      bitsInt[0] = Math.round(p * log2 * 8388608 + 1065353216);
      return bits[0];
    };
    for (const x of [0, 1e-45, 1e-30, 1e-6, 0.001, 0.5, 1, 2, 3.7, 1e3, 1e12, 3e38]) {
      for (const p of [0.8006, 0.5, 0.999]) expect(fastPow(x, p)).toBe(reference(x, p));
    }
    const random = seededRandom(6);
    for (let i = 0; i < 10000; i++) {
      const x = Math.exp((random() - 0.5) * 80);
      expect(fastPow(x, 0.8006)).toBe(reference(x, 0.8006));
    }
  });

  it('the five-dimension SGD gives the generic SGD layout bit for bit', () => {
    const m = topicMixture(10, 30, 20, 1.2, 10, 5);
    const graph = exactKnn(m.vectors, 15);
    const fuzzy = fuzzyGraph(graph, m.vectors.rows);
    const start = graphStart(m.vectors, fuzzy, 5, 50);
    const epochs = 60;
    const schedule = () => {
      let max = 0;
      for (const w of fuzzy.weight) max = Math.max(max, w);
      const every = Float32Array.from(fuzzy.weight, (w) => (w >= max / epochs ? max / w : -1));
      const everyNegative = Float32Array.from(every, (e) => e / 5);
      return { every, next: every.slice(), everyNegative, nextNegative: everyNegative.slice() };
    };
    const generic = start.slice();
    sgdEpochs(generic, 5, m.vectors.rows, fuzzy, schedule(), epochs, 0.5, seededRandom(2));
    const five = start.slice();
    sgdEpochsFiveDims(five, m.vectors.rows, fuzzy, schedule(), epochs, 0.5, seededRandom(2));
    expect(five).toEqual(generic);
    expect(five).not.toEqual(start);
  });
});

describe('layout progress', () => {
  it('reports every SGD epoch to onProgress without changing the layout', () => {
    const m = topicMixture(4, 40, 16, 1, 0, 2);
    const graph = exactKnn(m.vectors, 10);
    const options = { ...layoutOptions(DEFAULT_CLUSTER_TUNING, 1, m.vectors.rows), epochs: 5 };
    const seen: string[] = [];
    const watched = graphLayout(m.vectors, graph, {
      ...options,
      onProgress: (done, total) => seen.push(`${done}/${total}`),
    });
    expect(seen).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5']);
    expect(watched.data).toEqual(graphLayout(m.vectors, graph, options).data);
    const generic = graphLayout(m.vectors, graph, { ...options, dims: 3, onProgress: (done) => seen.push(`${done}`) });
    expect(seen.slice(5)).toEqual(['1', '2', '3', '4', '5']);
    expect(generic.dims).toBe(3);
  });
});

describe('layout separates planted topics', () => {
  it('keeps overlapping topics apart, and would not without its negative samples', () => {
    // Eight topics spread wide enough that their kNN neighbourhoods overlap.
    const m = topicMixture(8, 150, 24, 2.2, 0, 11);
    const graph = exactKnn(m.vectors, 15);
    const options = { ...layoutOptions(DEFAULT_CLUSTER_TUNING, 5, m.vectors.rows), epochs: 200 };
    const layout = graphLayout(m.vectors, graph, options).data;
    expect(nearestSameTopic(layout, m.truth)).toBeGreaterThan(0.45);
    expect(spreadOverGap(layout, m.truth, 8)).toBeLessThan(1);
    // Without repulsion the topics fall onto each other: what this test guards against.
    const collapsed = graphLayout(m.vectors, graph, { ...options, negativeRate: 0.001 }).data;
    expect(nearestSameTopic(collapsed, m.truth)).toBeLessThan(0.3);
    expect(spreadOverGap(collapsed, m.truth, 8)).toBeGreaterThan(2);
  });
});

import { describe, expect, it } from 'vitest';
import { clusterTickets } from '../../src/cluster/index.js';
import { exactKnn } from '../../src/cluster/knn.js';
import { fuzzyGraph, graphLayout } from '../../src/cluster/layout.js';
import { graphStart } from '../../src/cluster/start.js';
import { DEFAULT_CLUSTER_TUNING, layoutOptions } from '../../src/cluster/tuning.js';
import { topicMixture } from './mixtures.js';

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

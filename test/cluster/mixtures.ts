// Seeded synthetic ticket vectors for the cluster tests: unit vectors around a few topic centres.
import type { EmbeddingMatrix } from '../../src/types.js';
import { seededRandom } from '../../src/numerics/random.js';

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export interface Mixture {
  vectors: EmbeddingMatrix;
  /** Topic of each row, −1 for the scattered outliers. */
  truth: Int32Array;
}

/** `topics` centres × `perTopic` tickets with Gaussian spread, then `outliers` random directions. */
export function topicMixture(
  topics: number,
  perTopic: number,
  dims: number,
  spread: number,
  outliers: number,
  seed: number,
): Mixture {
  const random = seededRandom(seed);
  const centres = Array.from({ length: topics }, () => Array.from({ length: dims }, () => gaussian(random)));
  const n = topics * perTopic + outliers;
  const data = new Float32Array(n * dims);
  const truth = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const t = i < topics * perTopic ? Math.floor(i / perTopic) : -1;
    truth[i] = t;
    let norm = 0;
    for (let d = 0; d < dims; d++) {
      const x =
        t >= 0 ? centres[t][d] / Math.sqrt(dims) + (spread * gaussian(random)) / Math.sqrt(dims) : gaussian(random);
      data[i * dims + d] = x;
      norm += x * x;
    }
    for (let d = 0; d < dims; d++) data[i * dims + d] /= Math.sqrt(norm);
  }
  return { vectors: { rows: n, dims, data }, truth };
}

// How well a 5-dimensional layout keeps planted topics apart (the layout tests).

/** Share of tickets whose nearest other ticket in the layout is of the same topic. */
export function nearestSameTopic(layout: Float32Array, truth: Int32Array): number {
  const n = truth.length;
  let same = 0;
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestD = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let d = 0;
      for (let t = 0; t < 5; t++) d += (layout[i * 5 + t] - layout[j * 5 + t]) ** 2;
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    }
    if (truth[best] === truth[i]) same++;
  }
  return same / n;
}

/** Mean distance to the own topic's centre over the mean distance between topic centres. */
export function spreadOverGap(layout: Float32Array, truth: Int32Array, topics: number): number {
  const centre = new Float64Array(topics * 5);
  const count = new Float64Array(topics);
  truth.forEach((t, i) => {
    count[t]++;
    for (let d = 0; d < 5; d++) centre[t * 5 + d] += layout[i * 5 + d];
  });
  for (let t = 0; t < topics; t++) for (let d = 0; d < 5; d++) centre[t * 5 + d] /= count[t];
  let spread = 0;
  truth.forEach((t, i) => {
    let d2 = 0;
    for (let d = 0; d < 5; d++) d2 += (layout[i * 5 + d] - centre[t * 5 + d]) ** 2;
    spread += Math.sqrt(d2) / truth.length;
  });
  let gap = 0;
  let pairs = 0;
  for (let t = 0; t < topics; t++)
    for (let u = t + 1; u < topics; u++, pairs++) {
      let d2 = 0;
      for (let d = 0; d < 5; d++) d2 += (centre[t * 5 + d] - centre[u * 5 + d]) ** 2;
      gap += Math.sqrt(d2);
    }
  return spread / (gap / pairs);
}

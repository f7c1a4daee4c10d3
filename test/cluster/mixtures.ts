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

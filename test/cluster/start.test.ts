import { describe, expect, it } from 'vitest';
import { exactKnn } from '../../src/cluster/knn.js';
import { fuzzyGraph } from '../../src/cluster/layout.js';
import { seededRandom } from '../../src/numerics/random.js';
import { graphStart, principalScores } from '../../src/cluster/start.js';
import { topicMixture } from './mixtures.js';

describe('deterministic layout start', () => {
  it('finds the dominant principal direction of the tickets', () => {
    // Points along direction (3,4,0)/5 with small noise in every dimension.
    const random = seededRandom(4);
    const n = 300;
    const data = new Float32Array(n * 3);
    const along = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      along[i] = random() * 2 - 1;
      data[i * 3] = 0.6 * along[i] + 0.01 * (random() - 0.5);
      data[i * 3 + 1] = 0.8 * along[i] + 0.01 * (random() - 0.5);
      data[i * 3 + 2] = 0.01 * (random() - 0.5);
    }
    const scores = principalScores({ rows: n, dims: 3, data }, 1);
    let dot = 0;
    let a2 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      dot += scores[i] * along[i];
      a2 += along[i] ** 2;
      s2 += scores[i] ** 2;
    }
    expect(Math.abs(dot) / Math.sqrt(a2 * s2)).toBeGreaterThan(0.99);
  });

  it('is identical on every call (no seed) and separates graph clusters', () => {
    const m = topicMixture(3, 60, 24, 0.6, 0, 5);
    const fuzzy = fuzzyGraph(exactKnn(m.vectors, 10), m.vectors.rows);
    const a = graphStart(m.vectors, fuzzy, 2, 50);
    expect(graphStart(m.vectors, fuzzy, 2, 50)).toEqual(a);
    // Each topic's start points sit closer to their own mean than to the other topics' means.
    const mean = Array.from({ length: 3 }, (_, t) =>
      [0, 1].map((c) => {
        let s = 0;
        for (let i = t * 60; i < (t + 1) * 60; i++) s += a[i * 2 + c];
        return s / 60;
      }),
    );
    let right = 0;
    for (let i = 0; i < 180; i++) {
      const d = mean.map((c) => (a[i * 2] - c[0]) ** 2 + (a[i * 2 + 1] - c[1]) ** 2);
      if (d.indexOf(Math.min(...d)) === Math.floor(i / 60)) right++;
    }
    expect(right / 180).toBeGreaterThan(0.95);
  });
});

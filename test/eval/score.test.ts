import { describe, expect, it } from 'vitest';
import { labelVector as encodeLabels } from '../../src/eval/metrics.js';
import { renderScore, scoreClustering } from '../../src/eval/score.js';

describe('scoreClustering', () => {
  it('encodes labels densely in order of first appearance', () => {
    expect(Array.from(encodeLabels(['b', 'a', 'b', 'c']))).toEqual([0, 1, 0, 2]);
  });

  it('scores a perfect clustering as 1 and counts noise as one extra cluster', () => {
    const perfect = scoreClustering(['x', 'x', 'y', 'y'], Int32Array.from([1, 1, 0, 0]));
    expect(perfect).toMatchObject({ tickets: 4, labels: 2, clusters: 2, noiseShare: 0, nmi: 1, ari: 1 });

    // Two of six tickets are noise: they form one "noise" cluster for NMI/ARI and are left out of nmiClustered.
    const withNoise = scoreClustering(['x', 'x', 'x', 'y', 'y', 'y'], Int32Array.from([0, 0, -1, 1, 1, -1]));
    expect(withNoise.clusters).toBe(2);
    expect(withNoise.noiseShare).toBeCloseTo(1 / 3, 4);
    expect(withNoise.nmiClustered).toBe(1);
    expect(withNoise.nmi).toBeLessThan(1);
    expect(withNoise.homogeneity).toBeLessThan(1);
  });

  it('renders every figure on its own line', () => {
    const text = renderScore(scoreClustering(['x', 'y'], Int32Array.from([0, 1])));
    for (const name of ['tickets', 'labels', 'clusters', 'noise', 'NMI', 'ARI', 'homogeneity', 'completeness']) {
      expect(text).toMatch(new RegExp(`^${name}\\s`, 'm'));
    }
  });
});

// The cluster stage's defaults, stated exactly: the smallest cluster by ticket count, the density
// smoothing, the layout's schedule, and the passes that are on unless switched off.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterTickets } from '../../src/cluster/index.js';
import {
  DEFAULT_CLUSTER_TUNING,
  defaultMinClusterSize,
  defaultMinSamples,
  layoutEpochsFor,
  layoutOptions,
  resolveTuning,
  startIterationsFor,
} from '../../src/cluster/tuning.js';
import { topicMixture } from './mixtures.js';

describe('default smallest cluster', () => {
  it('is 5 for small exports, 15 at 4,500, 200 at 20,000, then grows with the square root', () => {
    expect([10, 100, 1000, 1200].map(defaultMinClusterSize)).toEqual([5, 5, 5, 5]);
    expect(defaultMinClusterSize(2000)).toBe(8);
    expect(defaultMinClusterSize(4500)).toBe(15);
    expect(defaultMinClusterSize(10_000)).toBe(60);
    expect(defaultMinClusterSize(20_000)).toBe(200);
    expect(defaultMinClusterSize(100_000)).toBe(447);
    expect(defaultMinClusterSize(1_000_000)).toBe(1414);
  });

  it('never shrinks as the export grows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000_000 }), fc.integer({ min: 0, max: 50_000 }), (n, more) => {
        expect(defaultMinClusterSize(n + more)).toBeGreaterThanOrEqual(defaultMinClusterSize(n));
      }),
    );
  });

  it('density smoothing is the smallest cluster, at most 8', () => {
    expect([2, 5, 8, 9, 447].map(defaultMinSamples)).toEqual([2, 5, 8, 8, 8]);
  });
});

describe('layout schedule', () => {
  it('epochs and start iterations step down with the ticket count', () => {
    expect([2000, 2001, 10_000, 10_001, 40_000, 40_001].map(layoutEpochsFor)).toEqual([1000, 400, 400, 100, 100, 100]);
    expect([100_000, 200_000, 200_001, 1_000_000].map(layoutEpochsFor)).toEqual([100, 100, 50, 50]);
    expect([20_000, 20_001].map(startIterationsFor)).toEqual([100, 40]);
  });
});

describe('tuning', () => {
  it('refuses an unknown knob by name, and leaves undefined ones at their defaults', () => {
    expect(() => resolveTuning({ neighbors: 10 } as never)).toThrow('unknown cluster tuning "neighbors"');
    expect(resolveTuning({ neighbours: 30, mergeThreshold: undefined })).toEqual({
      ...DEFAULT_CLUSTER_TUNING,
      neighbours: 30,
    });
  });

  it('the layout takes its schedule from the ticket count unless the tuning sets it', () => {
    expect(layoutOptions(resolveTuning(), 7, 6000)).toEqual({
      seed: 7,
      dims: 5,
      epochs: 400,
      learningRate: 0.25,
      negativeRate: 5,
      startIterations: 100,
    });
    // Above 6,000 tickets (a 10,000-ticket export too): the two-thread snapshot SGD, one negative sample pushed ×2.5.
    expect(layoutOptions(resolveTuning(), 7, 6001).snapshot).toBe(true);
    expect(layoutOptions(resolveTuning(), 7, 10_000)).toMatchObject({ epochs: 400, snapshot: true, negativeRate: 1 });
    expect(layoutOptions(resolveTuning(), 7, 50_000)).toEqual({
      seed: 7,
      dims: 5,
      epochs: 100,
      learningRate: 0.25,
      negativeRate: 1,
      startIterations: 40,
      snapshot: true,
      repulsion: 2.5,
    });
    expect(layoutOptions(resolveTuning({ layoutSnapshotAbove: 60_000 }), 7, 50_000).snapshot).toBeUndefined();
    const fixed = layoutOptions(resolveTuning({ layoutEpochs: 3, layoutStartIterations: 2 }), 7, 50_000);
    expect([fixed.epochs, fixed.startIterations]).toEqual([3, 2]);
  });
});

describe('passes on by default', () => {
  it('the tuning defaults', () => {
    expect(DEFAULT_CLUSTER_TUNING).toMatchObject({
      neighbours: 15,
      exactLimit: 6000,
      layoutDims: 5,
      reassignNoise: true,
      reassignQuantile: 0.05,
      reassignMajority: 0.25,
      settleShare: 0.05,
      recentrePasses: 3,
      mergeThreshold: 0.9,
    });
  });

  it('noise reassignment pulls tickets near a cluster out of noise unless switched off', () => {
    // Settling off, so only reassignment can move noise tickets into clusters; no layout, to keep it quick.
    const { vectors } = topicMixture(3, 40, 16, 1.4, 6, 5);
    const tuning = { settleShare: 0, layoutDims: 0 };
    const noise = (reassignNoise?: boolean) =>
      clusterTickets(vectors, { seed: 3, minClusterSize: 10, tuning: { ...tuning, reassignNoise } }).labels.filter(
        (l) => l === -1,
      ).length;
    const withDefault = noise(undefined);
    expect(withDefault).toBeLessThan(noise(false));
  });
});

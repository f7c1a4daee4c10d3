// Scores worked out by hand (and matching sklearn) for one small table, and the score report verbatim.
import { describe, expect, it } from 'vitest';
import { ari, completeness, homogeneity, labelVector, nmi, partitionAgreement } from '../../src/eval/metrics.js';
import { renderScore, scoreClustering } from '../../src/eval/score.js';

const truth = Int32Array.from([0, 0, 1, 1]);
const split = Int32Array.from([0, 0, 1, 2]); // class 1 split in two

describe('agreement of a split class', () => {
  it('homogeneity 1, completeness 2/3, NMI 0.8, ARI 4/7', () => {
    // H(C) = ln 2, H(K) = 1.5 ln 2, MI = ln 2.
    expect(homogeneity(truth, split)).toBeCloseTo(1, 12);
    expect(completeness(truth, split)).toBeCloseTo(2 / 3, 12);
    expect(nmi(truth, split)).toBeCloseTo(0.8, 12);
    expect(ari(truth, split)).toBeCloseTo(4 / 7, 12);
    // The other way round the roles swap.
    expect(partitionAgreement(split, truth)).toMatchObject({ homogeneity: expect.closeTo(2 / 3, 12) });
  });

  it('empty and one-ticket partitions agree fully', () => {
    const none = new Int32Array(0);
    expect(partitionAgreement(none, none)).toEqual({ nmi: 1, ari: 1, homogeneity: 1, completeness: 1 });
    expect(ari(none, none)).toBe(1);
    expect(ari(Int32Array.from([3]), Int32Array.from([7]))).toBe(1);
    expect(nmi(Int32Array.from([1, 1]), Int32Array.from([0, 0]))).toBe(1);
    expect(nmi(Int32Array.from([1, 1]), Int32Array.from([0, 1]))).toBe(0);
    expect(nmi(Int32Array.from([0, 1]), Int32Array.from([5, 5]))).toBe(0); // one cluster for two classes
  });

  it('labelVector maps the noise values to -1 and the rest densely', () => {
    expect(Array.from(labelVector(['a', 'n/a', 'b', 'a', 'n/a'], ['n/a']))).toEqual([0, -1, 1, 0, -1]);
    expect(Array.from(labelVector([]))).toEqual([]);
  });
});

describe('the score report', () => {
  it('prints each figure with its unit', () => {
    const score = scoreClustering(['x', 'x', 'y', 'y', 'y'], Int32Array.from([0, 0, 1, 1, -1]));
    expect(score.noiseShare).toBe(0.2);
    expect(score.clusters).toBe(2);
    expect(renderScore(score)).toBe(
      [
        'tickets       5',
        'labels        2',
        'clusters      2',
        'noise         20.0%',
        `NMI           ${score.nmi.toFixed(3)}  (noise as one cluster)`,
        `ARI           ${score.ari.toFixed(3)}`,
        `homogeneity   ${score.homogeneity.toFixed(3)}`,
        `completeness  ${score.completeness.toFixed(3)}`,
        'NMI clustered 1.000  (noise left out)',
        '',
      ].join('\n'),
    );
  });

  it('a ticket in cluster 0 counts as clustered', () => {
    expect(scoreClustering(['x', 'y'], Int32Array.from([0, -1])).nmiClustered).toBe(1);
    expect(scoreClustering(['x', 'y'], Int32Array.from([-1, -1])).nmiClustered).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { ari, completeness, homogeneity, labelVector, nmi, partitionAgreement } from '../../src/eval/metrics.js';

const v = (xs: number[]) => Int32Array.from(xs);

describe('clustering metrics', () => {
  it('matches hand-computed values on a small case', () => {
    // truth {0,0,0 | 1,1,1}, predicted {0,0 | 1,1 | 2,2}: one cluster mixes the two classes.
    const truth = v([0, 0, 0, 1, 1, 1]);
    const pred = v([0, 0, 1, 1, 2, 2]);
    // ARI: sum C(cell,2)=2, classes 3+3=6, clusters 1+1+1=3, pairs 15 → expected 1.2, max 4.5.
    expect(ari(truth, pred)).toBeCloseTo((2 - 1.2) / (4.5 - 1.2), 12);
    // Homogeneity: only the middle cluster (weight 1/3) is mixed, entropy ln 2; H(C) = ln 2.
    expect(homogeneity(truth, pred)).toBeCloseTo(2 / 3, 12);
    // MI = H(C) - H(C|K) = ln2 - ln2/3; H(K) = ln 3.
    const mi = Math.log(2) * (2 / 3);
    expect(nmi(truth, pred)).toBeCloseTo(mi / ((Math.log(2) + Math.log(3)) / 2), 12);
    expect(completeness(truth, pred)).toBeCloseTo(mi / Math.log(3), 12);
  });

  it('matches sklearn 1.2 values (noise -1 as one extra cluster)', () => {
    // Values from sklearn.metrics normalized_mutual_info_score / adjusted_rand_score / homogeneity / completeness.
    const truth = v([0, 0, 1, 1, 2, 2, 2, 3]);
    const pred = v([0, 0, 0, -1, -1, 1, 1, 1]);
    expect(nmi(truth, pred)).toBeCloseTo(0.5577965290899926, 12);
    expect(ari(truth, pred)).toBeCloseTo(0.15789473684210525, 12);
    expect(homogeneity(truth, pred)).toBeCloseTo(0.5073978624039234, 12);
    expect(completeness(truth, pred)).toBeCloseTo(0.619311301132631, 12);

    const t2 = v([0, 1, 2, 0, 1, 2, 0, 1, 2, 3]);
    const p2 = v([1, 1, 1, 0, 0, 0, -1, -1, 2, 2]);
    expect(nmi(t2, p2)).toBeCloseTo(0.281648350991591, 12);
    expect(ari(t2, p2)).toBeCloseTo(-0.2318840579710145, 12);

    // All four from one table: the same sklearn values.
    const all = partitionAgreement(truth, pred);
    expect(all.nmi).toBeCloseTo(0.5577965290899926, 12);
    expect(all.ari).toBeCloseTo(0.15789473684210525, 12);
    expect(all.homogeneity).toBeCloseTo(0.5073978624039234, 12);
    expect(all.completeness).toBeCloseTo(0.619311301132631, 12);
  });

  it('gives 1 on every score for empty and single-label partitions, as sklearn does', () => {
    expect(partitionAgreement(v([]), v([]))).toEqual({ nmi: 1, ari: 1, homogeneity: 1, completeness: 1 });
    expect(partitionAgreement(v([3, 3, 3]), v([0, 0, 0]))).toEqual({ nmi: 1, ari: 1, homogeneity: 1, completeness: 1 });
    // One class split into clusters: perfectly homogeneous, not complete.
    const split = partitionAgreement(v([0, 0, 0, 0]), v([0, 0, 1, 1]));
    expect(split.homogeneity).toBe(1);
    expect(split.completeness).toBeCloseTo(0, 12);
  });

  it('is invariant to label names and gives 1 for identical partitions', () => {
    const a = v([0, 0, 1, 1]);
    const b = v([7, 7, -1, -1]);
    expect(nmi(a, b)).toBeCloseTo(1, 12);
    expect(ari(a, b)).toBeCloseTo(1, 12);
    expect(homogeneity(a, b)).toBeCloseTo(1, 12);
    expect(completeness(a, b)).toBeCloseTo(1, 12);
  });

  it('maps string labels, with chosen values as noise', () => {
    expect(Array.from(labelVector(['a', 'noise', 'b', 'a'], ['noise']))).toEqual([0, -1, 1, 0]);
  });

  it('rejects vectors of different lengths', () => {
    expect(() => nmi(v([0, 1]), v([0]))).toThrow(/differ in length/);
  });
});

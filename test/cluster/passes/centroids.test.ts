// Cluster centres and members' spread around them: what the outlier, noise, recentring and merging passes
// and the confidence measure by.
import { describe, expect, it } from 'vitest';
import {
  clusterCentroids,
  clusterSums,
  cosineToCentroid,
  memberSpread,
  membershipFloor,
  nearestCentroid,
  quantileSorted,
} from '../../../src/cluster/centroids.js';
import { seededRandom } from '../../../src/numerics/random.js';
import { atAngles, labelsOf, unitRows } from './planted-space.js';

const degrees = (cosine: number) => (Math.acos(Math.min(1, cosine)) * 180) / Math.PI;

describe('cluster centres', () => {
  it("point along the mean of a cluster's members, leaving noise out", () => {
    // Cluster 0 at 10° and 30° (centre 20°), cluster 1 at 100°, a noise ticket at 200°.
    const vectors = atAngles([10, 30, 100, 200]);
    const labels = labelsOf([0, 0, 1, -1]);
    const centres = clusterCentroids(vectors, labels, 2);
    expect(Math.atan2(centres[1]!, centres[0]!) * (180 / Math.PI)).toBeCloseTo(20, 4);
    expect(Math.hypot(centres[0]!, centres[1]!)).toBeCloseTo(1, 6);
    expect(Math.atan2(centres[3]!, centres[2]!) * (180 / Math.PI)).toBeCloseTo(100, 4);
    expect(cosineToCentroid(vectors, 0, centres, 0)).toBeCloseTo(Math.cos(Math.PI / 18), 6);
    expect(cosineToCentroid(vectors, 2, centres, 1)).toBeCloseTo(1, 6);
    // The sums are the members' vectors added up, per cluster, in the vectors' dimensions.
    const sums = clusterSums(
      unitRows([
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ]),
      labelsOf([0, 0, 1]),
      2,
    );
    expect(Array.from(sums)).toEqual([1, 1, 0, 0, 0, 1]);
  });

  it('are zero for a cluster with no members (no division by zero)', () => {
    const centres = clusterCentroids(atAngles([0, 90]), labelsOf([0, 0]), 2);
    expect(Array.from(centres.slice(2))).toEqual([0, 0]);
    expect(Array.from(centres.slice(0, 2)).every(Number.isFinite)).toBe(true);
  });
});

describe("a cluster's spread", () => {
  it('reads quantiles of an ascending list by rank, 1 for an empty one', () => {
    const list = Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(quantileSorted(list, 0)).toBe(0.1);
    expect(quantileSorted(list, 0.5)).toBe(0.3);
    expect(quantileSorted(list, 0.3)).toBe(0.2);
    expect(quantileSorted(list, 1)).toBe(0.5);
    expect(quantileSorted(list, 2)).toBe(0.5);
    expect(quantileSorted(list, -1)).toBe(0.1);
    expect(quantileSorted(new Float64Array(0), 0.5)).toBe(1);
  });

  it("puts the membership floor three times the median's distance to the 10th percentile below the median", () => {
    // Eleven cosines 0.90..1.00: median 0.95, 10th percentile 0.91, floor 0.95 − 3 × 0.04 = 0.83.
    const cosines = Float64Array.from({ length: 11 }, (_, i) => 0.9 + i / 100);
    expect(membershipFloor(cosines)).toBeCloseTo(0.83, 10);
    // A tight cluster has a floor just below its members.
    expect(membershipFloor(Float64Array.from([1, 1, 1]))).toBe(1);
  });

  it("gives each member's cosine to its own centre, and those cosines per cluster in ascending order", () => {
    // Cluster 0 spans 0°–20° (centre 10°), cluster 1 is a single ticket at 90°, one noise ticket.
    const vectors = atAngles([20, 10, 0, 90, 45]);
    const spread = memberSpread(vectors, labelsOf([0, 0, 0, 1, -1]), 2);
    expect(degrees(spread.cosine[0]!)).toBeCloseTo(10, 3);
    expect(degrees(spread.cosine[1]!)).toBeCloseTo(0, 1);
    expect(degrees(spread.cosine[2]!)).toBeCloseTo(10, 3);
    expect(spread.cosine[3]).toBeCloseTo(1, 6);
    expect(spread.cosine[4]).toBe(0);
    expect(spread.sorted).toHaveLength(2);
    expect(Array.from(spread.sorted[0]!, degrees).map((d) => Math.round(d))).toEqual([10, 10, 0]);
    expect(spread.sorted[1]).toHaveLength(1);
    expect(spread.sorted[0]![0]).toBeLessThanOrEqual(spread.sorted[0]![2]!);
  });
});

describe('nearest centre', () => {
  it('is the first of the highest cosines, the very values of cosineToCentroid, for any count of centres', () => {
    const random = seededRandom(3);
    const dims = 37;
    const rows = 9;
    const data = Float32Array.from({ length: rows * dims }, () => random() - 0.5);
    const vectors = { rows, dims, data };
    const out = new Float64Array(2);
    for (const count of [1, 3, 4, 5, 8, 11]) {
      const centroids = Float32Array.from({ length: count * dims }, () => random() - 0.5);
      // Two equal centres: the first one wins.
      if (count >= 8) centroids.copyWithin(6 * dims, 1 * dims, 2 * dims);
      for (let i = 0; i < rows; i++) {
        let best = -1;
        let bestCos = -2;
        for (let c = 0; c < count; c++) {
          const x = cosineToCentroid(vectors, i, centroids, c);
          if (x > bestCos) [best, bestCos] = [c, x];
        }
        nearestCentroid(vectors, i, centroids, count, out);
        expect([out[0], out[1]]).toEqual([best, bestCos]);
      }
    }
  });
});

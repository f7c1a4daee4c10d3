// Merging: clusters whose centres point the same way are one topic to a reader.
import { describe, expect, it } from 'vitest';
import { mergeNearDuplicates, renumberBySize } from '../../../src/cluster/merge.js';
import { atAngles, labelsOf } from './planted-space.js';

const cos = (degrees: number) => Math.cos((degrees * Math.PI) / 180);

describe('mergeNearDuplicates', () => {
  it('merges two clusters whose centres point the same way and keeps a different one apart', () => {
    // Clusters 0 (at 0°–2°) and 1 (at 3°–5°) are one topic split in two; cluster 2 (at 90°) another.
    const vectors = atAngles([0, 1, 2, 3, 4, 5, 90, 91]);
    const labels = labelsOf([0, 0, 0, 1, 1, 1, 2, 2]);
    const merged = mergeNearDuplicates(vectors, labels, 3, cos(10));
    expect(merged.count).toBe(2);
    expect(Array.from(merged.labels)).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
    expect(Array.from(labels)).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
  });

  it('merges at the threshold itself, and not below it', () => {
    // Centres exactly 30° apart.
    const vectors = atAngles([0, 0, 30, 30]);
    const labels = labelsOf([0, 0, 1, 1]);
    expect(mergeNearDuplicates(vectors, labels, 2, cos(30) - 1e-6).count).toBe(1);
    expect(mergeNearDuplicates(vectors, labels, 2, cos(30) + 1e-6).count).toBe(2);
  });

  it('merges clusters of the very same tickets even at threshold 1', () => {
    const vectors = atAngles([0, 0, 0, 0, 90]);
    const merged = mergeNearDuplicates(vectors, labelsOf([0, 0, 1, 1, 2]), 3, 1);
    expect(Array.from(merged.labels)).toEqual([0, 0, 0, 0, 1]);
  });

  it('merges transitively: a chain of near centres becomes one cluster', () => {
    // 0° ~ 8° ~ 16°, the ends 16° apart (above the 10° threshold) but joined through the middle.
    const vectors = atAngles([0, 0, 8, 8, 16, 16, 120]);
    const merged = mergeNearDuplicates(vectors, labelsOf([0, 0, 1, 1, 2, 2, 3]), 4, cos(10));
    expect(merged.count).toBe(2);
    expect(Array.from(merged.labels)).toEqual([0, 0, 0, 0, 0, 0, 1]);
  });

  it('merges a chain whatever order its clusters are numbered in', () => {
    // Clusters at 0°, 24°, 16° and 8°: each 8° from the next along the chain.
    const vectors = atAngles([0, 0, 24, 24, 16, 16, 8, 8]);
    const merged = mergeNearDuplicates(vectors, labelsOf([0, 0, 1, 1, 2, 2, 3, 3]), 4, cos(10));
    expect(merged.count).toBe(1);
    expect(Array.from(merged.labels)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('numbers the clusters by size afterwards, the largest 0, noise staying noise', () => {
    // Cluster 0 (2 tickets) and 2 (1 ticket) merge; cluster 1 has 4 tickets and comes first.
    const vectors = atAngles([0, 0, 90, 91, 92, 93, 1, 200]);
    const merged = mergeNearDuplicates(vectors, labelsOf([0, 0, 1, 1, 1, 1, 2, -1]), 3, cos(10));
    expect(merged.count).toBe(2);
    expect(Array.from(merged.labels)).toEqual([1, 1, 0, 0, 0, 0, 1, -1]);
  });

  it('numbers a single cluster 0 and a run without clusters stays all noise', () => {
    expect(mergeNearDuplicates(atAngles([0, 1, 2]), labelsOf([3, -1, 3]), 1, cos(10))).toEqual({
      labels: labelsOf([0, -1, 0]),
      count: 1,
    });
    expect(mergeNearDuplicates(atAngles([0, 1]), labelsOf([-1, -1]), 0, cos(10)).count).toBe(0);
  });
});

describe('renumberBySize', () => {
  it('numbers clusters 0.. by descending size, ties by their first ticket, and says how many there are', () => {
    const labels = labelsOf([5, 7, 7, -1, 2, 2, 5, 7, 9]);
    expect(renumberBySize(labels)).toBe(4);
    // Sizes: 7 → 3, 5 → 2, 2 → 2 (first seen after 5), 9 → 1.
    expect(Array.from(labels)).toEqual([1, 0, 0, -1, 2, 2, 1, 0, 3]);
    expect(renumberBySize(labelsOf([-1, -1]))).toBe(0);
  });
});

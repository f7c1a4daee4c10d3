import { describe, expect, it } from 'vitest';
import { NeighbourHeaps } from '../../src/cluster/neighbour-heaps.js';

describe('neighbour heaps', () => {
  it('keep the k smallest keys, each neighbour once, nearest first in the graph', () => {
    const heaps = new NeighbourHeaps(1, 3);
    for (const [j, d] of [
      [5, 0.5],
      [6, 0.2],
      [7, 0.9],
      [8, 0.1],
      [6, 0.2],
      [9, 0.7],
    ])
      heaps.push(0, j, d);
    const graph = heaps.toGraph('euclidean');
    expect(Array.from(graph.indices)).toEqual([8, 6, 5]);
  });

  it('refuse a key that rounds (float32) to the worst stored one: equally distant duplicates do not churn', () => {
    // A double just below its own float32 rounding: stored, it becomes the rounded value.
    const key = 0.1;
    expect(Math.fround(key)).toBeGreaterThan(key);
    const heaps = new NeighbourHeaps(1, 2);
    expect(heaps.push(0, 1, key)).toBe(1);
    expect(heaps.push(0, 2, key)).toBe(1);
    // Before the fix, 0.1 < fround(0.1) let every further duplicate replace the root, round after round.
    for (let j = 3; j < 50; j++) expect(heaps.push(0, j, key)).toBe(0);
    expect(Array.from(heaps.ids).sort()).toEqual([1, 2]);
  });
});

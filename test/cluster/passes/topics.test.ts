// Parent topics: clusters grouped into a short list of themes (⌈√clusters⌉) by what they are about.
import { describe, expect, it } from 'vitest';
import { parentTopics } from '../../../src/cluster/topics.js';
import { atAngles, labelsOf, unitRows } from './planted-space.js';

/** One ticket per cluster per `sizes` entry, cluster c's tickets all pointing at angles[c]. */
function clustersAt(angles: number[], sizes: number[] = angles.map(() => 1)) {
  const tickets = angles.flatMap((a, c) => Array.from({ length: sizes[c]! }, () => ({ a, c })));
  return { vectors: atAngles(tickets.map((t) => t.a)), labels: labelsOf(tickets.map((t) => t.c)) };
}

describe('parentTopics', () => {
  it('groups nine clusters about three themes under three parents, numbered by their first cluster', () => {
    // Themes along three axes; clusters 0, 4, 8 about the first, 1, 3, 6 the second, 2, 5, 7 the third.
    const axes = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    const theme = [0, 1, 2, 1, 0, 2, 1, 2, 0];
    const wobble = [0, 0.1, 0.2, 0.05, 0.15, 0.1, 0.2, 0, 0.05];
    const vectors = unitRows(theme.map((t, c) => axes[t]!.map((x, d) => x + (d === (t + 1) % 3 ? wobble[c]! : 0))));
    const parents = parentTopics(vectors, labelsOf(theme.map((_, c) => c)), 9);
    expect(Array.from(parents)).toEqual([0, 1, 2, 1, 0, 2, 1, 2, 0]);
  });

  it('leaves fewer than four clusters each its own topic', () => {
    const { vectors, labels } = clustersAt([0, 1, 2]);
    expect(Array.from(parentTopics(vectors, labels, 3))).toEqual([0, 1, 2]);
  });

  it('stops at ⌈√clusters⌉ parents', () => {
    const angles = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90];
    const { vectors, labels } = clustersAt(angles);
    const parents = parentTopics(vectors, labels, 10);
    expect(new Set(parents).size).toBe(4);
    // Neighbouring angles share a parent: the groups are runs, numbered in order.
    expect(Array.from(parents)).toEqual([...parents].sort((a, b) => a - b));
    expect(parents[0]).toBe(0);
  });

  it("weighs a merged group's similarity by its clusters' sizes", () => {
    // A (0°) and B (20°) merge first. C (50°) then joins them or D (85°) by the group's average similarity:
    // with B the larger it leans towards C (30° from B); with A the larger it leans away (50° from A).
    const angles = [0, 20, 50, 85];
    const bigB = clustersAt(angles, [1, 9, 1, 1]);
    expect(Array.from(parentTopics(bigB.vectors, bigB.labels, 4))).toEqual([0, 0, 0, 1]);
    const bigA = clustersAt(angles, [9, 1, 1, 1]);
    expect(Array.from(parentTopics(bigA.vectors, bigA.labels, 4))).toEqual([0, 0, 1, 1]);
  });

  it('lets a theme formed by later clusters draw an earlier one, by the group’s average similarity', () => {
    // Clusters 3 (0°) and 4 (10°, nine tickets) merge first; cluster 0 (50°) is then 41° from their weighted
    // centre, closer than clusters 1 (120°) and 2 (165°) are to each other (45°), so it joins their theme.
    const { vectors, labels } = clustersAt([50, 120, 165, 0, 10], [1, 1, 1, 1, 9]);
    expect(Array.from(parentTopics(vectors, labels, 5))).toEqual([0, 1, 2, 0, 0]);
  });

  it('ignores noise tickets when weighing clusters', () => {
    const { vectors, labels } = clustersAt([0, 20, 50, 85], [9, 1, 1, 1]);
    const withNoise = atAngles([...Array.from({ length: 12 }, (_, i) => (i < 9 ? 0 : [20, 50, 85][i - 9]!)), 20]);
    const noisy = labelsOf([...labels, -1]);
    expect(Array.from(parentTopics(withNoise, noisy, 4))).toEqual(Array.from(parentTopics(vectors, labels, 4)));
  });
});

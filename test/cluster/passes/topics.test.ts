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

  it("weighs a theme by its clusters' sizes against clusters numbered before, between and after them", () => {
    // A small cluster at −20° and a nine-ticket one at 8° form a theme first (28° apart); a cluster at 40° is 60°
    // from the small one but 32° from the large one, so it joins the theme (average similarity 0.81) before two
    // clusters 50° apart (0.64) pair up. The theme's clusters come last, first, or apart in the numbering.
    const later = clustersAt([150, 40, 200, -20, 8], [1, 1, 1, 1, 9]);
    expect(Array.from(parentTopics(later.vectors, later.labels, 5))).toEqual([0, 1, 2, 1, 1]);
    const earlier = clustersAt([150, -20, 8, 200, 40], [1, 1, 9, 1, 1]);
    expect(Array.from(parentTopics(earlier.vectors, earlier.labels, 5))).toEqual([0, 1, 1, 2, 1]);
    const apart = clustersAt([-20, 150, 40, 200, 8], [1, 1, 1, 1, 9]);
    expect(Array.from(parentTopics(apart.vectors, apart.labels, 5))).toEqual([0, 1, 0, 2, 0]);
  });

  it('still groups clusters that are all unlike each other, first clusters first', () => {
    // Four clusters pointing at the corners of a tetrahedron: every pair at cosine −1/3, a tie everywhere.
    const corners = [
      [1, 1, 1],
      [1, -1, -1],
      [-1, 1, -1],
      [-1, -1, 1],
    ];
    const parents = parentTopics(unitRows(corners), labelsOf([0, 1, 2, 3]), 4);
    expect(Array.from(parents)).toEqual([0, 0, 0, 1]);
  });

  it('merges the most similar pair first, wherever it comes in the numbering', () => {
    // Two close pairs, 300°/330° (30° apart) and 210°/250° (40°), become two themes; 150° stays alone.
    const { vectors, labels } = clustersAt([150, 250, 210, 330, 300]);
    expect(Array.from(parentTopics(vectors, labels, 5))).toEqual([0, 1, 1, 2, 2]);
  });

  it('weighs a theme grown in several steps by all of its clusters’ sizes', () => {
    // 200° (one ticket) and 210° (nine) join first, then 230° (nine): the theme's weight sits near 220°, 60°
    // from 280°, which stays apart while 50° and 90° (40° apart) pair up.
    const { vectors, labels } = clustersAt([50, 90, 280, 200, 210, 230], [1, 1, 1, 1, 9, 9]);
    expect(Array.from(parentTopics(vectors, labels, 6))).toEqual([0, 0, 1, 2, 2, 2]);
  });
});

// Recentring: which of the neighbouring clusters a clustered ticket belongs to is settled on the original
// vectors (the layout bends boundaries).
import { describe, expect, it } from 'vitest';
import { recentreMembers } from '../../../src/cluster/recentre.js';
import { atAngles, graphOf, labelsOf } from './planted-space.js';

// Cluster 0 at 0°–4°, cluster 1 at 40°–44°; ticket 10 at 38° was put in cluster 0 by the layout.
const angles = [0, 1, 2, 3, 4, 40, 41, 42, 43, 44, 38];
const start = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0];
const ring = (first: number) => (i: number) => [1, 2].map((s) => first + ((i - first + s) % 5));
const neighbours = [...[0, 1, 2, 3, 4].map(ring(0)), ...[5, 6, 7, 8, 9].map(ring(5))];

describe('recentreMembers', () => {
  it("moves a member to a neighbour's cluster whose centre it is closer to", () => {
    const vectors = atAngles(angles);
    const graph = graphOf(vectors, [...neighbours, [5, 0]]);
    const labels = labelsOf(start);
    const out = recentreMembers(vectors, graph, labels, 2, 3);
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    expect(labels[10]).toBe(0);
  });

  it('considers only the clusters its neighbours are in, however close another centre is', () => {
    const vectors = atAngles(angles);
    const graph = graphOf(vectors, [...neighbours, [0, 1]]);
    expect(recentreMembers(vectors, graph, labelsOf(start), 2, 3)[10]).toBe(0);
  });

  it('moves a misplaced ticket wherever it sits in the export, and only to its neighbours’ clusters', () => {
    // Ticket 1 (38°) was put in cluster 0; its neighbours are 6 (cluster 1) and 0. Ticket 11 (37°), also in
    // cluster 0, has a single neighbour (0): it stays, however close cluster 1's centre is.
    const vectors = atAngles([0, 38, 1, 2, 3, 4, 40, 41, 42, 43, 44, 37]);
    const lists = [[2, 3], [6, 0], [3, 4], [4, 5], [5, 0], [0, 2], [7, 8], [8, 9], [9, 10], [10, 6], [6, 7], [0]];
    const labels = labelsOf([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0]);
    const out = recentreMembers(vectors, graphOf(vectors, lists), labels, 2, 3);
    expect(Array.from(out)).toEqual([0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0]);
  });

  it('leaves a ticket exactly between two centres where it is', () => {
    // Tickets 2 and 3 are the same text at 45°, one in each cluster: the centres (22.5° and 67.5°) are
    // equally close to both, so neither moves (and they do not swap).
    const vectors = atAngles([0, 90, 45, 45]);
    const graph = graphOf(vectors, [[2], [3], [3, 0], [2, 1]]);
    expect(Array.from(recentreMembers(vectors, graph, labelsOf([0, 1, 0, 1]), 2, 3))).toEqual([0, 1, 0, 1]);
  });

  it('leaves noise as noise, and does nothing with no passes or a single cluster', () => {
    const vectors = atAngles(angles);
    const graph = graphOf(vectors, [...neighbours, [5, 0]]);
    const withNoise = labelsOf([...start.slice(0, 10), -1]);
    expect(recentreMembers(vectors, graph, withNoise, 2, 3)[10]).toBe(-1);
    expect(Array.from(recentreMembers(vectors, graph, labelsOf(start), 2, 0))).toEqual(start);
    const one = labelsOf(angles.map(() => 0));
    expect(Array.from(recentreMembers(vectors, graph, one, 1, 3))).toEqual(angles.map(() => 0));
  });

  it("decides each pass on that pass's centres: a second pass follows the centres the first one moved", () => {
    // Tickets 10 and 11 (at 10° and 11°) and 12 (at 20°) were put in cluster 1, pulling its centre to about 31°.
    // The first pass moves 10 and 11 to cluster 0; 12 is still closer to cluster 1's pulled centre. With them
    // gone that centre is back near 38° and cluster 0's at 4°: the second pass moves 12 too.
    const vectors = atAngles([0, 1, 2, 3, 4, 40, 41, 42, 43, 44, 10, 11, 20]);
    const labels = labelsOf([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
    const graph = graphOf(vectors, [...neighbours, [0, 5], [0, 5], [0, 5]]);
    expect(Array.from(recentreMembers(vectors, graph, labels, 2, 1).slice(10))).toEqual([0, 0, 1]);
    expect(Array.from(recentreMembers(vectors, graph, labels, 2, 3).slice(10))).toEqual([0, 0, 0]);
  });

  it('keeps a ticket whose neighbours are all in its cluster, first in the export as well as last', () => {
    // Ticket 0 (37°) is in cluster 0 with neighbours only there; cluster 1's centre (about 42°) is far closer
    // than its own (about 8°), and the next ticket in the export is a member of cluster 1.
    const vectors = atAngles([37, 40, 0, 1, 2, 3, 4, 41, 42, 43, 44]);
    const lists = [
      [2, 3],
      [7, 8],
      [3, 4],
      [4, 5],
      [5, 6],
      [6, 2],
      [2, 3],
      [8, 9],
      [9, 10],
      [10, 1],
      [1, 7],
    ];
    const labels = labelsOf([0, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(Array.from(recentreMembers(vectors, graphOf(vectors, lists), labels, 2, 3))).toEqual(Array.from(labels));
  });
});

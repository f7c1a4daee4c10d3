// Noise reassignment: tickets HDBSCAN left as noise that belong to a topic join it; real outliers stay noise.
import { describe, expect, it } from 'vitest';
import { joinNoise, reassignNoise } from '../../../src/cluster/noise.js';
import { atAngles, graphOf, labelsOf } from './planted-space.js';

// Cluster 0: eleven tickets at 0°–10° (centre 5°); cluster 1: eleven at 90°–100° (centre 95°).
const A = Array.from({ length: 11 }, (_, i) => i);
const B = A.map((d) => d + 90);
const members = [...A.map(() => 0), ...B.map(() => 1)];
const options = { memberQuantile: 0.05, majority: 0.5 };
// Each member's neighbours: three of its own cluster.
const memberNeighbours = [...A, ...B].map((_, i) => {
  const first = i < 11 ? 0 : 11;
  return [1, 2, 3].map((s) => first + ((i - first + s) % 11));
});

/** The planted clusters plus extra noise tickets at the given angles with the given neighbours. */
function space(extra: Array<{ angle: number; neighbours: number[] }>) {
  const vectors = atAngles([...A, ...B, ...extra.map((e) => e.angle)]);
  const graph = graphOf(vectors, [...memberNeighbours, ...extra.map((e) => e.neighbours)]);
  const labels = labelsOf([...members, ...extra.map(() => -1)]);
  return { vectors, graph, labels };
}

describe('noise reassignment', () => {
  it("a noise ticket as close to a cluster's centre as its own members joins it, whoever its neighbours are", () => {
    // 22 at 7° (2° from cluster 0's centre), its neighbours other noise tickets; 23 and 24 far from both.
    const { vectors, graph, labels } = space([
      { angle: 7, neighbours: [23, 24] },
      { angle: 45, neighbours: [22, 24] },
      { angle: 200, neighbours: [22, 23] },
    ]);
    const out = joinNoise(vectors, graph, labels, 2, options);
    expect(Array.from(out.slice(22))).toEqual([0, -1, -1]);
    expect(Array.from(out.slice(0, 22))).toEqual(members);
    expect(labels[22]).toBe(-1);
  });

  it('joins the nearest centre: a ticket near the second cluster joins that one', () => {
    const { vectors, graph, labels } = space([{ angle: 96, neighbours: [] }]);
    expect(joinNoise(vectors, graph, labels, 2, options)[22]).toBe(1);
  });

  it("a ticket whose neighbours are mostly in one cluster joins it when it is within the cluster's floor", () => {
    // 12° is 7° from the centre: outside the members' 5% quantile (5°) but above the floor (about 7.6°).
    const near = space([{ angle: 12, neighbours: [9, 10, 8] }]);
    expect(joinNoise(near.vectors, near.graph, near.labels, 2, options)[22]).toBe(0);
    // The same ticket with noise neighbours has no majority, and its centre cosine alone is not enough.
    const alone = space([
      { angle: 12, neighbours: [23, 24] },
      { angle: 200, neighbours: [22, 24] },
      { angle: 220, neighbours: [22, 23] },
    ]);
    expect(joinNoise(alone.vectors, alone.graph, alone.labels, 2, options)[22]).toBe(-1);
    // A majority short of `majority` is not enough either: one of three neighbours in the cluster.
    const split = space([
      { angle: 12, neighbours: [10, 23, 24] },
      { angle: 14, neighbours: [22, 24] },
      { angle: 15, neighbours: [22, 23] },
    ]);
    expect(joinNoise(split.vectors, split.graph, split.labels, 2, options)[22]).toBe(-1);
    expect(joinNoise(split.vectors, split.graph, split.labels, 2, { ...options, majority: 0.3 })[22]).toBe(0);
  });

  it("a ticket with its neighbours in a cluster but far outside that cluster's spread stays noise", () => {
    // 20° is 15° from the centre, twice the floor's distance.
    const { vectors, graph, labels } = space([{ angle: 20, neighbours: [10, 9, 8] }]);
    expect(joinNoise(vectors, graph, labels, 2, options)[22]).toBe(-1);
  });

  it('a second sweep lets a ticket follow neighbours that only just joined', () => {
    // 22 joins by closeness in the first sweep; 23's only neighbour is 22, so it can follow only in the second.
    const { vectors, graph, labels } = space([
      { angle: 8, neighbours: [23] },
      { angle: 11.5, neighbours: [22] },
    ]);
    expect(Array.from(joinNoise(vectors, graph, labels, 2, options).slice(22))).toEqual([0, -1]);
    expect(Array.from(reassignNoise(vectors, graph, labels, 2, options).slice(22))).toEqual([0, 0]);
    expect(labels[23]).toBe(-1);
  });

  it('stops after two sweeps: a chain of three noise tickets gets its first two in', () => {
    // 24 can follow only once 23 is in; a third sweep would take it (its cost is bounded at two).
    const { vectors, graph, labels } = space([
      { angle: 8, neighbours: [23] },
      { angle: 11.5, neighbours: [22] },
      { angle: 11, neighbours: [23] },
    ]);
    const twice = reassignNoise(vectors, graph, labels, 2, options);
    expect(Array.from(twice.slice(22))).toEqual([0, 0, -1]);
    expect(joinNoise(vectors, graph, twice, 2, options)[24]).toBe(0);
  });

  it('decides every ticket from the labels given, so the order of the tickets does not matter', () => {
    // 22 and 23 are each other's only neighbours: within one sweep neither sees the other join.
    const { vectors, graph, labels } = space([
      { angle: 8, neighbours: [23] },
      { angle: 11.5, neighbours: [22] },
    ]);
    const once = joinNoise(vectors, graph, labels, 2, options);
    const reversed = space([
      { angle: 11.5, neighbours: [23] },
      { angle: 8, neighbours: [22] },
    ]);
    const onceReversed = joinNoise(reversed.vectors, reversed.graph, reversed.labels, 2, options);
    expect([once[22], once[23]]).toEqual([onceReversed[23], onceReversed[22]]);
  });

  it('never moves a clustered ticket, whatever its neighbours and centres say (recentring does that)', () => {
    // Members 0 (cluster 0) and 11 (cluster 1) get neighbours only in the other cluster.
    const vectors = atAngles([...A, ...B]);
    const lists = memberNeighbours.map((l) => [...l]);
    lists[0] = [11, 12, 13];
    lists[11] = [0, 1, 2];
    const out = joinNoise(vectors, graphOf(vectors, lists), labelsOf(members), 2, { ...options, majority: 0.1 });
    expect(Array.from(out)).toEqual(members);
  });

  it("never moves a clustered ticket even when it sits inside another cluster's spread, among its members", () => {
    // Ticket 22 (96°) was put in cluster 0 although it points at cluster 1 and its neighbours are there.
    const vectors = atAngles([...A, ...B, 96]);
    const graph = graphOf(vectors, [...memberNeighbours, [11, 12, 13]]);
    const labels = labelsOf([...members, 0]);
    expect(Array.from(joinNoise(vectors, graph, labels, 2, options))).toEqual([...members, 0]);
  });

  it('joins with exactly the majority share of its neighbours, and with a centre cosine exactly at the quantile', () => {
    // 22's two neighbours are the same ticket text: one clustered (10°, in cluster 0), one still noise (23).
    const half = space([
      { angle: 12, neighbours: [10, 23] },
      { angle: 10, neighbours: [22] },
    ]);
    expect(joinNoise(half.vectors, half.graph, half.labels, 2, options)[22]).toBe(0);
    // A noise ticket identical to a member at the cluster's edge (10°) is exactly as close as the 5% quantile.
    const edge = space([{ angle: 10, neighbours: [] }]);
    expect(joinNoise(edge.vectors, edge.graph, edge.labels, 2, options)[22]).toBe(0);
  });

  it('leaves the labels alone when there are no clusters', () => {
    const vectors = atAngles([0, 1, 2]);
    const graph = graphOf(vectors, [
      [1, 2],
      [0, 2],
      [0, 1],
    ]);
    expect(Array.from(reassignNoise(vectors, graph, labelsOf([-1, -1, -1]), 0, options))).toEqual([-1, -1, -1]);
  });
});

// The neighbour vote that noise reassignment and boundary settling share, and settling as the stage runs it.
import { describe, expect, it } from 'vitest';
import type { KnnGraph } from '../../../src/cluster/knn.js';
import {
  isolatedTickets,
  neighbourVote,
  neighbourWeight,
  settleBoundaries,
  settleLabels,
} from '../../../src/cluster/settle.js';

/** A graph from neighbour lists with the cosine of each neighbour (distance √(2 − 2cos)). */
function graphWith(lists: Array<Array<[number, number]>>): KnnGraph {
  const k = Math.max(...lists.map((l) => l.length));
  const indices = new Int32Array(lists.length * k).fill(-1);
  const distances = new Float32Array(lists.length * k).fill(Infinity);
  lists.forEach((list, i) =>
    list.forEach(([j, cos], s) => {
      indices[i * k + s] = j;
      distances[i * k + s] = Math.sqrt(2 - 2 * cos);
    }),
  );
  return { k, indices, distances };
}

function vote(lists: Array<Array<[number, number]>>, labels: number[], i: number, own = -1) {
  const votes = new Float64Array(3);
  const share = new Float64Array(1);
  const best = neighbourVote(graphWith(lists), Int32Array.from(labels), i, own, votes, share);
  return { best, share: share[0], votesLeftZero: votes.every((v) => v === 0) };
}

describe('the neighbour vote', () => {
  it('weighs a neighbour by its cosine, an opposite one as nothing', () => {
    expect(neighbourWeight(0)).toBe(1);
    expect(neighbourWeight(Math.SQRT2)).toBeCloseTo(0, 6);
    expect(neighbourWeight(Math.sqrt(2 - 2 * 0.8))).toBeCloseTo(0.8, 6);
    expect(neighbourWeight(2)).toBe(0);
  });

  it('goes to the cluster with the most similarity, and says its share of all neighbours, noise included', () => {
    // Ticket 0's neighbours: 1 (cluster 1, cos 0.9), 2 and 3 (cluster 2, cos 0.3 each), 4 (noise, cos 0.5).
    const lists: Array<Array<[number, number]>> = [
      [
        [1, 0.9],
        [2, 0.3],
        [3, 0.3],
        [4, 0.5],
      ],
      [],
      [],
      [],
      [],
    ];
    const result = vote(lists, [-1, 1, 2, 2, -1], 0);
    expect(result.best).toBe(1);
    expect(result.share).toBeCloseTo(0.9 / 2, 6);
    expect(result.votesLeftZero).toBe(true);
  });

  it('breaks a tie towards the lower cluster id; a ticket keeps its own cluster until outvoted', () => {
    const tie: Array<Array<[number, number]>> = [
      [
        [1, 0.5],
        [2, 0.5],
      ],
      [],
      [],
    ];
    expect(vote(tie, [-1, 2, 1], 0).best).toBe(1);
    expect(vote(tie, [-1, 1, 2], 0).best).toBe(1);
    // Ticket 0 in cluster 2 with one neighbour in 1 and one in 2: a tie still goes to the lower id.
    expect(vote(tie, [2, 1, 2], 0, 2).best).toBe(1);
    // With only noise around it, it keeps its cluster (holding none of the vote).
    expect(vote([[[1, 0.9]], []], [2, -1], 0, 2)).toEqual({ best: 2, share: 0, votesLeftZero: true });
    const outvoted: Array<Array<[number, number]>> = [
      [
        [1, 0.9],
        [2, 0.5],
      ],
      [],
      [],
    ];
    expect(vote(outvoted, [2, 1, 2], 0, 2).best).toBe(1);
    const kept: Array<Array<[number, number]>> = [
      [
        [1, 0.5],
        [2, 0.9],
      ],
      [],
      [],
    ];
    expect(vote(kept, [2, 1, 2], 0, 2).best).toBe(2);
  });

  it('leaves its tally empty for the next ticket, whichever tickets were its neighbours', () => {
    // Ticket 1's neighbours are tickets 0 and 2, both clustered.
    const lists: Array<Array<[number, number]>> = [
      [],
      [
        [0, 0.9],
        [2, 0.4],
      ],
      [],
    ];
    const result = vote(lists, [0, -1, 2], 1);
    expect(result).toMatchObject({ best: 0, votesLeftZero: true });
    expect(result.share).toBeCloseTo(0.9 / 1.3, 6);
  });

  it('is −1 with share 0 when no neighbour is clustered', () => {
    const lists: Array<Array<[number, number]>> = [[[1, 0.9]], [[0, 0.9]]];
    expect(vote(lists, [-1, -1], 0)).toEqual({ best: -1, share: 0, votesLeftZero: true });
  });
});

describe('settleBoundaries', () => {
  it('keeps an isolated ticket as noise even when one cluster holds its vote', () => {
    // 0–3: a tight topic (cosine 0.9), cluster 0; 4 reaches them only at cosine 0.2 and was left as noise.
    const lists: Array<Array<[number, number]>> = [0, 1, 2, 3].map((i) =>
      [0, 1, 2, 3].filter((j) => j !== i).map((j): [number, number] => [j, 0.9]),
    );
    lists.push([0, 1, 2].map((j): [number, number] => [j, 0.2]));
    const labels = Int32Array.from([0, 0, 0, 0, -1]);
    const options = { minShare: 0.05, maxSweeps: 3 };
    expect(Array.from(settleBoundaries(graphWith(lists), labels, 1, { ...options, isolationRatio: 0.6 }))).toEqual([
      0, 0, 0, 0, -1,
    ]);
    // Judged less strictly (a ratio under its closeness ratio, 0.2 / 0.9), it joins.
    expect(settleBoundaries(graphWith(lists), labels, 1, { ...options, isolationRatio: 0.2 })[4]).toBe(0);
  });
});

describe('isolated tickets', () => {
  it('judges a ticket with fewer neighbours than k (a small export) by the neighbours it has', () => {
    // 0–3 see each other at cosine 0.9; 4 sees two of them at 0.9 and has one empty slot.
    const lists: Array<Array<[number, number]>> = [0, 1, 2, 3].map((i) =>
      [0, 1, 2, 3].filter((j) => j !== i).map((j): [number, number] => [j, 0.9]),
    );
    lists.push([
      [0, 0.9],
      [1, 0.9],
    ]);
    expect(Array.from(isolatedTickets(graphWith(lists), 5, 0.8))).toEqual([0, 0, 0, 0, 0]);
  });

  it('counts a ticket without any neighbour as isolated', () => {
    const lists: Array<Array<[number, number]>> = [[[1, 0.9]], [[0, 0.9]], []];
    expect(Array.from(isolatedTickets(graphWith(lists), 3, 0.6))).toEqual([0, 0, 1]);
  });
});

describe('settleLabels', () => {
  it('keeps a ticket whose cluster holds exactly the minimum share, and changes nothing with no sweeps', () => {
    // Ticket 0 (cluster 0): one neighbour in its cluster, one in cluster 1, equally similar.
    const lists: Array<Array<[number, number]>> = [
      [
        [1, 0.8],
        [2, 0.8],
      ],
      [[0, 0.9]],
      [[3, 0.9]],
      [[2, 0.9]],
    ];
    const labels = Int32Array.from([0, 0, 1, 1]);
    expect(settleLabels(graphWith(lists), labels, 2, { minShare: 0.5, maxSweeps: 3 }).labels[0]).toBe(0);
    expect(settleLabels(graphWith(lists), labels, 2, { minShare: 0.51, maxSweeps: 3 }).labels[0]).toBe(-1);
    const none = settleLabels(graphWith(lists), Int32Array.from([-1, 0, 1, 1]), 2, { minShare: 0.1, maxSweeps: 0 });
    expect({ labels: Array.from(none.labels), sweeps: none.sweeps }).toEqual({ labels: [-1, 0, 1, 1], sweeps: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import type { KnnGraph } from '../../src/cluster/knn.js';
import { isolatedTickets, settleLabels } from '../../src/cluster/settle.js';

/** kNN graph from neighbour lists (all at cosine 0.9, distance √0.2). */
function graphOf(neighbours: number[][]): KnnGraph {
  const k = Math.max(...neighbours.map((l) => l.length));
  const indices = new Int32Array(neighbours.length * k).fill(-1);
  const distances = new Float32Array(neighbours.length * k).fill(Infinity);
  neighbours.forEach((list, i) =>
    list.forEach((j, s) => {
      indices[i * k + s] = j;
      distances[i * k + s] = Math.sqrt(0.2);
    }),
  );
  return { k, indices, distances };
}

// Tickets 0–3 form one topic, 4–7 another; 8 sits in the first topic's neighbourhood, 9 has only
// noise neighbours, 3 was put in the wrong cluster by the layout.
const neighbours = [
  [1, 2, 3],
  [0, 2, 3],
  [0, 1, 8],
  [0, 1, 2],
  [5, 6, 7],
  [4, 6, 7],
  [4, 5, 7],
  [4, 5, 6],
  [0, 1, 2],
  [9, 9, 9].map(() => 9),
];

describe('settleLabels', () => {
  const options = { minShare: 0.15, maxSweeps: 20 };

  it("moves a boundary ticket to its neighbours' cluster, pulls in near noise, keeps isolated noise", () => {
    const labels = Int32Array.from([0, 0, 0, 1, 1, 1, 1, 1, -1, -1]);
    const settled = settleLabels(graphOf(neighbours), labels, 2, options).labels;
    expect(Array.from(settled)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 0, -1]);
    // The input labels are left as they were.
    expect(Array.from(labels)).toEqual([0, 0, 0, 1, 1, 1, 1, 1, -1, -1]);
  });

  it('turns a member into noise when no cluster holds the minimum share of its neighbours', () => {
    const labels = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1, 0, -1]);
    // Ticket 9 sits between both topics: each holds half of its neighbour similarity.
    const between = graphOf([...neighbours.slice(0, 9), [0, 4]]);
    labels[9] = 1;
    expect(settleLabels(between, labels, 2, { ...options, minShare: 0.6 }).labels[9]).toBe(-1);
  });

  it('does not depend on ticket order (synchronous sweeps)', () => {
    const order = [9, 3, 7, 1, 5, 0, 8, 2, 6, 4];
    const position = new Int32Array(order.length);
    order.forEach((t, p) => (position[t] = p));
    const permuted = graphOf(order.map((t) => neighbours[t].map((j) => position[j])));
    const start = [0, 0, 0, 1, 1, 1, 1, 1, -1, -1];
    const labels = settleLabels(permuted, Int32Array.from(order.map((t) => start[t])), 2, options).labels;
    const direct = settleLabels(graphOf(neighbours), Int32Array.from(start), 2, options).labels;
    expect(Array.from(direct, (_, t) => labels[position[t]])).toEqual(Array.from(direct));
  });

  it('stops at a fixed point and honours the sweep limit', () => {
    const labels = Int32Array.from([0, 0, 0, 1, 1, 1, 1, 1, -1, -1]);
    expect(settleLabels(graphOf(neighbours), labels, 2, options).sweeps).toBeLessThan(20);
    const once = Int32Array.from([0, 0, 0, 1, 1, 1, 1, 1, -1, -1]);
    expect(settleLabels(graphOf(neighbours), once, 2, { ...options, maxSweeps: 1 }).sweeps).toBe(1);
  });
});

describe('isolatedTickets', () => {
  it('flags a ticket much less similar to its neighbours than they are to theirs', () => {
    // 0–3: a tight topic (cosine 0.9); 4 reaches them only at cosine 0.2.
    const k = 3;
    const lists = [
      [1, 2, 3],
      [0, 2, 3],
      [0, 1, 3],
      [0, 1, 2],
      [0, 1, 2],
    ];
    const indices = Int32Array.from(lists.flat());
    const distances = Float32Array.from(
      lists.flatMap((l, i) => l.map(() => Math.sqrt(2 * (1 - (i === 4 ? 0.2 : 0.9))))),
    );
    const isolated = isolatedTickets({ k, indices, distances }, 5, 0.6);
    expect(Array.from(isolated)).toEqual([0, 0, 0, 0, 1]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  clusterAroundKnownTopics,
  exemplarOrder,
  exemplarTexts,
  joinKnownTopics,
  knownTopicOfClusters,
  knownTopicsOf,
  sameModelCentroids,
  topicReach,
  topicsByText,
} from '../../src/diff/known-topics.js';
import { textHash } from '../../src/text/fingerprint.js';
import { diffRuns } from '../../src/diff/index.js';
import type { EmbeddingMatrix } from '../../src/types.js';
import { runFile } from './run-files.js';

/** Unit rows from plain vectors. */
function matrix(rows: number[][]): EmbeddingMatrix {
  const dims = rows[0].length;
  const data = new Float32Array(rows.length * dims);
  rows.forEach((r, i) => {
    const norm = Math.hypot(...r);
    r.forEach((x, d) => (data[i * dims + d] = x / norm));
  });
  return { rows: rows.length, dims, data };
}

/** n points around a direction, spread by `spread` in the other axes (deterministic). */
function around(direction: number[], n: number, spread: number): number[][] {
  return Array.from({ length: n }, (_, i) =>
    direction.map((x, d) => x + spread * Math.sin(1.7 * i + 2.3 * d) * (x === 0 ? 1 : 0.2)),
  );
}

describe('exemplarOrder', () => {
  it('samples members from the centre to the edge: ranks 0, n/10, 2n/10, …', () => {
    const members = Array.from({ length: 100 }, (_, i) => i);
    expect(exemplarOrder(members)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(exemplarOrder(Array.from({ length: 25 }, (_, i) => i))).toEqual([0, 2, 5, 7, 10, 12, 15, 17, 20, 22]);
    expect(exemplarOrder([4, 2, 9])).toEqual([4, 2, 9]);
  });
});

describe('topicReach and joinKnownTopics', () => {
  const x = [1, 0, 0, 0];
  const y = [0, 1, 0, 0];
  const exemplars = matrix([...around(x, 5, 0.3), ...around(y, 5, 0.1)]);
  const topicOf = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);

  it('measures each topic’s reach from its own exemplars, left out of the centre', () => {
    const reach = topicReach(exemplars, topicOf, 2, [null, null]);
    // The wider topic reaches further (a lower similarity still belongs).
    expect(reach.reach[0]).toBeLessThan(reach.reach[1]);
    expect(reach.reach[1]).toBeLessThan(1);
    expect(reach.centres[0]).toBeGreaterThan(0.9);
    expect(reach.centres[4 + 1]).toBeGreaterThan(0.9);
  });

  it('uses a centroid from the same model as the centre, and no leave-one-out then', () => {
    const given = Float32Array.from([0, 0, 1, 0]);
    const reach = topicReach(exemplars, topicOf, 2, [given, null]);
    expect(Array.from(reach.centres.subarray(0, 4))).toEqual([0, 0, 1, 0]);
    expect(reach.reach[0]).toBeLessThan(0.5);
  });

  it('joins a ticket to the most similar topic it is within reach of; far tickets and thin topics stay out', () => {
    const reach = topicReach(exemplars, topicOf, 2, [null, null]);
    const tickets = matrix([...around(x, 6, 0.2), ...around(y, 2, 0.05), [0, 0, 1, 0], [0.5, 0.5, 0.7, 0]]);
    const joined = joinKnownTopics(tickets, reach, 3);
    // Six near x join topic 0; the two near y are too few for topic 1 (min size 3); the others are far.
    expect(Array.from(joined)).toEqual([0, 0, 0, 0, 0, 0, -1, -1, -1, -1]);
    expect(Array.from(joinKnownTopics(tickets, reach, 2))).toEqual([0, 0, 0, 0, 0, 0, 1, 1, -1, -1]);
  });
});

describe('joinKnownTopics: a topic is there only when its core is', () => {
  // Topic 0 around x, wide; topic 1 around y: a tight core and two exemplars at its edge.
  const exemplars = matrix([
    ...around([1, 0, 0, 0], 5, 0.3),
    [0, 1, 0.02, 0],
    [0.02, 1, 0, 0],
    [0, 1, -0.02, 0],
    [0.5, 1, 0, 0],
    [-0.5, 1, 0, 0],
  ]);
  const reach = topicReach(exemplars, Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]), 2, [null, null]);
  const edgeOfY = Array.from({ length: 5 }, (_, i) => [0.45, 1, 0.01 * i, 0]);

  it('measures the core (median exemplar) inside the reach (farthest exemplar)', () => {
    expect(reach.core[1]).toBeGreaterThan(0.95);
    expect(reach.reach[1]).toBeLessThan(0.9);
  });

  it('tickets only at a topic’s edge do not make it present: they are given back', () => {
    const tickets = matrix([...around([1, 0, 0, 0], 6, 0.2), ...edgeOfY]);
    expect(Array.from(joinKnownTopics(tickets, reach, 3))).toEqual([0, 0, 0, 0, 0, 0, -1, -1, -1, -1, -1]);
  });

  it('with its core there, the edge tickets join it', () => {
    const tickets = matrix([...around([1, 0, 0, 0], 6, 0.2), ...edgeOfY, [0, 1, 0, 0.01]]);
    expect(Array.from(joinKnownTopics(tickets, reach, 3))).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
  });
});

describe('clusterAroundKnownTopics', () => {
  const x = [1, 0, 0, 0];
  const exemplars = matrix(around(x, 5, 0.3));
  const { reach } = topicReach(exemplars, new Int32Array(5), 1, [null]);
  // A ring around the topic, just outside its reach: its edge, whose middle is the topic's middle.
  const cos = reach[0] - 0.1;
  const sin = Math.sqrt(1 - cos * cos);
  const ring = [
    [cos, sin, 0, 0],
    [cos, -sin, 0, 0],
    [cos, 0, sin, 0],
    [cos, 0, -sin, 0],
  ];
  const far = around([0, 0, 0, 1], 4, 0.1);
  const tickets = matrix([...around(x, 6, 0.1), ...ring, ...far, [0, 1, 0, 0]]);

  it('gives known topics their tickets first and clusters only the rest: a far group is new, a ring is the edge', () => {
    const seen: number[] = [];
    const result = clusterAroundKnownTopics(tickets, exemplars, new Int32Array(5), [{ id: 'T7' }], 3, (rest) => {
      seen.push(rest.rows);
      // The leftovers, in order: the ring (one cluster), the far group (another), the lone ticket (noise).
      const labels = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1, -1]);
      return { labels, clusterCount: 2, confidence: new Float32Array(rest.rows) };
    });
    expect(seen).toEqual([9]);
    expect(Array.from(result.labels)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, -1]);
    expect(result.clusterCount).toBe(2);
    expect(result.knownTopicOfTicket).toEqual([...Array(10).fill('T7'), null, null, null, null, null]);
    expect(result.confidence[0]).toBeGreaterThan(0.8);
    expect(result.parentOf).toHaveLength(2);
  });

  it('a leftover group off to one side of a topic is a new topic, not its edge', () => {
    const side = matrix([...around(x, 6, 0.1), ring[0], ring[0], ring[0], ring[0]]);
    const result = clusterAroundKnownTopics(side, exemplars, new Int32Array(5), [{ id: 'T7' }], 3, (rest) => ({
      labels: new Int32Array(rest.rows),
      clusterCount: 1,
      confidence: new Float32Array(rest.rows),
    }));
    expect(Array.from(result.labels)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
  });
});

describe('tickets whose text last week clustered', () => {
  it('join that topic before any reach is measured, and count as its core', () => {
    const x = [1, 0, 0, 0];
    const exemplars = matrix(around(x, 5, 0.3));
    const reach = topicReach(exemplars, new Int32Array(5), 1, [null]);
    // Three tickets far from the topic, but their texts were its tickets last week.
    const tickets = matrix([
      [0, 0, 1, 0],
      [0, 0, 1, 0.1],
      [0, 0.1, 1, 0],
      [0, 1, 0, 0],
    ]);
    const byText = Int32Array.from([0, 0, 0, -1]);
    expect(Array.from(joinKnownTopics(tickets, reach, 3, byText))).toEqual([0, 0, 0, -1]);
    expect(Array.from(joinKnownTopics(tickets, reach, 3))).toEqual([-1, -1, -1, -1]);
  });

  it('are found by text fingerprint, a text seen in several clusters counting for the one that had it most', () => {
    const baseline = runFile([
      { terms: ['a'], texts: ['reset my password', 'forgot password', 'hello'] },
      { terms: ['b'], texts: ['refund please', 'hello', 'hello'] },
    ]);
    baseline.clusters[0].exemplars = ['x', 'y', 'z'];
    baseline.clusters[1].exemplars = ['x', 'y', 'z'];
    const topics = knownTopicsOf(baseline);
    const hashes = ['forgot password', 'hello', 'never seen', 'refund please'].map(textHash);
    expect(Array.from(topicsByText(baseline, topics, hashes))).toEqual([0, 1, -1, 1]);
  });
});

describe('known topics from a run file', () => {
  const baseline = runFile([
    { terms: ['a'], texts: 20 },
    { terms: ['b'], texts: 20 },
  ]);
  baseline.clusters[0].exemplars = ['one', 'two', 'three', 'four'];
  baseline.clusters[1].exemplars = ['only', 'two'];
  baseline.goneClusters = [
    { lastingId: 'T9', label: 'old', signature: [['x', 1]], exemplars: ['p', 'q', 'r'], history: [], runsGone: 2 },
  ];

  it('takes clusters and recently gone clusters with enough exemplars, and embeds their texts in order', () => {
    const topics = knownTopicsOf(baseline);
    expect(topics.map((t) => t.id)).toEqual(['T1', 'T9']);
    const { texts, topicOf } = exemplarTexts(topics);
    expect(texts).toEqual(['one', 'two', 'three', 'four', 'p', 'q', 'r']);
    expect(Array.from(topicOf)).toEqual([0, 0, 0, 0, 1, 1, 1]);
  });

  it('uses centroids only from the same fixed model', () => {
    const model = { kind: 'transformer', model: 'm', dimensions: 2, embedded: 0, cached: 0 };
    const withCentres = runFile([{ terms: ['a'], texts: 20, centroid: [1, 0] }], { embedder: model });
    const topics = [{ id: 'T1', exemplars: [], centroid: [1, 0] }];
    expect(sameModelCentroids(topics, withCentres, { kind: 'transformer', model: 'm', dims: 2 })[0]).toEqual(
      Float32Array.from([1, 0]),
    );
    expect(sameModelCentroids(topics, withCentres, { kind: 'transformer', model: 'other', dims: 2 })[0]).toBeNull();
    expect(sameModelCentroids(topics, withCentres, { kind: 'lexical', model: 'm', dims: 2 })[0]).toBeNull();
  });

  it('names a cluster’s known topic when more than half its tickets joined it', () => {
    const tickets = [{ cluster: 'C1' }, { cluster: 'C1' }, { cluster: 'C1' }, { cluster: 'C2' }, { cluster: null }];
    const known = knownTopicOfClusters(tickets, ['T3', 'T3', null, 'T4', 'T4']);
    expect(Object.fromEntries(known)).toEqual({ C1: 'T3', C2: 'T4' });
    expect(knownTopicOfClusters(tickets, ['T3', null, null, null, null]).has('C1')).toBe(false);
  });
});

describe('diffRuns honours the known topics of a --baseline run', () => {
  const previous = runFile([
    { terms: ['password', 'reset'], texts: 40 },
    { terms: ['refund', 'money'], texts: 30 },
  ]);
  // This week's signatures alone would pair them the other way round.
  const specs = [
    { terms: ['refund', 'money'], texts: 40, knownTopic: 'T1' },
    { terms: ['password', 'reset'], texts: 30, knownTopic: 'T2' },
  ];

  it('continues the known topic whatever the signatures say', () => {
    const current = runFile(specs, { date: '2026-11-09', baseline: previous });
    const { lastingIds, diff } = diffRuns(previous, current);
    expect(Object.fromEntries(lastingIds)).toEqual({ C1: 'T1', C2: 'T2' });
    expect(diff.changes.map((c) => c.status)).toEqual(['stable', 'stable']);
  });

  it('ignores knownTopic against any other run than the baseline it was made with', () => {
    const other = runFile(
      [
        { terms: ['password', 'reset'], texts: 40 },
        { terms: ['refund', 'money'], texts: 30 },
      ],
      { date: '2026-10-26' },
    );
    const current = runFile(specs, { date: '2026-11-09', baseline: other });
    expect(Object.fromEntries(diffRuns(previous, current).lastingIds)).toEqual({ C1: 'T2', C2: 'T1' });
  });

  it('keeps the id on the known topic’s cluster when a fresh piece split off it', () => {
    const current = runFile(
      [
        { terms: ['password', 'reset', 'sms'], texts: 50 },
        { terms: ['password', 'reset'], texts: 20, knownTopic: 'T1' },
        { terms: ['refund', 'money'], texts: 30, knownTopic: 'T2' },
      ],
      { date: '2026-11-09', baseline: previous },
    );
    const { lastingIds, diff } = diffRuns(previous, current);
    expect(lastingIds.get('C2')).toBe('T1');
    expect(lastingIds.get('C1')).toBe('T3');
    expect(diff.changes.find((c) => c.id === 'T3')).toMatchObject({ status: 'split', from: 'T1' });
  });
});

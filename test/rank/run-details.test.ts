// What the run says beyond the totals: the unclustered examples, each cluster's confidence, the time
// stamp, and the refusal of misaligned stage outputs.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClusterLabel } from '../../src/label/index.js';
import { buildClusterRun, costModel, rankOrder } from '../../src/rank/index.js';

function label(c: number, members: number[]): ClusterLabel {
  return {
    label: `topic ${c}`,
    keywords: [`k${c}`],
    exampleIndices: members.slice(0, 1),
    memberOrder: members,
    signature: [[`k${c}`, 1]],
    signatureForms: [`k${c}`],
  };
}

/** A run from a cluster per ticket (-1 noise), with texts and confidences of our choosing. */
function runOf(clusterOf: number[], texts?: string[], confidence?: number[]) {
  const count = Math.max(-1, ...clusterOf) + 1;
  return buildClusterRun({
    ticketExport: {
      file: 'export.csv',
      encoding: 'utf-8',
      delimiter: ',',
      columns: { text: ['text'], id: 'id', date: null },
      tickets: clusterOf.map((_, i) => ({ id: `T${i}` })),
      skipped: [{ id: 'S1', line: 9, reason: 'empty text' }],
    },
    texts: texts ?? clusterOf.map((_, i) => `text ${i}`),
    assignment: {
      labels: Int32Array.from(clusterOf),
      confidence: Float32Array.from(confidence ?? clusterOf.map((c) => (c < 0 ? 0 : 1))),
      clusterCount: count,
    },
    labels: Array.from({ length: count }, (_, c) =>
      label(
        c,
        clusterOf.flatMap((l, i) => (l === c ? [i] : [])),
      ),
    ),
    cost: costModel({ costPerTicket: 1 }),
    options: {},
    embedder: { kind: 'lexical', model: 'm', dimensions: 2, embedded: clusterOf.length, cached: 0 },
    timings: { ingest: 5 },
    generatedAt: '2025-01-01T00:00:00.000Z',
  });
}

afterEach(() => vi.useRealTimers());

describe('unclustered examples', () => {
  it('are up to three, spread over the input, in input order', () => {
    const clusterOf = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? -1 : 0)); // noise at 0, 3, …, 27
    expect(runOf(clusterOf).noise.examples.map((e) => e.id)).toEqual(['T0', 'T9', 'T18']);
    expect(runOf([-1, 0, -1, 0, 0]).noise.examples.map((e) => e.id)).toEqual(['T0', 'T2']);
    expect(runOf([0, 0, 0, 0]).noise.examples).toEqual([]);
  });

  it('skip repeated texts (case and spaces aside), taking the next distinct ones', () => {
    const texts = ['Refund?', 'x', ' refund? ', 'REFUND?', 'where is it', 'x', 'and this'];
    const run = runOf([-1, 0, -1, -1, -1, 0, -1], texts);
    expect(run.noise.examples).toEqual([
      { id: 'T0', text: 'Refund?' },
      { id: 'T4', text: 'where is it' },
      { id: 'T6', text: 'and this' },
    ]);
  });
});

describe('per cluster', () => {
  it('confidence is the mean of its members; a ticket of cluster 0 gets its id, noise gets null', () => {
    const run = runOf([0, 0, 1, -1], undefined, [0.5, 1, 0.25, 0]);
    const byId = new Map(run.clusters.map((c) => [c.label, c]));
    expect(byId.get('topic 0')!.confidence).toBeCloseTo(0.75, 6);
    expect(byId.get('topic 1')!.confidence).toBeCloseTo(0.25, 6);
    expect(run.tickets.map((t) => t.cluster)).toEqual([
      byId.get('topic 0')!.id,
      byId.get('topic 0')!.id,
      byId.get('topic 1')!.id,
      null,
    ]);
    expect(run.tickets.map((t) => t.confidence)).toEqual([0.5, 1, 0.25, 0]);
  });

  it('records the input, a copy of the timings, and the skipped rows', () => {
    const run = runOf([0, 0]);
    expect(run.input).toEqual({
      file: 'export.csv',
      encoding: 'utf-8',
      delimiter: ',',
      columns: { text: ['text'], id: 'id', date: null },
    });
    expect(run.timings).toEqual({ ingest: 5 });
    expect(run.skipped).toEqual([{ id: 'S1', line: 9, reason: 'empty text' }]);
    expect(run.totals).toEqual({ rows: 3, clustered: 2, noise: 0, skipped: { 'empty text': 1 }, clusters: 1 });
  });

  it('is stamped with the current time unless a time is given', () => {
    vi.useFakeTimers({ now: new Date('2026-05-04T03:02:01.000Z') });
    const given = runOf([0]);
    expect([given.generatedAt, given.language]).toEqual(['2025-01-01T00:00:00.000Z', 'en']);
    const stamped = buildClusterRun({
      ticketExport: {
        file: 'f',
        encoding: 'utf-8',
        delimiter: ',',
        columns: given.input.columns,
        tickets: [],
        skipped: [],
      },
      texts: [],
      assignment: { labels: new Int32Array(0), confidence: new Float32Array(0), clusterCount: 0 },
      labels: [],
      cost: costModel({}),
      options: {},
      embedder: given.embedder,
      timings: {},
    });
    expect(stamped.generatedAt).toBe('2026-05-04T03:02:01.000Z');
    expect(stamped.noise.share).toBe(0); // no tickets: shares are 0, not NaN
  });
});

describe('misaligned stage outputs', () => {
  it('are refused, naming every count', () => {
    const base = runOf([0, 0]);
    const call = (texts: number, labels: number, clusterLabels: number) => () =>
      buildClusterRun({
        ticketExport: { ...base.input, tickets: [{ id: 'a' }, { id: 'b' }], skipped: [] },
        texts: Array.from({ length: texts }, () => 't'),
        assignment: { labels: new Int32Array(labels), confidence: new Float32Array(labels), clusterCount: 1 },
        labels: Array.from({ length: clusterLabels }, (_, c) => label(c, [0, 1])),
        cost: costModel({}),
        options: {},
        embedder: base.embedder,
        timings: {},
      });
    expect(call(1, 2, 1)).toThrow('buildClusterRun: 2 tickets, 1 texts, 2 assignments, 1 labels for 1 clusters');
    expect(call(2, 3, 1)).toThrow('2 tickets, 2 texts, 3 assignments');
    expect(call(2, 2, 2)).toThrow('2 labels for 1 clusters');
    expect(call(2, 2, 1)).not.toThrow();
  });
});

describe('rankOrder', () => {
  it('priority first, then cost, size, label, then input order', () => {
    const item = (priority: number | undefined, cost: number, size: number, label: string) => ({
      priority,
      cost,
      size,
      label,
    });
    expect(rankOrder([item(1, 0, 0, 'a'), item(2, 0, 0, 'a')])).toEqual([1, 0]);
    expect(rankOrder([item(undefined, 1, 9, 'a'), item(undefined, 2, 1, 'z')])).toEqual([1, 0]);
    expect(rankOrder([item(undefined, 1, 1, 'b'), item(undefined, 1, 2, 'z')])).toEqual([1, 0]);
    expect(rankOrder([item(undefined, 1, 1, 'b'), item(undefined, 1, 1, 'a'), item(undefined, 1, 1, 'a')])).toEqual([
      1, 2, 0,
    ]);
    expect(rankOrder([item(undefined, 1, 1, 'a'), item(undefined, 1, 1, 'b')])).toEqual([0, 1]);
  });
});

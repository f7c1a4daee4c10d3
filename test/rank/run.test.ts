import { describe, expect, it } from 'vitest';
import { rankOrder } from '../../src/rank/index.js';
import { sampleRun } from './sample-run.js';

describe('buildClusterRun', () => {
  it('ranks clusters by cost then size, with ids in rank order', () => {
    const run = sampleRun();
    // The corpus has 5 reset, 5 refund and 4 delivery tickets; the tie is broken by label.
    expect(run.clusters.map((c) => c.size)).toEqual([5, 5, 4]);
    expect(run.clusters.map((c) => c.id)).toEqual(['C1', 'C2', 'C3']);
    expect(run.clusters.map((c) => c.rank)).toEqual([1, 2, 3]);
    const [first, second] = run.clusters;
    expect(first.label < second.label).toBe(true);
    expect(run.clusters[2].keywords).toContain('delivery');
  });

  it('adds up: rows = clustered + noise + skipped; shares of tickets with text; cost = size × per ticket', () => {
    const run = sampleRun({ cost: { costPerTicket: 2.5 } });
    expect(run.totals).toEqual({
      rows: 19,
      clustered: 14,
      noise: 2,
      skipped: { 'empty text': 2, 'duplicate id': 1 },
      clusters: 3,
    });
    expect(run.clusters[0].share).toBeCloseTo(5 / 16);
    expect(run.noise).toMatchObject({ size: 2, share: 2 / 16, cost: 5 });
    expect(run.clusters.map((c) => c.cost)).toEqual([12.5, 12.5, 10]);
    expect(run.clusters.reduce((s, c) => s + c.share, 0) + run.noise.share).toBeCloseTo(1);
  });

  it('lists every ticket in input order with its cluster id or null, and keeps skipped rows', () => {
    const run = sampleRun();
    expect(run.tickets).toHaveLength(16);
    expect(run.tickets.map((t) => t.id)).toEqual(Array.from({ length: 16 }, (_, i) => `T-${i + 1}`));
    const delivery = run.clusters.find((c) => c.keywords.includes('delivery'))!;
    expect(run.tickets[10].cluster).toBe(delivery.id);
    expect(run.tickets[14]).toEqual({
      id: 'T-15',
      cluster: null,
      confidence: 0,
      hash: expect.stringMatching(/^[0-9a-f]{12}$/),
      line: 16,
    });
    expect(run.skipped.map((s) => s.reason)).toEqual(['empty text', 'empty text', 'duplicate id']);
  });

  it('fills examples, member ids by closeness, mean confidence and the noise examples', () => {
    const run = sampleRun();
    const delivery = run.clusters.find((c) => c.keywords.includes('delivery'))!;
    expect(delivery.examples.map((e) => e.id)).toEqual(['T-11', 'T-12', 'T-13']);
    expect(delivery.examples[0].text).toBe('Delivery is late, the courier has not come');
    expect(delivery.ticketIds).toEqual(['T-11', 'T-12', 'T-13', 'T-14']);
    // confidence of tickets 10..13 is 0.5 + (i % 5)/10 = 0.5, 0.6, 0.7, 0.8
    expect(delivery.confidence).toBeCloseTo(0.65);
    expect(run.noise.examples.map((e) => e.id)).toEqual(['T-15', 'T-16']);
    expect(delivery.signature.length).toBeGreaterThan(0);
  });

  it('builds ranked parent topics from parentOf', () => {
    // Cluster 0 (reset) alone; clusters 1 (refund) and 2 (delivery) share a parent.
    const run = sampleRun({ parentOf: [1, 0, 0] });
    expect(run.parents).toHaveLength(2);
    const [big, small] = run.parents;
    expect(big).toMatchObject({ id: 'P1', size: 9, cost: 54 });
    expect(small).toMatchObject({ id: 'P2', size: 5, cost: 30 });
    const reset = run.clusters.find((c) => c.keywords[0] === 'password reset')!;
    expect(small.clusters).toEqual([reset.id]);
    expect(small.label).toBe(reset.label);
    expect(reset.parent).toBe('P2');
    expect(big.clusters).toHaveLength(2);
    expect(sampleRun().parents).toEqual([]);
    expect(sampleRun().clusters.every((c) => c.parent === null)).toBe(true);
  });
});

describe('rankOrder', () => {
  it('sorts by cost, then size, then label, then input order', () => {
    const items = [
      { cost: 10, size: 5, label: 'b' },
      { cost: 20, size: 1, label: 'z' },
      { cost: 10, size: 6, label: 'c' },
      { cost: 10, size: 5, label: 'a' },
      { cost: 10, size: 5, label: 'a' },
    ];
    expect(rankOrder(items)).toEqual([1, 2, 3, 4, 0]);
  });

  it('puts priority before cost when it is given', () => {
    const items = [
      { cost: 8333, priority: 31.4, size: 30, label: 'refund' },
      { cost: 7273, priority: 82.3, size: 64, label: 'payment spike' },
      { cost: 727, priority: 2.7, size: 18, label: 'address' },
    ];
    expect(rankOrder(items)).toEqual([1, 0, 2]);
    expect(rankOrder(items.map(({ priority: _, ...rest }) => rest))).toEqual([0, 1, 2]);
  });
});

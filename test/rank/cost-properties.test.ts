// Properties of the cost arithmetic and the ranking, over generated cluster assignments and cost options.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterLabel } from '../../src/label/index.js';
import { buildClusterRun, costModel } from '../../src/rank/index.js';

/** A labeled assignment: cluster per ticket (-1 noise) and a parent topic per cluster (-1 none). */
const assignment = fc
  .integer({ min: 1, max: 6 })
  .chain((clusters) =>
    fc.record({
      clusters: fc.constant(clusters),
      labels: fc.array(fc.integer({ min: -1, max: clusters - 1 }), { minLength: 1, maxLength: 60 }),
      parentOf: fc.array(fc.integer({ min: -1, max: 1 }), { minLength: clusters, maxLength: clusters }),
    }),
  )
  .filter(({ clusters, labels }) => Array.from({ length: clusters }, (_, c) => labels.includes(c)).every(Boolean));

const money = fc.double({ min: 0, max: 5000, noNaN: true });

function labelOf(c: number, labels: number[]): ClusterLabel {
  const members = labels.flatMap((l, i) => (l === c ? [i] : []));
  return {
    label: `topic ${String.fromCharCode(97 + c)}`,
    keywords: [`word${c}`],
    exampleIndices: members.slice(0, 3),
    memberOrder: members,
    signature: [[`word${c}`, 1]],
    signatureForms: [`word${c}`],
  };
}

function run(a: { clusters: number; labels: number[]; parentOf: number[] }, cost: ReturnType<typeof costModel>) {
  return buildClusterRun({
    ticketExport: {
      file: 'export.csv',
      encoding: 'utf-8',
      delimiter: ',',
      columns: { text: ['text'], id: 'id', date: null },
      tickets: a.labels.map((_, i) => ({ id: `T${i}` })),
      skipped: [],
    },
    texts: a.labels.map((l, i) => `ticket ${i} about ${l}`),
    assignment: {
      labels: Int32Array.from(a.labels),
      confidence: Float32Array.from(a.labels, (l) => (l < 0 ? 0 : 0.75)),
      clusterCount: a.clusters,
      parentOf: Int32Array.from(a.parentOf),
    },
    labels: Array.from({ length: a.clusters }, (_, c) => labelOf(c, a.labels)),
    cost,
    options: {},
    embedder: { kind: 'lexical', model: 'test', dimensions: 2, embedded: a.labels.length, cached: 0 },
    timings: {},
    generatedAt: '2025-01-01T00:00:00.000Z',
  });
}

describe('cost arithmetic', () => {
  it('cost per ticket is minutes / 60 × hourly cost, unless a cost per ticket is given', () => {
    fc.assert(
      fc.property(money, money, fc.option(money, { nil: undefined }), (minutes, hourly, perTicket) => {
        const model = costModel({ minutesPerTicket: minutes, hourlyCost: hourly, costPerTicket: perTicket });
        expect(model.perTicket).toBe(perTicket ?? (minutes / 60) * hourly);
        expect(model.source).toBe(perTicket === undefined ? 'minutes×hourly' : 'per-ticket');
        // The same amounts typed on a command line, with a decimal comma as Russian users write them.
        const typed = costModel({
          minutesPerTicket: String(minutes).replace('.', ','),
          hourlyCost: String(hourly),
          costPerTicket: perTicket === undefined ? undefined : String(perTicket).replace('.', ','),
        });
        expect(typed.perTicket).toBe(model.perTicket);
      }),
    );
  });

  it('every cluster costs size × cost per ticket (to the cent), and the costs add up to all tickets', () => {
    fc.assert(
      fc.property(assignment, money, (a, perTicket) => {
        const r = run(a, costModel({ costPerTicket: perTicket }));
        const noise = a.labels.filter((l) => l < 0).length;
        for (const c of r.clusters) {
          expect(Math.abs(c.cost - c.size * perTicket)).toBeLessThanOrEqual(0.005 + 1e-9 * c.cost);
          expect(c.share).toBeCloseTo(c.size / a.labels.length, 12);
        }
        expect(Math.abs(r.noise.cost - noise * perTicket)).toBeLessThanOrEqual(0.005 + 1e-9 * r.noise.cost);
        const total = r.clusters.reduce((s, c) => s + c.cost, 0) + r.noise.cost;
        const groups = r.clusters.length + 1;
        expect(Math.abs(total - a.labels.length * perTicket)).toBeLessThanOrEqual(groups * 0.005 + 1e-9 * total);
        expect(r.clusters.reduce((s, c) => s + c.size, 0) + r.noise.size).toBe(a.labels.length);
        for (const p of r.parents) {
          const children = r.clusters.filter((c) => p.clusters.includes(c.id));
          expect(p.size).toBe(children.reduce((s, c) => s + c.size, 0));
          expect(p.cost).toBeCloseTo(
            children.reduce((s, c) => s + c.cost, 0),
            6,
          );
        }
      }),
    );
  });

  it('ranks by cost, then size, then label; ids and ranks follow the order; tickets carry their cluster id', () => {
    fc.assert(
      fc.property(assignment, money, (a, perTicket) => {
        const r = run(a, costModel({ costPerTicket: perTicket }));
        r.clusters.forEach((c, i) => expect([c.id, c.rank]).toEqual([`C${i + 1}`, i + 1]));
        for (let i = 1; i < r.clusters.length; i++) {
          const [c, next] = [r.clusters[i - 1]!, r.clusters[i]!];
          const order = Math.sign(c.cost - next.cost) || Math.sign(c.size - next.size);
          expect(order > 0 || (order === 0 && c.label <= next.label)).toBe(true);
        }
        const byId = new Map(r.clusters.map((c) => [c.id, c]));
        a.labels.forEach((l, i) => {
          const id = r.tickets[i]!.cluster;
          expect(id === null ? -1 : byId.get(id)!.label).toBe(l < 0 ? -1 : `topic ${String.fromCharCode(97 + l)}`);
        });
        r.parents.forEach((p, i) => expect(p.id).toBe(`P${i + 1}`));
        for (let i = 1; i < r.parents.length; i++)
          expect(r.parents[i - 1]!.cost).toBeGreaterThanOrEqual(r.parents[i]!.cost);
      }),
    );
  });
});

describe('currency and typed amounts', () => {
  it('a three-letter code is upper-cased, any other short symbol kept as typed', () => {
    expect(costModel({ currency: ' eur ' }).currency).toBe('EUR');
    expect(costModel({ currency: 'xeur' }).currency).toBe('xeur');
    expect(costModel({ currency: 'eurx' }).currency).toBe('eurx');
    expect(costModel({ currency: 'руб.' }).currency).toBe('руб.');
    expect(costModel({ currency: 'USDOLLAR' }).currency).toBe('USDOLLAR'); // 8 characters: the longest allowed
    expect(() => costModel({ currency: 'USDOLLARS' })).toThrow(/--currency must be a currency code/);
    expect(() => costModel({ currency: 'US D' })).toThrow(/got "US D"/);
  });

  it('an unreadable amount is quoted without the spaces around it', () => {
    expect(() => costModel({ minutesPerTicket: ' abc ' })).toThrow('--minutes-per-ticket must be a number, got "abc"');
    expect(() => costModel({ hourlyCost: ' -5 ' })).toThrow('--hourly-cost must not be negative, got -5');
    expect(costModel({ hourlyCost: ' 1200,5 ' }).hourlyCost).toBe(1200.5);
  });
});

// The ticket map as the page receives it: where each dot is drawn, which cluster colours it, which ticket it
// is, and which tickets are drawn when there are more than the page can hold.
import { describe, expect, it } from 'vitest';
import { buildPageData, MAP_POINTS, renderHtml, type PageData } from '../../../src/report/html/index.js';
import { sampleRun } from '../../rank/sample-run.js';
import { generatedRun } from './generated-run.js';
import type { ClusterRun } from '../../../src/types.js';

/** Coordinates on the page run 0..GRID (whole numbers); screen y grows downwards. */
const GRID = 9999;

/** The sample run (16 tickets, 3 clusters, 2 unclustered) with the given map positions and texts. */
function runWithMap(x: number[], y: number[], texts?: string[]): ClusterRun {
  const run = sampleRun();
  run.details = {
    texts: texts ?? run.tickets.map((t) => `ticket ${t.id}`),
    map: { x: Float32Array.from(x), y: Float32Array.from(y) },
  };
  return run;
}

function map(run: ClusterRun): NonNullable<PageData['map']> {
  const data = buildPageData(run);
  if (!data.map) throw new Error('the page has no map');
  return data.map;
}

describe('the map on the page', () => {
  it('spreads the tickets over the whole grid: left to right by the first axis, bottom to top by the second', () => {
    // 16 tickets at 16 different, evenly spaced places along each axis, in no particular order.
    const xRank = Array.from({ length: 16 }, (_, i) => (i * 7) % 16);
    const yRank = Array.from({ length: 16 }, (_, i) => (i * 5) % 16);
    const page = map(
      runWithMap(
        xRank.map((k) => -3 + 0.5 * k),
        yRank.map((k) => 40 + 2 * k),
      ),
    );
    expect(page.total).toBe(16);
    expect(page.x).toEqual(xRank.map((k) => Math.round((k / 15) * GRID)));
    // The ticket furthest up the second axis is at the top of the page (screen y 0), the lowest at the bottom.
    expect(page.y).toEqual(yRank.map((k) => GRID - Math.round((k / 15) * GRID)));
  });

  it('draws the few far-away tickets (at most 0.5% on each side) at the edge, so they do not squash the rest', () => {
    const run = generatedRun({ tickets: 1000, clusters: 5, textLength: 20 });
    // 992 tickets evenly spread over 0..991, four far out on each side.
    const order = Array.from({ length: 1000 }, (_, i) => (i * 337) % 1000);
    const x = order.map((k) => (k < 4 ? -1e6 - k : k >= 996 ? 1e6 + k : k - 4));
    run.details!.map = { x: Float32Array.from(x), y: Float32Array.from(x) };
    const page = map(run);
    x.forEach((value, i) => {
      const expected = value < -1000 ? 0 : value > 1000 ? GRID : Math.round((value / 991) * GRID);
      expect(page.x[i]).toBe(expected);
      expect(page.y[i]).toBe(GRID - expected);
    });
  });

  it('draws tickets that all share one position in one corner, as numbers', () => {
    const page = map(runWithMap(new Array(16).fill(5), new Array(16).fill(-2)));
    expect(page.x).toEqual(new Array(16).fill(0));
    expect(page.y).toEqual(new Array(16).fill(GRID));
  });

  it("colours each dot by its ticket's cluster, in the page's cluster order; unclustered tickets grey (-1)", () => {
    const run = runWithMap(new Array(16).fill(0), new Array(16).fill(0));
    const page = map(run);
    const clusterOrder = run.clusters.map((c) => c.id);
    expect(page.cluster).toEqual(run.tickets.map((t) => (t.cluster === null ? -1 : clusterOrder.indexOf(t.cluster))));
    expect(page.cluster.filter((c) => c === -1)).toHaveLength(run.noise.size);
    run.clusters.forEach((c, i) => expect(page.cluster.filter((k) => k === i)).toHaveLength(c.size));
    expect(page.id).toEqual(run.tickets.map((t) => t.id));
  });

  it('draws a ticket whose cluster the run does not list as unclustered, never as some other cluster', () => {
    const run = runWithMap(new Array(16).fill(0), new Array(16).fill(0));
    const listed = run.tickets.findIndex((t) => t.cluster !== null);
    run.tickets[listed].cluster = 'C99';
    expect(map(run).cluster[listed]).toBe(-1);
  });

  it("shows the start of a ticket's text when hovering its dot (about 100 characters, cut at a word)", () => {
    const long = `Refund not received ${'and the courier never called back '.repeat(6)}`;
    const run = runWithMap(new Array(16).fill(0), new Array(16).fill(0), [long, ...new Array(15).fill('short')]);
    const hover = map(run).text[0];
    expect(hover.length).toBeLessThanOrEqual(100);
    expect(hover.length).toBeGreaterThan(60);
    expect(hover).toMatch(/^Refund not received and the courier .*[a-z]…$/);
    expect(long.replace(/\s+/g, ' ')).toContain(hover.slice(0, -1));
  });

  it('an export where no cluster formed: every dot grey, no trend chart, the page still renders', () => {
    const run = runWithMap(
      Array.from({ length: 16 }, (_, i) => i),
      Array.from({ length: 16 }, (_, i) => i % 4),
    );
    run.clusters = [];
    for (const t of run.tickets) t.cluster = null;
    const data = buildPageData(run);
    expect(data.clusters).toEqual([]);
    expect(data.trend).toBeNull();
    expect(data.map!.cluster).toEqual(new Array(16).fill(-1));
    expect(renderHtml(run)).toContain('id="report-data"');
  });

  it('has no map when the run has no tickets', () => {
    const run = runWithMap([], [], []);
    run.tickets = [];
    run.clusters = [];
    expect(buildPageData(run).map).toBeNull();
  });
});

describe('the map above 20,000 tickets', () => {
  it("draws a 20,000-ticket sample chosen by the run's seed: the same seed the same dots, another seed others", () => {
    // 21,000 short tickets: a sample is drawn (the page-size test builds the 100,000-ticket page).
    const run = generatedRun({ tickets: MAP_POINTS + 1000, clusters: 8, textLength: 20 });
    const withSeed = (seed?: number): NonNullable<PageData['map']> =>
      map({ ...run, options: seed === undefined ? {} : { seed } });
    const page = withSeed(42);
    expect(page.total).toBe(MAP_POINTS + 1000);
    expect(page.x).toHaveLength(MAP_POINTS);
    expect(page.y).toHaveLength(MAP_POINTS);
    // Each dot is one ticket, in input order, with that ticket's cluster and text.
    const indexOf = new Map(run.tickets.map((t, i) => [t.id, i]));
    const picked = page.id.map((id) => indexOf.get(id)!);
    expect(new Set(picked).size).toBe(MAP_POINTS);
    // (Long arrays compared as one string each: vitest's deep equality takes a second on 20,000 elements.)
    expect(picked.join()).toBe([...picked].sort((a, b) => a - b).join());
    const clusterOrder = run.clusters.map((c) => c.id);
    const clusterOf = (i: number) => run.tickets[i].cluster;
    expect(page.cluster.join()).toBe(picked.map((i) => clusterOrder.indexOf(clusterOf(i) ?? 'none')).join());
    expect(page.text.join('\n')).toBe(picked.map((i) => run.details!.texts[i]).join('\n'));

    const ids = (seed?: number) => withSeed(seed).id.join();
    expect(ids(7)).not.toBe(page.id.join());
    // A run made without a seed option draws the sample of seed 1, the tool's default.
    expect(ids()).toBe(ids(1));
    expect(ids()).not.toBe(page.id.join());
  });
});

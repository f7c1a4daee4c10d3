// What the page's cluster list and its unclustered line show: each cluster's own figures from the run, in the
// units the page prints, and the weekly chart only when its weeks can be drawn.
import { describe, expect, it } from 'vitest';
import { buildPageData } from '../../../src/report/html/index.js';
import { sampleRun } from '../../rank/sample-run.js';
import { generatedRun } from './generated-run.js';
import type { WeeklyCount } from '../../../src/types.js';

describe('the cluster list', () => {
  it('gives each cluster its own figures: size, cost, handle time in hours, CSAT and its pull, channels most first', () => {
    const run = generatedRun({ tickets: 500, clusters: 5 });
    run.clusters[1].parent = 'P1';
    run.clusters[2].channels = { phone: 2, email: 40, chat: 9 };
    const page = buildPageData(run).clusters;
    expect(page).toHaveLength(run.clusters.length);
    run.clusters.forEach((c, i) => {
      expect(page[i]).toMatchObject({
        id: c.id,
        rank: c.rank,
        label: c.label,
        keywords: c.keywords,
        size: c.size,
        share: c.share,
        cost: c.cost,
        confidence: c.confidence,
        parent: c.parent,
        examples: c.examples,
        ticketIds: c.ticketIds,
        priority: c.priority,
        growth: c.growth,
        repeatShare: c.repeatShare,
        earlyLifecycleShare: c.earlyLifecycleShare,
        satisfaction: c.satisfaction!.mean,
        satisfactionImpact: c.satisfaction!.impact,
      });
      expect(page[i].handleHours).toBeCloseTo(c.handleMinutes! / 60, 9);
    });
    // 12 minutes a ticket: a 50-ticket cluster took 10 hours.
    for (const p of page) expect(p.handleHours! / p.size).toBeCloseTo(0.2, 9);
    expect(page.some((p) => p.satisfactionImpact! < 0)).toBe(true);
    expect(page[1].parent).toBe('P1');
    expect(page[2].channels).toEqual([
      ['email', 40],
      ['chat', 9],
      ['phone', 2],
    ]);
  });

  it('shows no handle time, CSAT or channel line for a cluster the export has none for', () => {
    const run = sampleRun();
    run.clusters[0].channels = {};
    run.clusters[1].channels = null;
    run.clusters[2].satisfaction = { mean: null, answered: 0, impact: null };
    const page = buildPageData(run);
    expect(page.clusters.map((c) => c.channels)).toEqual([null, null, null]);
    expect(page.clusters.map((c) => c.handleHours)).toEqual([null, null, null]);
    expect(page.clusters[2]).toMatchObject({ satisfaction: null, satisfactionImpact: null });
    expect(page.figures.satisfaction).toBe(false);
  });

  it('shows the unclustered tickets as their own line: how many, their share, cost and examples', () => {
    const run = sampleRun();
    expect(run.noise.size).toBeGreaterThan(0);
    expect(buildPageData(run).noise).toEqual({
      size: run.noise.size,
      share: run.noise.share,
      cost: run.noise.cost,
      examples: run.noise.examples,
    });
  });
});

describe('the weekly chart', () => {
  const weeks = (...names: string[]): WeeklyCount[] => names.map((week, i) => ({ week, tickets: i + 1 }));

  it('is left out when the export has no dates', () => {
    const run = generatedRun({ tickets: 200, clusters: 3 });
    for (const c of run.clusters) c.weekly = [];
    expect(buildPageData(run).trend).toBeNull();
    for (const c of run.clusters) c.weekly = null;
    expect(buildPageData(run).trend).toBeNull();
  });

  it('is left out, not drawn with gaps, when a week name is not one the page can read', () => {
    const run = generatedRun({ tickets: 200, clusters: 3 });
    for (const c of run.clusters) c.weekly = weeks('2026-W37', '2026-W38', '2026-09-21');
    expect(buildPageData(run).trend).toBeNull();
    for (const c of run.clusters) c.weekly = weeks('2026-W37', '2026-W38', '2026-W39');
    expect(buildPageData(run).trend).toEqual({
      weeks: ['2026-09-07', '2026-09-14', '2026-09-21'],
      series: run.clusters.map((_, i) => ({ cluster: i, counts: [1, 2, 3] })),
    });
  });

  it('draws an empty line for a top cluster without weekly counts', () => {
    const run = generatedRun({ tickets: 200, clusters: 3 });
    run.clusters[1].weekly = null;
    const series = buildPageData(run).trend!.series;
    expect(series[1]).toEqual({ cluster: 1, counts: [] });
    expect(series[0].counts).toHaveLength(12);
  });
});

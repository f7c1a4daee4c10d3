import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildPageData, escapeHtml, jsonForScript, renderHtml, type PageData } from '../../../src/report/html/index.js';
import { isoWeekMonday, mapSample } from '../../../src/report/html/page-data.js';
import { dayNumber, isoWeekName, weekNumber } from '../../../src/economics/index.js';
import { sampleRun } from '../../rank/sample-run.js';
import { generatedRun } from './generated-run.js';
import type { ClusterRun } from '../../../src/types.js';

/** The page's embedded data, read back the way the browser reads it. */
function pageData(html: string): PageData {
  const match = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('no report data in the page');
  return JSON.parse(match[1]) as PageData;
}

const HOSTILE = [
  '</script><script>window.pwned = 1</script>',
  '<img src=x onerror="window.pwned = 2">',
  '<a href="javascript:window.pwned = 3">click</a>',
  '</textarea><!-- <style>',
  'line\u2028separator',
];

function hostileRun(): ClusterRun {
  const run = sampleRun();
  run.clusters[0].label = HOSTILE[0];
  run.clusters[0].keywords = [HOSTILE[1]];
  run.clusters[0].examples = HOSTILE.map((text, i) => ({ id: `<b>${i}`, text }));
  run.input.file = '/tmp/<script>.csv';
  run.details = {
    texts: run.tickets.map((_, i) => HOSTILE[i % HOSTILE.length]),
    map: { x: Float32Array.from(run.tickets, (_, i) => i), y: Float32Array.from(run.tickets, (_, i) => i % 3) },
  };
  return run;
}

describe('renderHtml', () => {
  it('keeps every ticket text inside the JSON data: no element, handler or link comes from it', () => {
    const html = renderHtml(hostileRun());
    // Exactly the three scripts the reporter writes: data, uPlot, page script.
    expect(html.match(/<script/gi)).toHaveLength(3);
    expect(html.match(/<\/script/gi)).toHaveLength(3);
    const json = /id="report-data">([\s\S]*?)<\/script>/.exec(html)![1];
    // The texts are in the data as JSON strings with no "<" at all...
    expect(json).not.toMatch(/[<\u2028]/);
    // ...and nowhere else in the page.
    expect(html.replace(json, '')).not.toMatch(/<img|<a |<textarea|<!--|onerror|pwned/i);
    expect(html).toContain('<title>Ticket clusters: &#60;script&#62;.csv</title>');
    // ...and the browser gets the texts back unchanged.
    const data = pageData(html);
    expect(data.clusters[0].label).toBe(HOSTILE[0]);
    expect(data.clusters[0].examples.map((e) => e.text)).toEqual(HOSTILE);
    expect(data.map!.text.slice(0, 4)).toEqual(HOSTILE.slice(0, 4));
  });

  it('forbids every load with a CSP that lets only its own two scripts run, by hash', () => {
    const html = renderHtml(sampleRun());
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("style-src 'unsafe-inline'");
    expect(policy).toContain('img-src data:');
    // No <base> can re-point the page's links and no form can post ticket texts anywhere.
    expect(policy).toContain("base-uri 'none'");
    expect(policy).toContain("form-action 'none'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(2);
    for (const script of scripts) {
      expect(policy).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    }
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//i);
  });

  it('is deterministic', () => {
    // 400 tickets carry every part of the page (map, trend, examples); the sampled map above MAP_POINTS is
    // checked in page-size.test.ts.
    expect(renderHtml(generatedRun({ tickets: 400, clusters: 12 }))).toBe(
      renderHtml(generatedRun({ tickets: 400, clusters: 12 })),
    );
  });
});

describe('buildPageData', () => {
  it('totals: tickets, clusters, unclustered, cost, period and what was masked', () => {
    const run = sampleRun();
    run.details = {
      texts: run.tickets.map((_, i) => (i === 0 ? 'mail [email] or call [phone], [phone]' : 'no pii here')),
      map: { x: new Float32Array(run.tickets.length), y: new Float32Array(run.tickets.length) },
    };
    run.period = { from: '2026-01-05', to: '2026-03-02', weeks: 9 };
    const data = buildPageData(run);
    expect(data.totals.tickets).toBe(run.totals.clustered + run.totals.noise);
    expect(data.totals.clusters).toBe(run.clusters.length);
    expect(data.totals.noise).toBe(run.noise.size);
    expect(data.totals.cost).toBeCloseTo(data.totals.tickets * run.cost.perTicket, 6);
    expect(data.totals.skipped).toBe(3);
    expect(data.totals.handleHours).toBeNull();
    expect(buildPageData(generatedRun({ tickets: 500, clusters: 5 })).totals.handleHours).toBe(100);
    expect(data.totals.period).toEqual({ from: '2026-01-05', to: '2026-03-02' });
    expect(data.totals.masked).toEqual({ email: 1, phone: 2 });
  });

  it('hides the per-cluster figures a run does not have and shows the ones it has', () => {
    const bare = buildPageData(sampleRun());
    expect(bare.figures).toEqual({
      handleHours: false,
      growth: false,
      repeatShare: false,
      earlyLifecycleShare: false,
      satisfaction: false,
      change: false,
    });
    expect(bare.trend).toBeNull();
    expect(bare.map).toBeNull();

    const run = sampleRun();
    Object.assign(run.clusters[0], {
      growth: 0.5,
      repeatShare: 0.2,
      earlyLifecycleShare: null,
      satisfaction: { mean: 3.4, answered: 10, impact: -0.1 },
      channels: { chat: 3, email: 7 },
      hypothesis: 'The promo code expired early.',
    });
    const data = buildPageData(run);
    expect(data.figures).toMatchObject({
      growth: true,
      repeatShare: true,
      earlyLifecycleShare: false,
      satisfaction: true,
    });
    expect(data.clusters[0]).toMatchObject({
      growth: 0.5,
      satisfaction: 3.4,
      channels: [
        ['email', 7],
        ['chat', 3],
      ],
      hypothesis: 'The promo code expired early.',
    });
    expect(data.clusters[1].growth).toBeNull();
  });

  it('marks new, growing and gone clusters from the baseline diff', () => {
    const run = sampleRun();
    const state = (id: string) => ({ id, size: 5, share: 0.1, cost: 30 });
    const reference = { file: 'export.csv', generatedAt: '2026-11-23T06:00:00.000Z' };
    run.diff = {
      schemaVersion: 1,
      previous: reference,
      current: reference,
      settings: { growthPercent: 50, minChange: 3 },
      totals: { before: { tickets: 10, cost: 60 }, after: { tickets: 10, cost: 60 } },
      changes: [
        { id: 'T1', status: 'new', label: 'x', before: null, after: state('C1'), history: [] },
        { id: 'T2', status: 'growing', label: 'y', before: state('C4'), after: state('C2'), history: [] },
        { id: 'T9', status: 'gone', label: 'old outage', before: state('C7'), after: null, history: [] },
      ],
    };
    const data = buildPageData(run);
    expect(data.clusters.map((c) => c.change)).toEqual(['new', 'growing', ...run.clusters.slice(2).map(() => null)]);
    expect(data.gone).toEqual([{ label: 'old outage', size: 5, cost: 30 }]);
    expect(data.figures.change).toBe(true);
  });

  it("draws the top clusters' weekly counts, weeks as their Mondays", () => {
    const run = generatedRun({ tickets: 2000, clusters: 10 });
    const trend = buildPageData(run).trend!;
    expect(trend.weeks[0]).toBe('2026-09-07');
    expect(trend.weeks).toHaveLength(12);
    expect(trend.series).toHaveLength(6);
    const c1 = run.tickets.filter((t) => t.cluster === 'C1').length;
    expect(trend.series[0].counts.reduce((a, b) => a + b, 0)).toBe(c1);
  });

  it('uses the run language for words and number formats', () => {
    const data = buildPageData(sampleRun(), { language: 'ru' });
    expect(data.locale).toBe('ru-RU');
    const run = sampleRun();
    run.language = 'ru';
    expect(buildPageData(run).words.tickets).toBe('обращений');
    expect(data.words.clusterList).toBe('Кластеры');
  });
});

describe('map helpers', () => {
  it('mapSample: every ticket up to the limit, else a seeded uniform sample in input order', () => {
    expect(mapSample(5, 10)).toEqual([0, 1, 2, 3, 4]);
    const sample = mapSample(100_000, 20_000, 42);
    expect(sample).toHaveLength(20_000);
    expect(new Set(sample).size).toBe(20_000);
    expect(sample).toEqual([...sample].sort((a, b) => a - b));
    expect(mapSample(100_000, 20_000, 42)).toEqual(sample);
    // Uniform: about a fifth of each half.
    expect(sample.filter((i) => i < 50_000).length).toBeGreaterThan(9_500);
    expect(sample.filter((i) => i < 50_000).length).toBeLessThan(10_500);
  });

  it('isoWeekMonday: the Monday of an ISO week name, the inverse of the economics week names', () => {
    expect(isoWeekMonday('2026-W37')).toBe('2026-09-07');
    expect(isoWeekMonday('2026-W01')).toBe('2025-12-29');
    expect(isoWeekMonday('2020-W53')).toBe('2020-12-28');
    expect(isoWeekMonday('2027-W01')).toBe('2027-01-04');
    expect(isoWeekMonday('week 3')).toBeNull();
    // A week date with its weekday, or a fiscal-year prefix, is not a week name.
    expect(isoWeekMonday('2026-W37-1')).toBeNull();
    expect(isoWeekMonday('FY2026-W37')).toBeNull();
    for (let day = dayNumber(Date.UTC(2019, 11, 20)); day < dayNumber(Date.UTC(2027, 1, 1)); day += 5) {
      const week = weekNumber(day);
      const monday = new Date((week * 7 - 3) * 86_400_000).toISOString().slice(0, 10);
      expect(isoWeekMonday(isoWeekName(week))).toBe(monday);
    }
  });

  it('escapeHtml and jsonForScript', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
    const text = '</script><!-- line\u2028separator, paragraph\u2029separator';
    const json = jsonForScript({ text });
    // Neither "<" nor the two line separators older script parsers end a line at.
    expect(json).not.toMatch(/[<\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual({ text });
  });
});

import { describe, expect, it } from 'vitest';
import { clusterEconomicsLines, costChart, trendCharts } from '../../src/report/economics-markdown.js';
import { sampleRun } from '../rank/sample-run.js';

describe('economics in the markdown', () => {
  it('keeps mermaid charts readable: recent 26 weeks, quotes and brackets out of titles', () => {
    const run = sampleRun();
    const weekly = Array.from({ length: 40 }, (_, i) => ({
      week: `2026-W${String(i + 1).padStart(2, '0')}`,
      tickets: i,
    }));
    run.clusters[0] = { ...run.clusters[0]!, label: 'He said "refund" [now]', weekly };
    const chart = trendCharts(run).join('\n');
    expect(chart).toContain('title "C1. He said  refund   now: tickets per week"');
    expect(chart).toMatch(/x-axis \["W15", .*"W40"\]/);
    expect(chart.match(/line \[(.*)\]/)![1]!.split(', ')).toHaveLength(26);
    const lines = clusterEconomicsLines(run.clusters[0]!, run, (n) => `$${n}`);
    expect(lines.find((l) => l.startsWith('- Weekly:'))).toContain('(2026-W29 to 2026-W40)');
    expect(costChart(run).join('\n')).toMatch(/x-axis \["C1", "C2", "C3"\]\n {2}y-axis "USD"\n {2}bar \[30, 30, 24\]/);
  });
});

describe("a cluster's weekly line", () => {
  it('lists the last 12 weeks in Russian as in English (a stray old date must not list years of weeks)', () => {
    const run = sampleRun();
    const weekly = Array.from({ length: 20 }, (_, i) => ({
      week: `2026-W${String(i + 1).padStart(2, '0')}`,
      tickets: i,
    }));
    const cluster = { ...run.clusters[0]!, weekly, growth: null };
    const english = clusterEconomicsLines(cluster, run, String).find((l) => l.startsWith('- Weekly:'));
    expect(english).toBe('- Weekly: ▁▂▂▃▄▄▅▅▆▇▇█ 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 (2026-W09 to 2026-W20)');
    const russian = clusterEconomicsLines(cluster, { ...run, language: 'ru' }, String).find((l) =>
      l.startsWith('- По неделям:'),
    );
    expect(russian).toBe(
      '- По неделям: ▁▂▂▃▄▄▅▅▆▇▇█ 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 (с 2026-W09 по 2026-W20)',
    );
  });
});

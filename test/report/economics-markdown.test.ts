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

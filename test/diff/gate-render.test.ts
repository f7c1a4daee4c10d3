import { describe, expect, it } from 'vitest';
import {
  checkGate,
  diffRuns,
  fitStepSummary,
  parseFixes,
  renderDiffMarkdown,
  renderDiffTable,
  sparkline,
} from '../../src/diff/index.js';
import { UserError } from '../../src/errors.js';
import { runFile } from './run-files.js';

// Last week: three clusters. This week: one new (20), one tripled (10 → 30), one gone, at about the same volume.
const previous = runFile(
  [
    { terms: ['password', 'reset'], texts: 40 },
    { terms: ['refund', 'money'], texts: 10 },
    { terms: ['invoice', 'vat'], texts: 30 },
  ],
  { noise: 20 },
);
const current = runFile(
  [
    { terms: ['password', 'reset'], texts: 40 },
    { terms: ['refund', 'money'], texts: 30 },
    { terms: ['crash', 'app', 'update'], texts: 20 },
  ],
  { noise: 10, date: '2026-11-09' },
);
const { diff } = diffRuns(previous, current);

describe('checkGate', () => {
  it('names the new cluster and the rule', () => {
    expect(diff.changes.map((c) => [c.id, c.status])).toEqual([
      ['T4', 'new'],
      ['T2', 'growing'],
      ['T3', 'gone'],
      ['T1', 'stable'],
    ]);
    expect(checkGate(diff, { failOnNew: 15, minChange: 10 }, 'USD')).toEqual([
      'new cluster T4 "crash · app" has 20 tickets (--fail-on-new 15)',
    ]);
    expect(checkGate(diff, { failOnNew: 21, minChange: 10 }, 'USD')).toEqual([]);
  });

  it('trips on growth in tickets and share, only past --min-change', () => {
    const trips = checkGate(diff, { failOnGrowth: 100, minChange: 10 }, 'USD');
    expect(trips).toEqual([
      'cluster T2 "refund · money" grew +200% (10 → 30 tickets, share +200%) (--fail-on-growth 100 --min-change 10)',
    ]);
    expect(checkGate(diff, { failOnGrowth: 100, minChange: 25 }, 'USD')).toEqual([]);
    expect(checkGate(diff, { failOnGrowth: 250, minChange: 10 }, 'USD')).toEqual([]);
  });

  it('trips on total cost growth', () => {
    const bigger = runFile([{ terms: ['password', 'reset'], texts: 200 }], { noise: 20 });
    const { diff: costly } = diffRuns(previous, bigger);
    expect(checkGate(costly, { failOnCostGrowth: 50, minChange: 10 }, 'USD')).toEqual([
      'total estimated cost grew +120% ($600 → $1,320) (--fail-on-cost-growth 50)',
    ]);
    expect(checkGate(diff, { failOnCostGrowth: 50, minChange: 10 }, 'USD')).toEqual([]);
  });
});

describe('rendering a diff', () => {
  it('prints a table with before → after and the trend', () => {
    const table = renderDiffTable(diff, { color: false, currency: 'USD' });
    expect(table).toContain('Since week.csv: 1 new · 1 growing · 1 gone · 1 stable');
    expect(table).toMatch(/growing\s+│ T2\s+│ refund · money\s+│\s+10 → 30/);
    expect(table).toContain('— → 20');
  });

  it('writes markdown with escaped labels, the gate and a mermaid chart of what moved', () => {
    const piped = { ...diff, changes: diff.changes.map((c) => (c.id === 'T4' ? { ...c, label: 'a|b' } : c)) };
    const md = renderDiffMarkdown(piped, 'USD', ['new cluster T4 "a|b" has 20 tickets (--fail-on-new 15)']);
    expect(md).toContain('## What changed since week.csv');
    expect(md).toContain('### Gate failed');
    expect(md).toContain('| new | T4 (C3) | a\\|b |');
    expect(md).toContain('| gone | T3 (was C3) |');
    expect(md).toContain('```mermaid\nxychart-beta\n  title "T2 refund · money (growing)"');
    expect(md).toContain('  x-axis ["2026-11-02", "2026-11-09"]');
  });

  it('draws the weekly share relative to the cluster’s peak', () => {
    const point = (share: number) => ({ date: '2026-11-02', size: 1, share, cost: 0 });
    expect(sparkline([point(0.1), point(0.2), point(0.4)])).toBe('▃▅█');
    expect(sparkline([])).toBe('');
  });

  it('fits the job summary under its byte limit without an open code fence', () => {
    const md = `## Title\n\n${'| row | ж |\n'.repeat(200)}\`\`\`mermaid\nxychart-beta\n${'  line [1]\n'.repeat(50)}\`\`\`\n`;
    for (const limit of [600, 2000, 2900]) {
      const fitted = fitStepSummary(md, limit);
      expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(limit);
      expect(fitted).toContain('cut to fit the job summary limit');
      expect(fitted.split('```').length % 2).toBe(1);
    }
    expect(fitStepSummary(md, 1 << 20)).toBe(md);
  });
});

describe('parseFixes', () => {
  it('reads the fixes list of the config file', () => {
    expect(
      parseFixes({ fixes: [{ cluster: 'T12', date: '2026-12-01', note: 'раздел добавлен в меню' }] }, 'c.json'),
    ).toEqual([{ cluster: 'T12', date: '2026-12-01', note: 'раздел добавлен в меню' }]);
    expect(parseFixes({ currency: 'RUB' }, 'c.json')).toEqual([]);
  });

  it('says what is wrong in one line', () => {
    expect(() => parseFixes({ fixes: {} }, 'c.json')).toThrow(new UserError('c.json: "fixes" must be a list'));
    expect(() => parseFixes({ fixes: [{ cluster: 'C12', date: '2026-12-01' }] }, 'c.json')).toThrow(
      'c.json: fixes[0]: "cluster" must be a lasting cluster id like "T12", got "C12"',
    );
    expect(() => parseFixes({ fixes: [{ cluster: 'T1', date: '1.12.2026' }] }, 'c.json')).toThrow(
      /"date" must be a day/,
    );
  });
});

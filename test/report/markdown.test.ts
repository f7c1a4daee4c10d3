import { describe, expect, it } from 'vitest';
import { escapeCell, renderMarkdown } from '../../src/report/index.js';
import { sampleRun } from '../rank/sample-run.js';

const PIPE_TICKETS: Array<[number, string]> = [
  [0, 'Refund | chargeback for order\nsecond line'],
  [0, 'refund chargeback again'],
  [0, 'refund chargeback please'],
  [1, '- courier delivery late'],
  [1, 'courier delivery missing'],
  [1, 'courier delivery delayed'],
  [-1, 'something else'],
];

describe('renderMarkdown', () => {
  it('has the summary, ranked table, hierarchy, one section per cluster and the unclustered section', () => {
    const md = renderMarkdown(sampleRun({ parentOf: [1, 0, 0] }));
    expect(md).toMatch(/^# Ticket clusters: export\.csv\n/);
    expect(md).toContain('- Skipped: 3 skipped (2 empty text, 1 duplicate id)');
    expect(md).toContain('- Total estimated cost: $96 (12 min per ticket at $30/hour = $6 per ticket)');
    expect(md).toContain('- Columns: text `subject` + `body`; id `id`; date none');
    expect(md).toContain('- Input: `fixtures/export.csv` (utf-8, delimiter `;`)');
    expect(md).toContain('- Embedder: lexical (tfidf-svd,');
    expect(md).toContain('- Ranked by cost (no dates or customer columns for a priority score)');
    expect(md).toContain('## Clusters by cost');
    expect(md).toContain('| # | Cluster | Tickets | Share | Cost | Keywords |');
    expect(md).toContain('|  | *unclustered* | 2 | 12.5% | $12 |  |');
    expect(md).toContain('## Topics');
    expect(md).toMatch(/- \*\*.+\*\*: 9 tickets, \$54\n {2}- C\d /);
    for (const id of ['C1', 'C2', 'C3']) expect(md).toContain(`## ${id}. `);
    expect(md).toMatch(/- Tickets: 4 \(25\.0%\) · est\. cost \$24 · confidence 0\.65 · topic P1/);
    expect(md).toContain('> Delivery is late, the courier has not come\n> — ticket `T-11`');
    expect(md).toContain('- Ticket ids: `T-11`, `T-12`, `T-13`, `T-14`');
    expect(md.indexOf('## Unclustered')).toBeGreaterThan(md.indexOf('## C3.'));
    expect(md).toContain('> Do you have a dark mode in the app?');
  });

  it('escapes pipes and newlines in table cells and keeps examples on one quoted line', () => {
    expect(escapeCell('a | b\nc')).toBe('a \\| b c');
    const md = renderMarkdown(sampleRun({ tickets: PIPE_TICKETS, ids: PIPE_TICKETS.map((_, i) => `id|${i}`) }));
    for (const line of md.split('\n').filter((l) => l.startsWith('| '))) {
      // Every table row has exactly 7 unescaped pipes (6 columns).
      expect(line.replace(/\\\|/g, '').split('|')).toHaveLength(8);
    }
    expect(md).toContain('> Refund \\| chargeback for order second line');
    expect(md).toContain('> \\- courier delivery late');
  });

  it('truncates long examples at a word boundary', () => {
    const long = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const tickets: Array<[number, string]> = [
      [0, long],
      [0, `${long} more`],
      [0, `${long} again`],
    ];
    const md = renderMarkdown(sampleRun({ tickets }));
    const quote = md.split('\n').find((l) => l.startsWith('> word0'))!;
    expect(quote.length).toBeLessThanOrEqual(282);
    expect(quote.endsWith('…')).toBe(true);
    expect(quote).toMatch(/ word\d+…$/);
  });
});

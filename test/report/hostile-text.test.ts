// Ticket text is written by strangers: it must not break the markdown report or the CSV files it lands in.
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { renderAssignments, renderMarkdown } from '../../src/report/index.js';
import { sampleRun } from '../rank/sample-run.js';

const HOSTILE = [
  '<script>alert(1)</script> refund refund',
  '<img src=x onerror=alert(1)> refund now',
  '[click here](http://evil.example) refund please',
  '| broken | table | refund',
  '`code` **bold** _it_ ~~gone~~ refund',
  '![pixel](http://evil.example/p.png) refund &lt;b&gt;',
];

function hostileRun() {
  const tickets: Array<[number, string]> = HOSTILE.map((text) => [0, text]);
  tickets.push([1, 'courier late again'], [1, 'courier late once more'], [1, 'courier late, where is it']);
  const run = sampleRun({ tickets, ids: tickets.map((_, i) => (i === 0 ? '=HYPERLINK("http://evil")' : `T-${i}`)) });
  // A label can be ticket text too (a cluster of only numbers is named by its central ticket; config renames).
  run.clusters[0].label = '<b>x</b> [y](http://evil.example) | `z`';
  run.clusters[0].keywords = ['<i>k</i>', '[a](b)'];
  return run;
}

describe('hostile ticket text', () => {
  it('renders on GitHub as text: no HTML, no injected links or images, the table intact', () => {
    const md = renderMarkdown(hostileRun());
    const html = marked.parse(md, { gfm: true, async: false });
    expect(html).not.toMatch(/<(script|img|b|i|iframe)\b/i);
    expect(html).not.toMatch(/<a [^>]*href="(?!#)/i);
    expect(html).not.toContain('<code>code</code>'); // backticks in ticket text stay text
    // Every row of the ranked table has as many cells as its header.
    const table = html.slice(html.indexOf('<table>'), html.indexOf('</table>'));
    const headers = (table.match(/<th[ >]/g) ?? []).length;
    const rows = table.split('<tr>').slice(2);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect((row.match(/<td[ >]/g) ?? []).length).toBe(headers);
    // And the words are still there for the reader.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('[click here](http://evil.example)');
  });

  // Each kind of formula cell, one by one: test/report/assignments.test.ts.
  it('neutralises spreadsheet formulas in the assignments CSV of a hostile export', () => {
    const csv = renderAssignments(hostileRun());
    expect(csv).toContain('"\'=HYPERLINK(""http://evil"")"');
    for (const line of csv.split('\n').slice(1)) expect(line).not.toMatch(/^[=+\-@]/);
  });
});

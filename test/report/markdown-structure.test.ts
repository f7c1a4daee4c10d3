// The markdown as GitHub renders it: headings set apart by blank lines, no empty sections, the top list as long
// as its heading says, and only the figures an export has (here one with dates and no other economic column).
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/index.js';
import type { ClusterRun } from '../../src/types.js';
import { RUSSIAN_TICKETS } from '../label/corpus.js';
import { sampleRun } from '../rank/sample-run.js';
import { plantedRun } from './planted-run.js';

async function runs(): Promise<Array<[string, ClusterRun]>> {
  return [
    ['sample', sampleRun({ parentOf: [1, 0, 0] })],
    ['russian', { ...sampleRun({ tickets: RUSSIAN_TICKETS }), language: 'ru' }],
    ['planted', await plantedRun('en')],
    ['planted ru', await plantedRun('ru')],
    ['dates only', await plantedRun('en', { datesOnly: true })],
  ];
}

describe('markdown structure', () => {
  it('one blank line around every heading, never two in a row, one newline at the end, no empty section', async () => {
    for (const [name, run] of await runs()) {
      const md = renderMarkdown(run);
      const lines = md.split('\n');
      expect(md.endsWith('\n') && !md.endsWith('\n\n'), name).toBe(true);
      expect(lines[0], name).toMatch(/^# /);
      expect(md, name).not.toMatch(/\n\n\n/);
      lines.forEach((line, i) => {
        if (!/^#{1,3} /.test(line)) return;
        // A cluster's heading comes right after its anchor; the blank line is before the anchor.
        const before = /^<a id="c\d+"><\/a>$/.test(lines[i - 1] ?? '') ? i - 2 : i - 1;
        if (i > 0) expect(lines[before], `${name}: before "${line}"`).toBe('');
        expect(lines[i + 1], `${name}: after "${line}"`).toBe('');
        // The next non-blank line is the section's content, not a heading of the same or a higher level.
        const next = lines.slice(i + 1).find((l) => l !== '') ?? '';
        const level = line.indexOf(' ');
        const nextLevel = /^#+ /.test(next) ? next.indexOf(' ') : Infinity;
        expect(nextLevel > level, `${name}: "${line}" has no content`).toBe(true);
      });
      // Every cluster section is announced by its anchor, which the ranked table and the top list link to.
      for (const c of run.clusters) {
        expect(md, name).toContain(`<a id="${c.id.toLowerCase()}"></a>\n## ${c.id}. `);
        expect(md, name).toContain(`](#${c.id.toLowerCase()})`);
      }
      // The top list has as many entries as its heading says.
      const top = /^## (?:Top|Главные) (\d+) /m.exec(md);
      expect(top, name).not.toBeNull();
      expect(
        lines.filter((l) => /^\d+\. \[C\d+\. /.test(l)),
        name,
      ).toHaveLength(Number(top![1]));
    }
  });

  it('an export with dates and no other economic column: trend, growth and priority only', async () => {
    const md = renderMarkdown(await plantedRun('en', { datesOnly: true }));
    const lines = md.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '**208 tickets · 5 clusters · 0 unclustered (0.0%) · est. cost RUB 25,212 at RUB 121/ticket · 2026-09-28 to 2026-11-08**',
        '- Total estimated cost: RUB 25,212 (12 min per ticket at RUB 40,000 a month × 2.5 overhead / 165 h = RUB 606/hour = RUB 121 per ticket)',
        '## Top 4 of 5 clusters: 91.3% of the cost',
        '4. [C4. возврат денег · отменил заказ](#c4): 30 tickets (14.4%), RUB 3,636, growth 0% in the last full week.',
        '| # | Cluster | Tickets | Share | Cost | Weekly trend | Growth | Priority | Keywords |',
        '|---:|---|---:|---:|---:|---:|---:|---:|---|',
        '|  | *unclustered* | 0 | 0.0% | RUB 0 |  |  |  |  |',
        '- Cost: RUB 121 per ticket · priority 92.3',
        '- Weekly: ▁▁▁▁▁█ 8, 8, 8, 8, 8, 24 (2026-W40 to 2026-W45) · growth +200% in 2026-W45',
      ]),
    );
    expect(md).not.toMatch(/Economic columns|Repeat contacts|New customers|CSAT|Channels|Handle|could not be read/);
    expect(lines.find((l) => l.startsWith('| 1 | ['))).toContain('| RUB 7,758 | ▁▁▁▁▁█ | +200% | 92.3 | оплата');
  });

  it('in Russian too: "Обработка" without minutes, the weekly line, no empty economic lines', async () => {
    const md = renderMarkdown(await plantedRun('ru', { datesOnly: true }));
    expect(md.split('\n')).toEqual(
      expect.arrayContaining([
        '- Обработка: 121 ₽ за обращение · приоритет 92,3',
        '- По неделям: ▁▁▁▁▁█ 8, 8, 8, 8, 8, 24 (с 2026-W40 по 2026-W45) · рост +200 % за 2026-W45',
        '- Оценка затрат всего: 25 212 ₽ (12 мин на обращение по 40 000 ₽ в месяц × 2,5 накладные / 165 ч = 606 ₽ в час = 121 ₽ за обращение)',
      ]),
    );
    expect(md).not.toMatch(/Колонки экономики|Повторные:|Новые клиенты:|CSAT|Каналы|Часы обработки/);
  });

  it('what a section leaves out: no keywords, no examples, no ids, tabs and odd file names', () => {
    const run = sampleRun();
    run.input = { ...run.input, file: 'C:\\exports\\my `odd`\nname.csv', delimiter: '\t' };
    run.clusters[0] = { ...run.clusters[0]!, keywords: [], examples: [], ticketIds: [] };
    run.noise.examples = [
      { id: 'N-1', text: '+ plus at the start' },
      { id: 'N-2', text: '12) a numbered line' },
      { id: 'N-3', text: '3. another   one\n\nspread  over lines' },
      { id: 'N-4', text: 'a - b 4. c' },
    ];
    const md = renderMarkdown(run);
    const section = md.split('\n## C1. ')[1]!.split('\n## ')[0]!;
    expect(section).toContain('\n- Keywords: —\n');
    expect(section).not.toMatch(/Typical ticket|Ticket ids|^> /m);
    expect(md.split('\n')[0]).toBe('# Ticket clusters: my \\`odd\\` name.csv');
    expect(md).toContain("- Input: `C:\\exports\\my 'odd' name.csv` (utf-8, delimiter `\\t`)");
    expect(md).toContain('> \\+ plus at the start\n> — ticket `N-1`\n\n');
    expect(md).toContain('> 12\\) a numbered line\n');
    expect(md).toContain('> 3\\. another one spread over lines\n');
    expect(md).toContain('> a - b 4. c\n');
    expect(md).not.toContain('Economic columns');
  });
});

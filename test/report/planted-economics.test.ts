// The reports of the planted Russian Excel export (handle time, dates, customers, CSAT, channels), whose figures
// are known by construction: 208 tickets in five topics, 2,625.5 handle minutes, 26,520 ₽, a +200% spike in
// payment, a third of courier tickets repeat contacts, half of sms tickets from new customers, refunds at CSAT 1.5.
import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderTable } from '../../src/report/index.js';
import { plantedRun } from './planted-run.js';

const lines = (text: string) => text.split('\n');
/** The bullet lines of one cluster's section (the section of the cluster whose heading starts with `id`). */
function section(md: string, id: string): string[] {
  return lines(md.split(`\n## ${id}. `)[1]!.split('\n## ')[0]!).filter((l) => l.startsWith('- '));
}

describe('the markdown of an export with economic columns', () => {
  it('English: the summary says how the cost, the period and the growth were computed', async () => {
    const md = renderMarkdown(await plantedRun('en'));
    expect(lines(md)).toEqual(
      expect.arrayContaining([
        '**208 tickets · 5 clusters · 0 unclustered (0.0%) · est. cost RUB 26,520 at RUB 128/ticket on average (handle time) · 2026-09-28 to 2026-11-08**',
        '- Total estimated cost: RUB 26,520 (handle time from `Время обработки, мин` (43.8 h in all; tickets without one count 12 min) at RUB 40,000 a month × 2.5 overhead / 165 h = RUB 606/hour)',
        '- Economic columns: handle time `Время обработки, мин`; customer `Клиент`; customer since `Дата регистрации`; CSAT `Оценка`; channel `Канал`',
        '- Period: 2026-09-28 to 2026-11-08 (6 ISO week(s)); growth compares the last full week, 2026-W45, with the mean of the 5 full week(s) before it (a mean below 5 tickets counts as 5)',
        '- Ranked by priority: priority = 100 × cost share × (1 + growth, 0 to +300%) × (1 + repeat share) × (1 + early-lifecycle share); a factor whose column is missing counts as 1',
        '- Column `Время обработки, мин`: 2 value(s) could not be read (line 44 "н/д", line 113 "н/д")',
        '## Top 3 of 5 clusters: 85.1% of the cost',
        '1. [C1. оплата картой · отклонен](#c1): 64 tickets (30.8%), RUB 7,273, growth +200% in the last full week, repeat contacts 0%, from new customers 0%, CSAT 3.00.',
        '2. [C2. опоздал курьер · интервал доставки](#c2): 36 tickets (17.3%), RUB 6,955, growth 0% in the last full week, repeat contacts 33.3%, from new customers 0%, CSAT 4.00.',
        '## Clusters by priority',
        '| # | Cluster | Tickets | Share | Cost | Handle hours | Weekly trend | Growth | Repeat | New customers | CSAT (impact) | Priority | Keywords |',
        '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
        '|  | *unclustered* | 0 | 0.0% | RUB 0 | 0.0 h |  |  |  |  |  |  |  |',
        '### Cost by cluster',
        '### Weekly trend of the top clusters',
      ]),
    );
    const row = (rank: number) => lines(md).find((l) => l.startsWith(`| ${rank} | [`))!;
    expect(row(1)).toMatch(
      /^\| 1 \| \[оплата картой · отклонен\]\(#c1\) \| 64 \| 30\.8% \| RUB 7,273 \| 12\.0 h \| ▁▁▁▁▁█ \| \+200% \| 0% \| 0% \| 3\.00 \(−0\.16\) \| 82\.3 \| оплата/,
    );
    expect(row(2)).toContain('| 36 | 17.3% | RUB 6,955 | 11.5 h | ▄▄▄▄▄▄ | 0% | 33% | 0% | 4.00 (+0.05) | 35.0 |');
    expect(row(4)).toContain('| 60 | 28.8% | RUB 3,232 | 5.3 h | ▄▄▄▄▄▄ | 0% | 0% | 50% | 4.50 (+0.53) | 18.3 |');
    expect(md).toContain(
      [
        '```mermaid',
        'xychart-beta',
        '  title "Cost by cluster (RUB)"',
        '  x-axis ["C1", "C2", "C3", "C4", "C5"]',
        '  y-axis "RUB"',
        '  bar [7273, 6955, 8333, 3232, 727]',
        '```',
      ].join('\n'),
    );
    // The three top clusters' trends, and no fourth.
    expect(md.match(/tickets per week"/g)).toHaveLength(3);
    expect(md).toContain(
      '  title "C1. оплата картой · отклонен: tickets per week"\n  x-axis ["W40", "W41", "W42", "W43", "W44", "W45"]\n  y-axis "tickets"\n  line [8, 8, 8, 8, 8, 24]',
    );
  });

  it("English: each cluster's section has its handle time, trend, repeats, new customers, CSAT and channels", async () => {
    const md = renderMarkdown(await plantedRun('en'));
    expect(section(md, 'C1').slice(1, 2)).toEqual(['- Tickets: 64 (30.8%) · est. cost RUB 7,273 · confidence 0.80']);
    expect(section(md, 'C1').slice(3, 9)).toEqual([
      '- Handle time: 12 h, RUB 114 per ticket · priority 82.3',
      '- Weekly: ▁▁▁▁▁█ 8, 8, 8, 8, 8, 24 (2026-W40 to 2026-W45) · growth +200% in 2026-W45',
      '- Repeat contacts: 0% of tickets come from a customer who wrote about this within the 7 days before',
      "- New customers: 0% of tickets were raised in the customer's first 21 days",
      '- CSAT: 3.00 mean over 32 answered · impact −0.16 on the overall 3.63',
      '- Channels: Чат 32 (50%), Почта 16 (25%), Телефон 16 (25%)',
    ]);
    // Under ten hours in minutes, and cents on a small amount per ticket.
    expect(section(md, 'C4')).toContain('- Handle time: 320 min, RUB 53.87 per ticket · priority 18.3');
    expect(section(md, 'C4')).toContain(
      '- Weekly: ▄▄▄▄▄▄ 10, 10, 10, 10, 10, 10 (2026-W40 to 2026-W45) · growth 0% in 2026-W45',
    );
    expect(section(md, 'C4')).toContain('- Channels: Сайт 30 (50%), Чат 30 (50%)');
    expect(section(md, 'C2')).toContain(
      '- Repeat contacts: 33% of tickets come from a customer who wrote about this within the 7 days before',
    );
  });

  it('Russian: the same figures with decimal commas, ₽ after the number and Russian words', async () => {
    const md = renderMarkdown(await plantedRun('ru'));
    expect(lines(md)).toEqual(
      expect.arrayContaining([
        '**208 обращений · 5 кластеров · 0 вне кластеров (0,0 %) · затраты 26 520 ₽ при 128 ₽ за обращение в среднем (по времени обработки) · с 2026-09-28 по 2026-11-08**',
        '- Оценка затрат всего: 26 520 ₽ (время обработки из `Время обработки, мин` (всего 43,8 ч; обращения без него — по 12 мин) по 40 000 ₽ в месяц × 2,5 накладные / 165 ч = 606 ₽ в час)',
        '- Колонки экономики: время обработки `Время обработки, мин`; клиент `Клиент`; клиент с `Дата регистрации`; CSAT `Оценка`; канал `Канал`',
        '- Период: с 2026-09-28 по 2026-11-08 (ISO-недель: 6); рост — последняя полная неделя 2026-W45 против среднего за 5 полн. нед. до неё (среднее ниже 5 обращений считается как 5)',
        '- Порядок по приоритету: приоритет = 100 × доля затрат × (1 + рост, от 0 до +300 %) × (1 + доля повторных) × (1 + доля новых клиентов); множитель без своей колонки равен 1',
        '- Колонка `Время обработки, мин`: не прочитано значений: 2 (строка 44 "н/д", строка 113 "н/д")',
        '## Главные 3 из 5 кластеров: 85,1 % затрат',
        '1. [C1. оплата картой · отклонен](#c1): 64 обращения (30,8 %), 7 273 ₽, рост +200 % за последнюю полную неделю, повторных 0 %, от новых клиентов 0 %, CSAT 3,00.',
        '2. [C2. опоздал курьер · интервал доставки](#c2): 36 обращений (17,3 %), 6 955 ₽, рост 0 % за последнюю полную неделю, повторных 33,3 %, от новых клиентов 0 %, CSAT 4,00.',
        '## Кластеры по приоритету',
        '| # | Кластер | Обращений | Доля | Затраты | Часы обработки | По неделям | Рост | Повторные | Новые клиенты | CSAT (влияние) | Приоритет | Ключевые слова |',
        '|  | *вне кластеров* | 0 | 0,0 % | 0 ₽ | 0,0 ч |  |  |  |  |  |  |  |',
        '### Затраты по кластерам',
        '  title "Затраты по кластерам (RUB)"',
        '### Динамика по неделям для главных кластеров',
        '  title "C1. оплата картой · отклонен: обращений в неделю"',
        '  y-axis "обращений"',
      ]),
    );
    expect(lines(md).find((l) => l.startsWith('| 1 | ['))).toContain(
      '| 64 | 30,8 % | 7 273 ₽ | 12,0 ч | ▁▁▁▁▁█ | +200 % | 0 % | 0 % | 3,00 (−0,16) | 82,3 |',
    );
    expect(section(md, 'C1').slice(1, 2)).toEqual(['- Обращений: 64 (30,8 %) · затраты 7 273 ₽ · уверенность 0,80']);
    expect(section(md, 'C1').slice(3, 9)).toEqual([
      '- Обработка: 12 ч времени обработки, 114 ₽ за обращение · приоритет 82,3',
      '- По неделям: ▁▁▁▁▁█ 8, 8, 8, 8, 8, 24 (с 2026-W40 по 2026-W45) · рост +200 % за 2026-W45',
      '- Повторные: 0 % обращений — от клиентов, писавших об этом в предыдущие 7 дн.',
      '- Новые клиенты: 0 % обращений — в первые 21 дн. клиента',
      '- CSAT: 3,00 в среднем по 32 ответам · влияние −0,16 на общий 3,63',
      '- Каналы: Чат 32 (50 %), Почта 16 (25 %), Телефон 16 (25 %)',
    ]);
    expect(section(md, 'C4')).toContain(
      '- Обработка: 320 мин времени обработки, 53,87 ₽ за обращение · приоритет 18,3',
    );
    expect(section(md, 'C4')).toContain('- Новые клиенты: 50 % обращений — в первые 21 дн. клиента');
  });

  it('ranked by cost when asked: no priority column, the most expensive cluster first', async () => {
    const cost = { minutesPerTicket: 10, hourlyCost: 1200, currency: '₽', minutesPerChannel: { Чат: 5 } };
    const en = renderMarkdown(await plantedRun('en', { rankBy: 'cost', cost }));
    expect(lines(en)).toEqual(
      expect.arrayContaining([
        '- Total estimated cost: 52,430 ₽ (handle time from `Время обработки, мин` (43.7 h in all; tickets without one count 10 min (Чат 5 min)) at 1,200 ₽/hour)',
        '## Clusters by cost',
        // The export has the dates and customers for a priority score: cost is the order because it was asked for.
        '- Ranked by cost, as asked (--rank-by cost)',
        '| # | Cluster | Tickets | Share | Cost | Handle hours | Weekly trend | Growth | Repeat | New customers | CSAT (impact) | Keywords |',
        '|  | *unclustered* | 0 | 0.0% | 0 ₽ | 0.0 h |  |  |  |  |  |  |',
      ]),
    );
    expect(lines(en).find((l) => l.startsWith('| 1 | ['))).toMatch(
      /^\| 1 \| \[возврат денег · отменил заказ\]\(#c1\) \| 30 \|/,
    );
    const ru = renderMarkdown(await plantedRun('ru', { rankBy: 'cost', cost }));
    expect(lines(ru)).toEqual(
      expect.arrayContaining([
        '- Оценка затрат всего: 52 430 ₽ (время обработки из `Время обработки, мин` (всего 43,7 ч; обращения без него — по 10 мин (Чат 5 мин)) по 1 200 ₽ в час)',
        '## Кластеры по затратам',
        '- Порядок по затратам, как задано (--rank-by cost)',
      ]),
    );
    expect(en).not.toContain('no dates or customer columns');
    expect(ru).not.toContain('нет колонок с датами или клиентами');
  });
});

/** The cells of a terminal table row, trimmed. */
const cells = (row: string) =>
  row
    .split('│')
    .slice(1, -1)
    .map((c) => c.trim());

describe('the terminal table of an export with economic columns', () => {
  it('adds trend, growth, repeat, new-customer, CSAT and priority columns, and keeps the unclustered line last', async () => {
    const rows = lines(renderTable(await plantedRun('en'), { color: false, limit: 2 }));
    expect(rows[0]).toBe(
      '208 tickets · 5 clusters · 0 unclustered (0.0%) · est. cost RUB 26,520 at RUB 128/ticket on average (handle time) · 2026-09-28 to 2026-11-08',
    );
    expect(cells(rows[2]!)).toEqual([
      '#',
      'label',
      'tickets',
      'share',
      'est. cost',
      'trend',
      'growth',
      'repeat',
      'new',
      'CSAT',
      'priority',
      'keywords',
    ]);
    expect(cells(rows[3]!).slice(0, 11)).toEqual([
      '1',
      'оплата картой · отклонен',
      '64',
      '30.8%',
      'RUB 7,273',
      '▁▁▁▁▁█',
      '+200%',
      '0%',
      '0%',
      '3.00',
      '82.3',
    ]);
    expect(cells(rows[4]!).slice(0, 11)).toEqual([
      '2',
      'опоздал курьер · интервал доставки',
      '36',
      '17.3%',
      'RUB 6,955',
      '▄▄▄▄▄▄',
      '0%',
      '33%',
      '0%',
      '4.00',
      '35.0',
    ]);
    expect(cells(rows[5]!)).toEqual([
      '',
      '… 3 more clusters',
      '108',
      '51.9%',
      'RUB 12,293',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
    expect(cells(rows[6]!)).toEqual([
      '',
      'unclustered',
      '0',
      '0.0%',
      'RUB 0',
      '▁▁▁▁▁▁',
      '',
      '',
      '',
      '',
      '',
      'tickets no cluster fits well',
    ]);
  });

  it('in Russian: Russian heads, decimal commas, "с … по …"', async () => {
    const rows = lines(renderTable(await plantedRun('ru'), { color: false, limit: 1 }));
    expect(rows[0]).toBe(
      '208 обращений · 5 кластеров · 0 вне кластеров (0,0 %) · затраты 26 520 ₽ при 128 ₽ за обращение в среднем (по времени обработки) · с 2026-09-28 по 2026-11-08',
    );
    expect(cells(rows[2]!)).toEqual([
      '#',
      'название',
      'обращений',
      'доля',
      'затраты',
      'динамика',
      'рост',
      'повторные',
      'новые',
      'CSAT',
      'приоритет',
      'ключевые слова',
    ]);
    expect(cells(rows[3]!).slice(0, 11)).toEqual([
      '1',
      'оплата картой · отклонен',
      '64',
      '30,8 %',
      '7 273 ₽',
      '▁▁▁▁▁█',
      '+200 %',
      '0 %',
      '0 %',
      '3,00',
      '82,3',
    ]);
    expect(cells(rows[4]!).slice(1, 5)).toEqual(['… ещё 4 кластера', '144', '69,2 %', '19 247 ₽']);
    expect(cells(rows[5]!)).toEqual([
      '',
      'вне кластеров',
      '0',
      '0,0 %',
      '0 ₽',
      '▁▁▁▁▁▁',
      '',
      '',
      '',
      '',
      '',
      'обращения, не подошедшие ни к одному кластеру',
    ]);
  });
});

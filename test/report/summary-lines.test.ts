// The markdown's summary bullets, top list and topics in both languages, on the small hand-made corpora.
import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderTable } from '../../src/report/index.js';
import { topClusterCount } from '../../src/report/messages.js';
import { RUSSIAN_TICKETS } from '../label/corpus.js';
import { sampleRun } from '../rank/sample-run.js';

function russianRun() {
  const run = {
    ...sampleRun({ tickets: RUSSIAN_TICKETS, parentOf: [1, 0, 0], cost: { currency: 'RUB', hourlyCost: 600 } }),
    language: 'ru',
  };
  run.boilerplate = { tickets: 3, phrases: [{ text: 'Спасибо, ваша *команда*', tickets: 3 }] };
  run.clusters[0]!.hypothesis = 'Курьеры [опаздывают], см. www.example.com';
  return run;
}

describe('the summary of a Russian run', () => {
  it('says what was skipped and why, the boilerplate left out, the cost basis, in Russian words', () => {
    const md = renderMarkdown(russianRun()).split('\n');
    expect(md).toEqual(
      expect.arrayContaining([
        '**14 обращений · 3 кластера · 1 вне кластеров (7,1 %) · пропущено 3 · затраты 1 680 ₽ при 120 ₽ за обращение**',
        '- Обращений с текстом: 14 из 17 строк',
        '- Кластеров: 3 (13 обращений)',
        '- Вне кластеров: 1 (7,1 %)',
        '- Пропущено: 3 (пустой текст: 2, повторный номер: 1)',
        '- Шаблонные фразы не учитывались при кластеризации и в названиях: они были в 3 обращениях (“Спасибо, ваша \\*команда\\*”)',
        '- Оценка затрат всего: 1 680 ₽ (12 мин на обращение по 600 ₽ в час = 120 ₽ за обращение)',
        '- Колонки: текст `subject` + `body`; номер `id`; дата нет',
        '- Порядок по затратам (для приоритета нет колонок с датами или клиентами)',
        '## Главные 3 из 3 кластеров: 100,0 % затрат',
        '1. [C1. сброс пароля](#c1): 5 обращений (35,7 %), 600 ₽.',
        // The hypothesis is the model's text: escaped, and the bare address not autolinked.
        '   Гипотеза: Курьеры \\[опаздывают\\], см. www\\.example.com',
        '- **Гипотеза:** Курьеры \\[опаздывают\\], см. www\\.example.com',
        '## Темы',
        '- **сброс пароля**: 5 обращений, 600 ₽',
        '  - C1 сброс пароля: 5 обращений',
        '- Обращений: 5 (35,7 %) · затраты 600 ₽ · уверенность 0,70 · тема P2',
        '- Обработка: 120 ₽ за обращение · приоритет 35,7',
        '## Вне кластеров',
      ]),
    );
  });

  it('the terminal table folds the rest into "… ещё N кластера" in Russian', () => {
    const table = renderTable(russianRun(), { color: false, limit: 1 });
    expect(table.split('\n')[0]).toBe(
      '14 обращений · 3 кластера · 1 вне кластеров (7,1 %) · пропущено 3 · затраты 1 680 ₽ при 120 ₽ за обращение',
    );
    expect(table).toMatch(/│ +│ … ещё 2 кластера +│ +8 │ 57,1 % │ +960 ₽ │/);
  });
});

describe('the English summary', () => {
  it('lists the boilerplate phrases (at most five) and the hypothesis under a top cluster', () => {
    const run = sampleRun();
    run.boilerplate = {
      tickets: 12,
      phrases: ['a', 'b', 'c', 'd', 'e', 'f'].map((text) => ({ text: `Thanks _${text}_`, tickets: 2 })),
    };
    run.clusters[0]!.hypothesis = 'Couriers <b>late</b> since https://example.com';
    const md = renderMarkdown(run).split('\n');
    expect(md).toContain(
      '- Boilerplate left out of the clustering and labels: 12 tickets carried some (“Thanks \\_a\\_”, “Thanks \\_b\\_”, “Thanks \\_c\\_”, “Thanks \\_d\\_”, “Thanks \\_e\\_”)',
    );
    expect(md.filter((l) => l.includes('Hypothesis'))).toEqual([
      '   Hypothesis: Couriers \\<b\\>late\\</b\\> since https:\\/\\/example.com',
      '- **Hypothesis:** Couriers \\<b\\>late\\</b\\> since https:\\/\\/example.com',
    ]);
    expect(md).toContain('- Skipped: 3 skipped (2 empty text, 1 duplicate id)');
    const none = sampleRun({ skipped: [] });
    expect(renderMarkdown(none).split('\n')).toContain('- Skipped: none');
    expect(renderMarkdown(none).split('\n')[2]).toBe(
      '**16 tickets · 3 clusters · 2 unclustered (12.5%) · est. cost $96 at $6/ticket**',
    );
  });
});

describe('how many clusters the top list shows', () => {
  it('the fewest top clusters that make 80% of the cost, at most 15', () => {
    expect(topClusterCount([50, 30, 20])).toBe(2); // 80 of 100 exactly
    expect(topClusterCount([50, 29, 21])).toBe(3);
    expect(topClusterCount([80, 10, 10])).toBe(1);
    expect(topClusterCount(Array.from({ length: 40 }, () => 1))).toBe(15);
    expect(topClusterCount([0, 0, 0])).toBe(3); // no cost at all: every cluster, up to 15
    expect(topClusterCount(Array.from({ length: 20 }, () => 0))).toBe(15);
    expect(topClusterCount([])).toBe(0);
  });
});

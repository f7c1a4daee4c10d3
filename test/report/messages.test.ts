// The report's sentences in both languages as a reader sees them: Russian plurals and agreement, numbers in
// the reader's notation, the summary's top list and one-line facts per cluster.
import { describe, expect, it } from 'vitest';
import { clusterFacts, formatDate, messagesFor, reportLanguage, topClusterCount } from '../../src/report/messages.js';

const ru = messagesFor('ru');
const en = messagesFor('en');

describe('Russian plurals', () => {
  it('give tickets, clusters and rows the form their number takes (1, 2–4, 5–20, 21, 22, 111)', () => {
    expect([1, 2, 5, 11, 21, 22, 25, 111].map(ru.tickets)).toEqual([
      '1 обращение',
      '2 обращения',
      '5 обращений',
      '11 обращений',
      '21 обращение',
      '22 обращения',
      '25 обращений',
      '111 обращений',
    ]);
    expect([1, 3, 7, 21].map(ru.clusters)).toEqual(['1 кластер', '3 кластера', '7 кластеров', '21 кластер']);
    expect([1, 4, 12].map(ru.rows)).toEqual(['1 строка', '4 строки', '12 строк']);
    expect(ru.tickets(12345)).toBe('12 345 обращений');
    expect([1, 2, 1500].map(en.clusters)).toEqual(['1 cluster', '2 clusters', '1,500 clusters']);
    expect([1, 2, 1500].map(en.rows)).toEqual(['1 row', '2 rows', '1,500 rows']);
    expect([1, 2, 1500].map(en.tickets)).toEqual(['1 ticket', '2 tickets', '1,500 tickets']);
  });

  it('agree after "из" and "в": from 1 row, from 5 rows, in 1 ticket, in 2 tickets', () => {
    expect(ru.ticketsWithText(1, 1)).toBe('Обращений с текстом: 1 из 1 строки');
    expect(ru.ticketsWithText(1200, 1500)).toBe('Обращений с текстом: 1 200 из 1 500 строк');
    expect(ru.ticketsWithText(2, 3)).toBe('Обращений с текстом: 2 из 3 строк');
    expect(ru.boilerplate(1, '“Спасибо”')).toMatch(/они были в 1 обращении \(“Спасибо”\)$/);
    expect(ru.boilerplate(4, '“Спасибо”')).toMatch(/они были в 4 обращениях \(“Спасибо”\)$/);
    expect(ru.boilerplate(25, '“Спасибо”')).toBe(
      'Шаблонные фразы не учитывались при кластеризации и в названиях: они были в 25 обращениях (“Спасибо”)',
    );
    expect(ru.top(3, 2, '80 %')).toBe('Главные 3 из 2 кластеров: 80 % затрат');
    expect(ru.table.more(25)).toBe('… ещё 25 кластеров');
    expect(ru.topicLine(1, '6 ₽')).toBe('1 обращение, 6 ₽');
    expect(ru.topicLine(5, '30 ₽')).toBe('5 обращений, 30 ₽');
    expect(ru.summary(1, 1, 0, '0 %')).toEqual(['1 обращение', '1 кластер', '0 вне кластеров (0 %)']);
    expect(ru.summary(5, 5, 1, '1 %')).toEqual(['5 обращений', '5 кластеров', '1 вне кластеров (1 %)']);
    expect(ru.top(3, 21, '80 %')).toBe('Главные 3 из 21 кластера: 80 % затрат');
    expect(ru.top(3, 5, '80 %')).toBe('Главные 3 из 5 кластеров: 80 % затрат');
    expect(ru.table.more(1)).toBe('… ещё 1 кластер');
    expect(ru.table.more(3)).toBe('… ещё 3 кластера');
  });

  it('make the noise sentence agree with its number: 1 ticket "не подошло", 3 or 5 tickets "не подошли"', () => {
    expect(ru.noiseParagraph(1, '0,5 %', '120 ₽')).toMatch(
      /^1 обращение \(0,5 %, 120 ₽\) не подошло ни к одному кластеру: /,
    );
    expect(ru.noiseParagraph(21, '1 %', '2 520 ₽')).toMatch(/^21 обращение \(1 %, 2 520 ₽\) не подошло /);
    expect(ru.noiseParagraph(3, '3 %', '360 ₽')).toMatch(/^3 обращения \(3 %, 360 ₽\) не подошли /);
    expect(ru.noiseParagraph(5, '5 %', '600 ₽')).toMatch(/^5 обращений \(5 %, 600 ₽\) не подошли /);
    expect(en.noiseParagraph(1, '0.5%', '$6')).toMatch(/^1 ticket \(0\.5%, \$6\) fit no cluster well: /);
    expect(en.noiseParagraph(2, '1%', '$12')).toBe(
      '2 tickets (1%, $12) fit no cluster well: one-off problems, or topics too small to form a cluster at this size.',
    );
    expect(ru.noiseParagraph(5, '5 %', '600 ₽')).toBe(
      '5 обращений (5 %, 600 ₽) не подошли ни к одному кластеру: единичные проблемы или темы, слишком мелкие ' +
        'для кластера при таком объёме.',
    );
  });
});

describe('the summary lines in both languages', () => {
  it('count tickets, clusters and unclustered tickets with thousands written the reader’s way', () => {
    expect(en.summary(12345, 1, 1200, '9.7%')).toEqual(['12,345 tickets', '1 cluster', '1,200 unclustered (9.7%)']);
    expect(ru.summary(12345, 2, 1200, '9,7 %')).toEqual([
      '12 345 обращений',
      '2 кластера',
      '1 200 вне кластеров (9,7 %)',
    ]);
    expect(en.clustersLine(1234, 56789)).toBe('Clusters: 1,234 (56,789 tickets)');
    expect(ru.clustersLine(1234, 1)).toBe('Кластеров: 1 234 (1 обращение)');
    expect(en.unclusteredLine(1500, '3%')).toBe('Unclustered: 1,500 (3%)');
    expect(ru.unclusteredLine(1500, '3 %')).toBe('Вне кластеров: 1 500 (3 %)');
    expect(en.ticketsWithText(1500, 1)).toBe('Tickets with text: 1,500 of 1 row');
    expect(en.ticketsWithText(2, 1500)).toBe('Tickets with text: 2 of 1,500 rows');
    expect(en.top(3, 1, '80%')).toBe('Top 3 of 1 cluster: 80% of the cost');
    expect(en.top(3, 12, '80%')).toBe('Top 3 of 12 clusters: 80% of the cost');
    expect(en.table.more(1500)).toBe('… 1,500 more clusters');
    expect(en.topicLine(1, '$6')).toBe('1 ticket, $6');
    expect(ru.topicLine(2, '12 ₽')).toBe('2 обращения, 12 ₽');
    expect(en.boilerplate(1, '“Thanks”')).toMatch(/: 1 ticket carried some \(“Thanks”\)$/);
  });

  it("name a cluster's figures, with its parent topic only when it has one", () => {
    expect(en.clusterFigures(1500, '30%', '$9,000', '0.71', 'P2')).toBe(
      'Tickets: 1,500 (30%) · est. cost $9,000 · confidence 0.71 · topic P2',
    );
    expect(en.clusterFigures(3, '3%', '$18', '0.71', null)).toBe('Tickets: 3 (3%) · est. cost $18 · confidence 0.71');
    expect(ru.clusterFigures(1500, '30 %', '9 000 ₽', '0,71', 'P2')).toBe(
      'Обращений: 1 500 (30 %) · затраты 9 000 ₽ · уверенность 0,71 · тема P2',
    );
    expect(ru.clusterFigures(3, '3 %', '18 ₽', '0,71', null)).toBe(
      'Обращений: 3 (3 %) · затраты 18 ₽ · уверенность 0,71',
    );
  });

  it('translate the skip reasons into Russian and leave an unknown one as it is', () => {
    expect(ru.skipReason('empty text')).toBe('пустой текст');
    expect(ru.skipReason('duplicate id')).toBe('повторный номер');
    expect(ru.skipReason('unreadable row')).toBe('unreadable row');
    expect(en.skipReason('empty text')).toBe('empty text');
  });

  it('write numbers, shares and money through the language’s notation', () => {
    expect(en.count(1234567)).toBe('1,234,567');
    expect(ru.count(1234567)).toBe('1 234 567');
    expect(en.share(0.125)).toBe('12.5%');
    expect(ru.share(0.125)).toBe('12,5 %');
    expect(ru.money(39600, 'RUB')).toBe('39 600 ₽');
    expect(en.money(39600, 'USD')).toBe('$39,600');
    expect(en.date('2026-11-30T06:18:00.000Z')).toBe('30 November 2026 at 06:18 UTC');
    expect(ru.date('2026-11-30T06:18:00.000Z')).toMatch(/^30 ноября 2026/);
    expect(en.estCost('$6,000', '$6')).toBe('est. cost $6,000 at $6/ticket');
    expect(ru.estCost('6 000 ₽', '120 ₽')).toBe('затраты 6 000 ₽ при 120 ₽ за обращение');
    expect(en.columns('`body`', '`id`', 'none')).toBe('Columns: text `body`; id `id`; date none');
    expect(ru.embedder('lexical', 'tfidf-svd', 128)).toBe('Векторизация: lexical (tfidf-svd, размерность 128)');
    expect(en.embedder('lexical', 'tfidf-svd', 128)).toBe('Embedder: lexical (tfidf-svd, 128 dimensions)');
  });
});

describe('the report language', () => {
  it('is Russian only when the run says "ru"; anything else, or none (an old run file), reads English', () => {
    expect(reportLanguage('ru')).toBe('ru');
    expect(reportLanguage('en')).toBe('en');
    expect(reportLanguage(undefined)).toBe('en');
    expect(reportLanguage('de')).toBe('en');
    expect(messagesFor('ru').language).toBe('ru');
    expect(messagesFor(undefined).title('x.csv')).toBe('Ticket clusters: x.csv');
  });

  it('leaves a date it cannot read as written rather than "Invalid Date"', () => {
    expect(formatDate('yesterday', 'en')).toBe('yesterday');
    expect(formatDate('2026-01-05T23:59:00Z', 'en')).toBe('5 January 2026 at 23:59 UTC');
  });
});

describe('the top clusters of the summary', () => {
  it('are the ranked clusters that together make 80% of the cost', () => {
    expect(topClusterCount([50, 30, 10, 10])).toBe(2);
    expect(topClusterCount([50, 29, 11, 10])).toBe(3);
    expect(topClusterCount([90, 5, 5])).toBe(1);
    expect(topClusterCount([80, 20])).toBe(1);
  });

  it('are at most 15 however flat the costs, and all of a short list', () => {
    expect(topClusterCount(Array.from({ length: 40 }, () => 1))).toBe(15);
    expect(topClusterCount(Array.from({ length: 15 }, () => 1))).toBe(12);
    // Twenty equal costs: the 16th would reach 80%, but the list stops at 15.
    expect(topClusterCount(Array.from({ length: 20 }, () => 1))).toBe(15);
    expect(topClusterCount([1, 1, 1])).toBe(3);
    expect(topClusterCount([])).toBe(0);
  });

  it('are the first 15 (or all) when nothing has a cost', () => {
    expect(topClusterCount([0, 0, 0])).toBe(3);
    expect(topClusterCount(Array.from({ length: 20 }, () => 0))).toBe(15);
  });
});

describe("a cluster's one-line facts", () => {
  const base = {
    size: 1500,
    share: 0.3,
    cost: 9000,
    growth: null,
    repeatShare: null,
    earlyLifecycleShare: null,
    satisfaction: null,
  };

  it('say size, share and cost, and nothing about figures the export has no columns for', () => {
    expect(clusterFacts(base, 'USD', en)).toBe('1,500 tickets (30.0%), $9,000.');
    expect(clusterFacts({ ...base, satisfaction: { mean: null } }, 'USD', en)).toBe('1,500 tickets (30.0%), $9,000.');
  });

  it('add growth with its sign, repeat contacts, new customers and CSAT, in English and Russian', () => {
    const full = { ...base, growth: 1.5, repeatShare: 0.25, earlyLifecycleShare: 0.125, satisfaction: { mean: 3.456 } };
    expect(clusterFacts(full, 'USD', en)).toBe(
      '1,500 tickets (30.0%), $9,000, growth +150% in the last full week, repeat contacts 25%, ' +
        'from new customers 12.5%, CSAT 3.46.',
    );
    expect(clusterFacts(full, 'RUB', ru)).toBe(
      '1 500 обращений (30,0 %), 9 000 ₽, рост +150 % за последнюю полную неделю, повторных 25 %, ' +
        'от новых клиентов 12,5 %, CSAT 3,46.',
    );
    expect(clusterFacts({ ...base, growth: -0.4 }, 'USD', en)).toBe(
      '1,500 tickets (30.0%), $9,000, growth −40% in the last full week.',
    );
    // No change reads "0%", as in the table.
    expect(clusterFacts({ ...base, growth: 0 }, 'USD', en)).toContain('growth 0% in the last full week');
    expect(clusterFacts({ ...base, growth: 0 }, 'RUB', ru)).toContain('рост 0 % за последнюю');
    expect(clusterFacts({ ...base, repeatShare: 0 }, 'USD', en)).toContain('repeat contacts 0%');
  });
});

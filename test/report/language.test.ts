import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderTable } from '../../src/report/index.js';
import { formatCount, formatMoney, formatShare } from '../../src/report/format.js';
import { formatDate, messagesFor } from '../../src/report/messages.js';
import { detectLanguage } from '../../src/text/language.js';
import { RUSSIAN_TICKETS } from '../label/corpus.js';
import { sampleRun } from '../rank/sample-run.js';

describe('report language', () => {
  it('follows the tickets: Russian when most tickets are Russian', () => {
    expect(detectLanguage(['Не могу войти', 'Возврат денег', 'refund please'])).toBe('ru');
    expect(detectLanguage(['Не могу войти', 'refund please', 'login fails'])).toBe('en');
    expect(detectLanguage(['12345', ''])).toBe('en');
  });

  it('writes numbers, money, shares and dates the Russian way', () => {
    expect(formatMoney(39600, 'RUB', 'ru')).toBe('39 600 ₽');
    expect(formatMoney(39600, 'RUB')).toBe('RUB 39,600');
    expect(formatCount(1234567, 'ru')).toBe('1 234 567');
    expect(formatShare(0.125, 'ru')).toBe('12,5 %');
    expect(formatShare(0.125)).toBe('12.5%');
    expect(formatDate('2026-11-30T06:18:00.000Z', 'ru')).toMatch(/^30 ноября 2026 г\.,? (?:в )?06:18 UTC$/);
    expect(formatDate('2026-11-30T06:18:00.000Z', 'en')).toBe('30 November 2026 at 06:18 UTC');
    expect(messagesFor('ru').tickets(1)).toBe('1 обращение');
    expect(messagesFor('ru').tickets(3)).toBe('3 обращения');
    expect(messagesFor('ru').tickets(1025)).toBe('1 025 обращений');
    expect(messagesFor('en').tickets(1)).toBe('1 ticket');
  });

  it('renders a Russian run in Russian: headings, sentences, numbers and ₽', () => {
    const run = {
      ...sampleRun({ tickets: RUSSIAN_TICKETS, cost: { currency: 'RUB', hourlyCost: 600 } }),
      language: 'ru',
    };
    const md = renderMarkdown(run);
    expect(md).toMatch(/^# Кластеры обращений: export\.csv\n/);
    for (const heading of ['## Кластеры по', '## Вне кластеров', '- Ключевые слова:', '- Уверенность: ']) {
      expect(md).toContain(heading);
    }
    expect(md).toMatch(/- Обращений: \d+ \(\d+,\d %\) · затраты \d+ ₽ · уверенность 0,\d\d/);
    expect(md).not.toMatch(/\$|Tickets|Clusters by|Unclustered|Keywords/);
    const table = renderTable(run, { color: false });
    expect(table).toMatch(/обращени/);
    expect(table).toContain('вне кластеров');
    expect(table).not.toMatch(/tickets|unclustered|\$/);
  });

  it('keeps English runs (and run files without a language) in English', () => {
    const md = renderMarkdown(sampleRun());
    expect(md).toMatch(/^# Ticket clusters: export\.csv\n/);
    expect(md).toContain('- Confidence: how firmly');
  });
});

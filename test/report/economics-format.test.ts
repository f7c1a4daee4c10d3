import { describe, expect, it } from 'vitest';
import {
  formatChannels,
  formatGrowth,
  formatImpact,
  formatPercent,
  formatScore,
  sparkline,
} from '../../src/report/economics-format.js';

const weeks = (...counts: number[]) => counts.map((tickets, i) => ({ week: `2026-W${40 + i}`, tickets }));

describe('economics formatting', () => {
  it('draws a sparkline from the lowest to the highest week, flat as a middle line, at most 12 weeks', () => {
    expect(sparkline(weeks(8, 8, 8, 8, 8, 24))).toBe('▁▁▁▁▁█');
    expect(sparkline(weeks(0, 2, 4, 6))).toBe('▁▃▆█');
    expect(sparkline(weeks(6, 6, 6))).toBe('▄▄▄');
    expect(sparkline(weeks(0, 0))).toBe('▁▁');
    expect(sparkline(weeks(...Array.from({ length: 20 }, (_, i) => i)))).toHaveLength(12);
  });

  it('writes growth, shares, CSAT impact and channels the way a reader scans them', () => {
    expect(formatGrowth(2)).toBe('+200%');
    expect(formatGrowth(-0.16)).toBe('−16%');
    expect(formatGrowth(0.001)).toBe('0%');
    expect(formatGrowth(null)).toBe('—');
    expect(formatPercent(1 / 3)).toBe('33%');
    expect(formatPercent(0.048)).toBe('4.8%');
    expect(formatPercent(null)).toBe('—');
    expect(formatImpact(-0.498)).toBe('−0.50');
    expect(formatImpact(0.1271)).toBe('+0.13');
    expect(formatChannels({ Чат: 32, Почта: 16, Телефон: 15, Сайт: 1 }, 64)).toBe(
      'Чат 32 (50%), Почта 16 (25%), Телефон 15 (23%), …',
    );
  });
});

describe('scores in the reader’s notation', () => {
  it('writes a CSAT mean and its impact with a decimal comma in Russian', () => {
    expect(formatScore(4.5, 'ru')).toBe('4,50');
    expect(formatScore(4.5)).toBe('4.50');
    expect(formatImpact(-0.498, 'ru')).toBe('−0,50');
    expect(formatImpact(0.13)).toBe('+0.13');
    expect(formatImpact(0.001, 'ru')).toBe('0,00');
  });
});

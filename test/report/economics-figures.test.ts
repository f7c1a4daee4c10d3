// The economic figures as the table and the markdown write them, in both languages.
import { describe, expect, it } from 'vitest';
import {
  economicColumnsShown,
  formatChannels,
  formatGrowth,
  formatHours,
  formatImpact,
  formatMinutes,
  formatPercent,
  formatSatisfaction,
  sparkline,
} from '../../src/report/economics-format.js';
import type { ClusterSummary } from '../../src/types.js';

const weeks = (...counts: number[]) => counts.map((tickets, i) => ({ week: `2026-W${10 + i}`, tickets }));

describe('the weekly sparkline', () => {
  it('shows the last 12 weeks by default, or as many as asked, scaled between their own low and high', () => {
    // Twenty weeks rising 0..19: the last twelve (8..19) span all eight bars.
    const rising = weeks(...Array.from({ length: 20 }, (_, i) => i));
    expect(sparkline(rising)).toBe('▁▂▂▃▄▄▅▅▆▇▇█');
    expect(sparkline(rising, 4)).toBe('▁▃▆█');
    // A spike in an old week outside the window does not flatten the recent ones.
    expect(sparkline(weeks(100, 1, 2, 3), 3)).toBe('▁▅█');
    expect(sparkline(weeks(5))).toBe('▄');
    expect(sparkline(weeks(3, 1))).toBe('█▁');
  });
});

describe('growth and shares', () => {
  it('write growth with a sign and the language’s percent', () => {
    expect(formatGrowth(1.5, 'ru')).toBe('+150 %');
    expect(formatGrowth(-0.5, 'ru')).toBe('−50 %');
    expect(formatGrowth(0, 'ru')).toBe('0 %');
    expect(formatGrowth(12.345)).toBe('+1,235%');
    expect(formatGrowth(12.345, 'ru')).toBe('+1 235 %');
    expect(formatGrowth(-0.004)).toBe('0%');
    expect(formatGrowth(0.005)).toBe('+1%');
    expect(formatGrowth(null, 'ru')).toBe('—');
  });

  it('write shares whole from 10% up, with one decimal below, and 0 as "0%"', () => {
    expect(formatPercent(0.1)).toBe('10%');
    expect(formatPercent(0.0999)).toBe('10.0%');
    expect(formatPercent(0.095)).toBe('9.5%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.255)).toBe('26%');
    expect(formatPercent(0.048, 'ru')).toBe('4,8 %');
    expect(formatPercent(0.5, 'ru')).toBe('50 %');
    expect(formatPercent(null, 'ru')).toBe('—');
  });
});

describe('handle time', () => {
  it('is minutes below ten hours and hours from there, in the reader’s notation', () => {
    expect(formatMinutes(2625.5)).toBe('43.8 h');
    expect(formatMinutes(600)).toBe('10 h');
    expect(formatMinutes(599.94)).toBe('599.9 min');
    expect(formatMinutes(1234.5, 'ru')).toBe('20,6 ч');
    expect(formatMinutes(125.25, 'ru')).toBe('125,3 мин');
    expect(formatMinutes(12)).toBe('12 min');
    // Thousands in Russian are separated by a plain space, never a no-break one that a terminal shows oddly.
    expect(formatMinutes(60_000 * 60, 'ru')).toBe('60 000 ч');
  });

  it('is hours with one decimal in a table column', () => {
    expect(formatHours(480)).toBe('8.0 h');
    expect(formatHours(125)).toBe('2.1 h');
    expect(formatHours(480, 'ru')).toBe('8,0 ч');
    expect(formatHours(60 * 1234.56, 'ru')).toBe('1 234,6 ч');
    expect(formatHours(60 * 1234.56)).toBe('1,234.6 h');
  });
});

describe('customer satisfaction', () => {
  it('gives the mean over the answered tickets, or says none answered', () => {
    expect(formatSatisfaction({ mean: 4.5, answered: 1234, impact: 0.1 })).toBe('4.50 mean over 1,234 answered');
    expect(formatSatisfaction({ mean: 4.5, answered: 1234, impact: 0.1 }, 'ru')).toBe(
      '4,50 в среднем по 1 234 ответам',
    );
    expect(formatSatisfaction(null)).toBe('none answered');
    expect(formatSatisfaction({ mean: null, answered: 0, impact: null })).toBe('none answered');
    expect(formatSatisfaction(null, 'ru')).toBe('нет ответов');
    expect(formatSatisfaction({ mean: null, answered: 0, impact: null }, 'ru')).toBe('нет ответов');
  });

  it('writes the impact on CSAT with its sign, no sign when it rounds to zero', () => {
    expect(formatImpact(0.004)).toBe('0.00');
    expect(formatImpact(-0.004)).toBe('0.00');
    expect(formatImpact(0.005)).toBe('+0.01');
    expect(formatImpact(-1.25, 'ru')).toBe('−1,25');
    expect(formatImpact(null, 'ru')).toBe('—');
  });
});

describe('channels', () => {
  it('lists the top channels with their counts and share of the cluster, "…" when there are more', () => {
    const channels = { Чат: 1200, Почта: 600, Телефон: 150 };
    expect(formatChannels(channels, 2000)).toBe('Чат 1,200 (60%), Почта 600 (30%), Телефон 150 (7.5%)');
    expect(formatChannels(channels, 2000, 2)).toBe('Чат 1,200 (60%), Почта 600 (30%), …');
    expect(formatChannels(channels, 2000, 3, 'ru')).toBe('Чат 1 200 (60 %), Почта 600 (30 %), Телефон 150 (7,5 %)');
    expect(formatChannels({ Чат: 2 }, 0)).toBe('Чат 2 (0%)');
    expect(formatChannels(null, 10)).toBe('—');
    expect(formatChannels({}, 10)).toBe('');
  });
});

describe('which economic columns a report shows', () => {
  const bare = {
    weekly: null,
    handleMinutes: null,
    repeatShare: null,
    earlyLifecycleShare: null,
    satisfaction: null,
    channels: null,
  } as unknown as ClusterSummary;

  it('shows a column when any cluster has its figure, and none for an export without the columns', () => {
    const none = { trend: false, handleTime: false, repeat: false, early: false, csat: false, channels: false };
    expect(economicColumnsShown([bare, bare])).toEqual(none);
    expect(economicColumnsShown([])).toEqual(none);
    const one = (figure: Partial<ClusterSummary>) => economicColumnsShown([bare, { ...bare, ...figure }]);
    expect(one({ weekly: [] })).toEqual({ ...none, trend: true });
    expect(one({ handleMinutes: 0 })).toEqual({ ...none, handleTime: true });
    expect(one({ repeatShare: 0 })).toEqual({ ...none, repeat: true });
    expect(one({ earlyLifecycleShare: 0 })).toEqual({ ...none, early: true });
    expect(one({ satisfaction: { mean: null, answered: 0, impact: null } })).toEqual({ ...none, csat: true });
    expect(one({ channels: {} })).toEqual({ ...none, channels: true });
  });
});

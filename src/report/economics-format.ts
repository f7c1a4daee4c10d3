// Formatting of the economic figures shared by the table and the markdown: growth, shares, minutes, CSAT, sparklines.
import type { ClusterSummary, WeeklyCount } from '../types.js';
import { formatCount } from './format.js';

const BARS = '▁▂▃▄▅▆▇█';

/**
 * "▁▁▁▁▁█": one bar per week (the last `maxWeeks`), from the series' lowest week to its highest, so a spike stands
 * out; a flat series is a flat middle line.
 */
export function sparkline(weekly: readonly WeeklyCount[], maxWeeks = 12): string {
  const shown = weekly.slice(-maxWeeks).map((w) => w.tickets);
  const low = Math.min(...shown);
  const high = Math.max(...shown);
  if (high === low) return BARS[high === 0 ? 0 : 3]!.repeat(shown.length);
  return shown.map((n) => BARS[Math.round(((n - low) / (high - low)) * (BARS.length - 1))]!).join('');
}

/** "+200%", "−16%", "0%"; "—" when there is no growth figure. */
export function formatGrowth(growth: number | null, language: 'en' | 'ru' = 'en'): string {
  if (growth === null) return '—';
  const percent = Math.round(growth * 100);
  const unit = language === 'ru' ? ' %' : '%';
  if (percent === 0) return `0${unit}`;
  return percent > 0 ? `+${formatCount(percent, language)}${unit}` : `−${formatCount(-percent, language)}${unit}`;
}

/** "33%", "4.8%"; in Russian "33 %", "4,8 %"; "—" for null. */
export function formatPercent(share: number | null, language: 'en' | 'ru' = 'en'): string {
  if (share === null) return '—';
  const percent = share * 100;
  const text = `${percent >= 10 || percent === 0 ? Math.round(percent) : percent.toFixed(1)}`;
  return language === 'ru' ? `${text.replace('.', ',')} %` : `${text}%`;
}

const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

/** "2,625.5 min" → "43.8 h" above ten hours; in Russian "2 625,5 мин", "43,8 ч". */
export function formatMinutes(minutes: number, language: 'en' | 'ru' = 'en'): string {
  const locale = language === 'ru' ? 'ru-RU' : 'en-US';
  const [min, h] = language === 'ru' ? ['мин', 'ч'] : ['min', 'h'];
  if (minutes >= 600) return plain(`${(minutes / 60).toLocaleString(locale, { maximumFractionDigits: 1 })} ${h}`);
  return plain(`${minutes.toLocaleString(locale, { maximumFractionDigits: 1 })} ${min}`);
}

/** "8.0 h": one unit down a table column; in Russian "8,0 ч". */
export function formatHours(minutes: number, language: 'en' | 'ru' = 'en'): string {
  const locale = language === 'ru' ? 'ru-RU' : 'en-US';
  const hours = (minutes / 60).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return plain(`${hours} ${language === 'ru' ? 'ч' : 'h'}`);
}

/** "4.50 mean over 30 answered"; "none answered"; in Russian "4,50 в среднем по 30 ответам". */
export function formatSatisfaction(s: ClusterSummary['satisfaction'], language: 'en' | 'ru' = 'en'): string {
  if (language === 'ru') {
    if (s === null || s.mean === null) return 'нет ответов';
    return `${s.mean.toFixed(2).replace('.', ',')} в среднем по ${formatCount(s.answered, 'ru')} ответам`;
  }
  if (s === null || s.mean === null) return 'none answered';
  return `${s.mean.toFixed(2)} mean over ${formatCount(s.answered)} answered`;
}

/** A CSAT mean with two decimals in the reader's notation: "4.50" / "4,50". */
export function formatScore(score: number, language: 'en' | 'ru' = 'en'): string {
  const text = score.toFixed(2);
  return language === 'ru' ? text.replace('.', ',') : text;
}

/** "+0.13", "−0.50" ("+0,13" in Russian); "—" for null. */
export function formatImpact(impact: number | null, language: 'en' | 'ru' = 'en'): string {
  if (impact === null) return '—';
  const rounded = Math.round(impact * 100) / 100;
  if (rounded === 0) return formatScore(0, language);
  return rounded > 0 ? `+${formatScore(rounded, language)}` : `−${formatScore(-rounded, language)}`;
}

/** "Почта 30 (100%), Чат 2 (6%)": the top channels of a cluster. */
export function formatChannels(
  channels: Record<string, number> | null,
  size: number,
  top = 3,
  language: 'en' | 'ru' = 'en',
): string {
  if (channels === null) return '—';
  const entries = Object.entries(channels);
  const shown = entries
    .slice(0, top)
    .map(([name, n]) => `${name} ${formatCount(n, language)} (${formatPercent(size > 0 ? n / size : 0, language)})`);
  return entries.length > top ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** Which economic figures the run has at all, so reports show only columns that carry something. */
export interface EconomicColumnsShown {
  trend: boolean;
  handleTime: boolean;
  repeat: boolean;
  early: boolean;
  csat: boolean;
  channels: boolean;
}

export function economicColumnsShown(clusters: readonly ClusterSummary[]): EconomicColumnsShown {
  const any = (has: (c: ClusterSummary) => boolean) => clusters.some(has);
  return {
    trend: any((c) => c.weekly !== null),
    handleTime: any((c) => c.handleMinutes !== null),
    repeat: any((c) => c.repeatShare !== null),
    early: any((c) => c.earlyLifecycleShare !== null),
    csat: any((c) => c.satisfaction !== null),
    channels: any((c) => c.channels !== null),
  };
}

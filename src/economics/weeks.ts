// ISO weeks, weekly ticket counts per cluster, and growth of the last full week.
import type { Period, WeeklyCount } from '../types.js';

const DAY_MS = 86_400_000;

/** Below this many tickets a week, growth is measured against the floor: 2 → 4 tickets is +40%, not +100%. */
export const GROWTH_FLOOR_TICKETS = 5;

/** Days since 1970-01-01 (UTC) of an epoch-millisecond time. */
export function dayNumber(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** Consecutive number of the ISO week (Monday to Sunday) a day falls in; 1970-01-01 was a Thursday. */
export function weekNumber(day: number): number {
  return Math.floor((day + 3) / 7);
}

/** 0 = Monday … 6 = Sunday. */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** "2026-W45" for a week number from weekNumber. */
export function isoWeekName(week: number): string {
  const monday = week * 7 - 3;
  const thursday = new Date((monday + 3) * DAY_MS);
  // The ISO year is the year of the week's Thursday.
  const year = thursday.getUTCFullYear();
  const firstOfYear = Date.UTC(year, 0, 1) / DAY_MS;
  const index = Math.floor((monday + 3 - firstOfYear) / 7) + 1;
  return `${year}-W${String(index).padStart(2, '0')}`;
}

function dayName(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export interface WeeklyTable {
  period: Period;
  /** Week number of the period's first week. */
  firstWeek: number;
  weeks: number;
  /** Counts, group-major: counts[g * weeks + w]; groups are the clusters then noise. */
  counts: Int32Array;
  /** Tickets with no created-at (not in any week). */
  undated: number;
}

/**
 * Tickets per ISO week per group (clusters 0..clusterCount-1, then noise as group clusterCount).
 * null when no ticket has a date.
 */
export function weeklyCounts(createdMs: Float64Array, labels: Int32Array, clusterCount: number): WeeklyTable | null {
  let first = Infinity;
  let last = -Infinity;
  let undated = 0;
  for (let i = 0; i < createdMs.length; i++) {
    const t = createdMs[i]!;
    if (Number.isNaN(t)) {
      undated++;
      continue;
    }
    if (t < first) first = t;
    if (t > last) last = t;
  }
  if (first === Infinity) return null;
  const fromDay = dayNumber(first);
  const toDay = dayNumber(last);
  const firstWeek = weekNumber(fromDay);
  const weeks = weekNumber(toDay) - firstWeek + 1;
  const counts = new Int32Array((clusterCount + 1) * weeks);
  for (let i = 0; i < createdMs.length; i++) {
    const t = createdMs[i]!;
    if (Number.isNaN(t)) continue;
    const group = labels[i]! < 0 ? clusterCount : labels[i]!;
    counts[group * weeks + weekNumber(dayNumber(t)) - firstWeek]++;
  }
  return { period: { from: dayName(fromDay), to: dayName(toDay), weeks }, firstWeek, weeks, counts, undated };
}

/** The weekly series of one group, every week of the period listed (zeros too), for charts and sparklines. */
export function weeklySeries(table: WeeklyTable, group: number): WeeklyCount[] {
  const series: WeeklyCount[] = [];
  for (let w = 0; w < table.weeks; w++) {
    series.push({ week: isoWeekName(table.firstWeek + w), tickets: table.counts[group * table.weeks + w]! });
  }
  return series;
}

/** Which weeks growth compares: the last full week, and the full weeks before it. null when there are too few. */
export interface GrowthWindow {
  /** Index (within the period) of the last full week. */
  last: number;
  /** Index of the first full week. */
  first: number;
}

/**
 * A week is full when the export covers it from Monday to Sunday: the first week only if the period starts on a
 * Monday, the last only if it ends on a Sunday. Growth needs the last full week and at least one full week before.
 */
export function growthWindow(table: WeeklyTable): GrowthWindow | null {
  const fromDay = Date.parse(table.period.from) / DAY_MS;
  const toDay = Date.parse(table.period.to) / DAY_MS;
  const first = weekday(fromDay) === 0 ? 0 : 1;
  const last = weekday(toDay) === 6 ? table.weeks - 1 : table.weeks - 2;
  return last - first >= 1 ? { last, first } : null;
}

/** (last full week − mean of the full weeks before) / max(that mean, GROWTH_FLOOR_TICKETS). */
export function growthOf(table: WeeklyTable, window: GrowthWindow, group: number): number {
  const row = group * table.weeks;
  let before = 0;
  for (let w = window.first; w < window.last; w++) before += table.counts[row + w]!;
  const mean = before / (window.last - window.first);
  return (table.counts[row + window.last]! - mean) / Math.max(mean, GROWTH_FLOOR_TICKETS);
}
